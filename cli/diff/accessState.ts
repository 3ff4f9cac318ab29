// A plan report's access, keyed for comparison: machines by URN, grants by machine × audience, APIs
// by identifier, exemptions by policy × resource, findings by policy × level × resource × message (a finding turned mandatory is new). A key
// names what the access is, not how the program spells it, so renaming a grant's logical name is
// no access change.
import { byText, EXEMPTIONS_APPLIED_POLICY, type PlanReport } from "../report/types";
import type { AccessState, ApiState, ExemptionState, FindingState, GrantState, MachineState } from "./types";

const SEP = "\u0000";
const byKey = (a: { key: string }, b: { key: string }) => byText(a.key, b.key);

export function accessStateOf(report: Pick<PlanReport, "machines" | "grants" | "apis" | "exemptions" | "deployerScopes" | "diagnostics">): AccessState {
    const machines: MachineState[] = report.machines.map((m) => ({
        key: m.urn,
        machine: m.machine,
        name: m.name,
        authenticationMethod: m.authenticationMethod,
        tokenQuota: m.tokenQuota,
    }));

    // A client may hold one grant per audience and subject type, so a pair can repeat: then each of
    // its grants is told apart by its URN.
    const pairOf = (g: PlanReport["grants"][number]) => `${g.machineUrn ?? `client:${g.machine}`}${SEP}${String(g.audience)}`;
    const pairCounts = new Map<string, number>();
    for (const g of report.grants) pairCounts.set(pairOf(g), (pairCounts.get(pairOf(g)) ?? 0) + 1);
    const grants: GrantState[] = report.grants.map((g) => ({
        key: pairCounts.get(pairOf(g))! > 1 ? `${pairOf(g)}${SEP}${g.urn}` : pairOf(g),
        machine: g.machine,
        audience: g.audience,
        api: g.api,
        managementApi: g.managementApi,
        scopes: typeof g.scopes === "string" ? g.scopes : [...new Set(g.scopes.map(String))].sort(byText),
        allowAllScopes: g.allowAllScopes,
        // Unset is Auth0's "client" (PlanGrant.subjectType), so naming the default is no change. `??`: a base report may predate these fields.
        subjectType: g.subjectType ?? "client",
        organizationUsage: g.organizationUsage ?? null,
        allowAnyOrganization: g.allowAnyOrganization ?? false,
    }));

    const apiKeys = new Set<string>();
    const apis: ApiState[] = [];
    for (const a of report.apis) {
        const key = typeof a.identifier === "string" && !apiKeys.has(a.identifier) ? a.identifier : `${a.identifier}${SEP}${a.urn ?? a.label}`;
        apiKeys.add(key);
        apis.push({
            key,
            label: a.label,
            managementApi: a.managementApi,
            managed: a.urn !== null,
            tokenLifetime: a.tokenLifetime,
            tokenLifetimeForWeb: a.tokenLifetimeForWeb,
            accessPolicy: a.accessPolicy,
        });
    }

    const exemptions = new Map<string, ExemptionState>();
    for (const e of report.exemptions) {
        let key = `${e.policy}${SEP}${e.resource}`;
        // The same pattern twice under one policy: the later ones are told apart by their expiry.
        if (exemptions.has(key)) key = `${key}${SEP}${e.expires}${SEP}${exemptions.size}`;
        const scopes = e.scopes === undefined ? {} : { scopes: [...new Set(e.scopes)].sort(byText) };
        exemptions.set(key, { key, policy: e.policy, resource: e.resource, reason: e.reason, expires: e.expires, ...scopes });
    }

    const findings = new Map<string, FindingState>();
    for (const d of report.diagnostics) {
        if (d.policy === EXEMPTIONS_APPLIED_POLICY) continue;
        const key = [d.policy, d.level, d.resource ?? "", d.message].join(SEP);
        findings.set(key, { key, policy: d.policy, level: d.level, resource: d.resource, resourceName: d.resourceName, resourceType: d.resourceType, message: d.message });
    }

    return {
        machines: machines.sort(byKey),
        grants: dedupe(grants).sort(byKey),
        apis: apis.sort(byKey),
        exemptions: [...exemptions.values()].sort(byKey),
        deployerScopes: [...new Set(report.deployerScopes.map((s) => s.scope))].sort(byText),
        findings: [...findings.values()].sort(byKey),
    };
}

/** The model of a stack that doesn't exist yet on the base: nothing granted. */
export const EMPTY_ACCESS: AccessState = { machines: [], grants: [], apis: [], exemptions: [], deployerScopes: [], findings: [] };

/** Two grants with the same key and URN-less origin can't be told apart: keep the first. */
function dedupe<T extends { key: string }>(entries: T[]): T[] {
    const seen = new Set<string>();
    return entries.filter((e) => !seen.has(e.key) && seen.add(e.key) !== undefined);
}
