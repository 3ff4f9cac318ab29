// Live against declared: what the tenant holds that no stack declares, what the stack declares that
// differs from what is live, and applications that exist only live. Both sides are the plan's model
// (cli/report), each built once, and compared like with like:
// - applications: those the model lists on either side, i.e. every client that can use client
//   credentials, and every other client (SPA, web app) that holds a grant. A user-facing app with no
//   grant is not this tool's business on either side, so it is never "only live";
// - grants: by application name, audience and subject type (a client holds one grant per audience
//   and subject type), since a stack's client ids are not known offline; scope drift per scope;
// - APIs: by identifier; a lifetime only where the stack declares one (unset means Auth0's default).
import { buildReport, type PlanApi, type PlanGrant, type PlanMachine, type PlanReport } from "../report/report";
import type { CapturedResource } from "../program/protocol";
import { accessMatrix, type AccessEntry } from "./accessMatrix";
import type { LiveObject } from "./liveResources";

export type ScopeDrift = Pick<PlanGrant, "machine" | "audience" | "subjectType"> & {
    readonly scope: string;
    /** "live-only": granted live, not declared; "declared-only": declared, not granted live. */
    readonly state: "live-only" | "declared-only";
};

export interface ApiDrift {
    readonly identifier: string;
    readonly field: keyof Pick<PlanApi, "tokenLifetime" | "tokenLifetimeForWeb"> | "scope";
    /** For a scope, the scope; for a lifetime, the field. */
    readonly detail: string;
    readonly live: string | null;
    readonly declared: string | null;
}

export interface Drift {
    readonly project: string;
    readonly stack: string;
    readonly applicationsOnlyLive: readonly LiveObject[];
    /** The declared applications' names (PlanMachine.machine). */
    readonly applicationsOnlyDeclared: readonly string[];
    /** Live grants no stack declares. */
    readonly grantsOnlyLive: readonly AccessEntry[];
    readonly grantsOnlyDeclared: readonly AccessEntry[];
    readonly scopes: readonly ScopeDrift[];
    readonly apisOnlyLive: readonly string[];
    readonly apisOnlyDeclared: readonly string[];
    readonly apis: readonly ApiDrift[];
    readonly total: number;
}

export interface DeclaredModel {
    readonly project: string;
    readonly stack: string;
    readonly report: PlanReport;
}

/** The plan's model of what a stack's program registers (no findings: the audit judges only what is live). */
export function declaredModel(declared: { readonly project: string; readonly stack: string; readonly resources: readonly CapturedResource[] }): DeclaredModel {
    const report = buildReport({ tool: { name: "", version: "" }, project: declared.project, stack: declared.stack, policyPack: { name: "", version: "" }, resources: declared.resources, diagnostics: [] });
    return { project: declared.project, stack: declared.stack, report };
}

const grantKey = (e: AccessEntry) => `${e.machine}\u0000${String(e.audience)}\u0000${String(e.subjectType ?? "client")}`;
const scopeList = (e: AccessEntry) => (Array.isArray(e.scopes) ? e.scopes.map(String) : []);
const applications = (r: PlanReport): PlanMachine[] => [...r.machines, ...r.otherApplications];

function scopeDrift(live: ReadonlyMap<string, AccessEntry>, declared: ReadonlyMap<string, AccessEntry>): ScopeDrift[] {
    const scopes: ScopeDrift[] = [];
    for (const [k, liveEntry] of live) {
        const declaredEntry = declared.get(k);
        if (!declaredEntry) continue;
        const at = { machine: liveEntry.machine, audience: liveEntry.audience, subjectType: liveEntry.subjectType };
        const [liveScopes, declaredScopes] = [scopeList(liveEntry), scopeList(declaredEntry)];
        for (const scope of liveScopes) if (!declaredScopes.includes(scope)) scopes.push({ ...at, scope, state: "live-only" });
        for (const scope of declaredScopes) if (!liveScopes.includes(scope)) scopes.push({ ...at, scope, state: "declared-only" });
    }
    return scopes;
}

function apiDrift(liveApis: ReadonlyMap<string, PlanApi>, declaredApis: ReadonlyMap<string, PlanApi>): ApiDrift[] {
    const apis: ApiDrift[] = [];
    for (const [identifier, declaredApi] of declaredApis) {
        const liveApi = liveApis.get(identifier);
        if (!liveApi) continue;
        for (const field of ["tokenLifetime", "tokenLifetimeForWeb"] as const) {
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
    return apis;
}

/** `live.report` is the audit's own model of the tenant (built once, with its findings); `live.objects` names each URN's live object. */
export function computeDrift(live: { readonly report: PlanReport; readonly objects: ReadonlyMap<string, LiveObject> }, declared: DeclaredModel): Drift {
    const liveAccess = new Map(accessMatrix(live.report.grants).map((e) => [grantKey(e), e]));
    const declaredAccess = new Map(accessMatrix(declared.report.grants).map((e) => [grantKey(e), e]));
    const grantsOnlyLive = [...liveAccess.values()].filter((e) => !declaredAccess.has(grantKey(e)));
    const grantsOnlyDeclared = [...declaredAccess.values()].filter((e) => !liveAccess.has(grantKey(e)));
    const scopes = scopeDrift(liveAccess, declaredAccess);

    const declaredNames = new Set(applications(declared.report).map((m) => m.machine));
    const liveNames = new Set(applications(live.report).map((m) => m.machine));
    const applicationsOnlyLive = applications(live.report)
        .filter((m) => !declaredNames.has(m.machine))
        .map((m) => live.objects.get(m.urn) ?? { kind: "application" as const, id: m.name, name: m.machine });
    const applicationsOnlyDeclared = [...declaredNames].filter((m) => !liveNames.has(m)).sort();

    const apiMap = (r: PlanReport) => new Map(r.apis.filter((a) => a.urn !== null).map((a) => [String(a.identifier), a]));
    const liveApis = apiMap(live.report);
    const declaredApis = apiMap(declared.report);
    const apis = apiDrift(liveApis, declaredApis);
    const apisOnlyLive = [...liveApis.keys()].filter((i) => !declaredApis.has(i) && !liveApis.get(i)!.managementApi).sort();
    const apisOnlyDeclared = [...declaredApis.keys()].filter((i) => !liveApis.has(i)).sort();

    const parts = [applicationsOnlyLive, applicationsOnlyDeclared, grantsOnlyLive, grantsOnlyDeclared, scopes, apisOnlyLive, apisOnlyDeclared, apis];
    return { project: declared.project, stack: declared.stack, applicationsOnlyLive, applicationsOnlyDeclared, grantsOnlyLive, grantsOnlyDeclared, scopes, apisOnlyLive, apisOnlyDeclared, apis, total: parts.reduce((n, p) => n + p.length, 0) };
}
