// Live against declared: what the tenant holds that no stack declares, what the stack declares that
// differs from what is live, and applications that exist only live. Grants and applications are
// matched by the application's name and the API's identifier (a stack's client ids are not known
// offline); scope drift is listed per scope.
import { buildReport, type PlanReport } from "../report/report";
import type { CapturedResource } from "../program/protocol";
import { accessMatrix, type AccessEntry } from "./accessMatrix";
import type { LiveObject } from "./liveResources";

export interface ScopeDrift {
    readonly application: string;
    readonly audience: string;
    readonly scope: string;
    /** "live-only": granted live, not declared; "declared-only": declared, not granted live. */
    readonly state: "live-only" | "declared-only";
}

export interface ApiDrift {
    readonly identifier: string;
    readonly field: "tokenLifetime" | "tokenLifetimeForWeb" | "scope";
    /** For a scope, the scope; for a lifetime, the values. */
    readonly detail: string;
    readonly live: string | null;
    readonly declared: string | null;
}

export interface Drift {
    readonly project: string;
    readonly stack: string;
    readonly applicationsOnlyLive: readonly LiveObject[];
    readonly applicationsOnlyDeclared: readonly string[];
    /** Live grants (application → audience) no stack declares. */
    readonly grantsOnlyLive: readonly AccessEntry[];
    readonly grantsOnlyDeclared: readonly AccessEntry[];
    readonly scopes: readonly ScopeDrift[];
    readonly apisOnlyLive: readonly string[];
    readonly apisOnlyDeclared: readonly string[];
    readonly apis: readonly ApiDrift[];
    readonly total: number;
}

const key = (e: { application: string; audience: string }) => `${e.application}\u0000${e.audience}`;

function report(resources: readonly CapturedResource[]): PlanReport {
    return buildReport({ tool: { name: "", version: "" }, project: "", stack: "", policyPack: { name: "", version: "" }, resources, diagnostics: [] });
}

export function computeDrift(
    live: { readonly resources: readonly CapturedResource[]; readonly applications: readonly LiveObject[] },
    declared: { readonly project: string; readonly stack: string; readonly resources: readonly CapturedResource[] },
): Drift {
    const liveReport = report(live.resources);
    const declaredReport = report(declared.resources);
    const liveAccess = new Map(accessMatrix(liveReport.grants).map((e) => [key(e), e]));
    const declaredAccess = new Map(accessMatrix(declaredReport.grants).map((e) => [key(e), e]));

    const grantsOnlyLive = [...liveAccess.values()].filter((e) => !declaredAccess.has(key(e)));
    const grantsOnlyDeclared = [...declaredAccess.values()].filter((e) => !liveAccess.has(key(e)));
    const scopes: ScopeDrift[] = [];
    for (const [k, liveEntry] of liveAccess) {
        const declaredEntry = declaredAccess.get(k);
        if (!declaredEntry) continue;
        const at = { application: liveEntry.application, audience: liveEntry.audience };
        for (const scope of liveEntry.scopes) if (!declaredEntry.scopes.includes(scope)) scopes.push({ ...at, scope, state: "live-only" });
        for (const scope of declaredEntry.scopes) if (!liveEntry.scopes.includes(scope)) scopes.push({ ...at, scope, state: "declared-only" });
    }

    const declaredMachines = new Set(declaredReport.machines.map((m) => m.machine));
    const liveMachines = new Set(live.applications.map((a) => a.name));
    const applicationsOnlyLive = live.applications.filter((a) => !declaredMachines.has(a.name));
    const applicationsOnlyDeclared = [...declaredMachines].filter((m) => !liveMachines.has(m)).sort();

    const apiMap = (r: PlanReport) => new Map(r.apis.filter((a) => a.urn !== null).map((a) => [String(a.identifier), a]));
    const liveApis = apiMap(liveReport);
    const declaredApis = apiMap(declaredReport);
    const apis: ApiDrift[] = [];
    for (const [identifier, declaredApi] of declaredApis) {
        const liveApi = liveApis.get(identifier);
        if (!liveApi) continue;
        for (const field of ["tokenLifetime", "tokenLifetimeForWeb"] as const) {
            // Unset declared means "Auth0's default": only a declared value can differ.
            if (declaredApi[field] !== null && String(declaredApi[field]) !== String(liveApi[field])) {
                apis.push({ identifier, field, detail: field, live: liveApi[field] === null ? null : String(liveApi[field]), declared: String(declaredApi[field]) });
            }
        }
        if (declaredApi.scopes !== null && !declaredApi.managementApi) {
            const liveScopes = (liveApi.scopes ?? []).map(String);
            const declaredScopes = declaredApi.scopes.map(String);
            for (const s of liveScopes) if (!declaredScopes.includes(s)) apis.push({ identifier, field: "scope", detail: s, live: s, declared: null });
            for (const s of declaredScopes) if (!liveScopes.includes(s)) apis.push({ identifier, field: "scope", detail: s, live: null, declared: s });
        }
    }
    const apisOnlyLive = [...liveApis.keys()].filter((i) => !declaredApis.has(i) && !liveApis.get(i)!.managementApi).sort();
    const apisOnlyDeclared = [...declaredApis.keys()].filter((i) => !liveApis.has(i)).sort();

    return {
        project: declared.project,
        stack: declared.stack,
        applicationsOnlyLive,
        applicationsOnlyDeclared,
        grantsOnlyLive,
        grantsOnlyDeclared,
        scopes,
        apisOnlyLive,
        apisOnlyDeclared,
        apis,
        total: applicationsOnlyLive.length + applicationsOnlyDeclared.length + grantsOnlyLive.length + grantsOnlyDeclared.length + scopes.length + apisOnlyLive.length + apisOnlyDeclared.length + apis.length,
    };
}
