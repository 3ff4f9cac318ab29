// diff(A, B): what changes between two access models of one stack, each change marked with how it
// moves access. Pure; applyDiff.ts is its inverse check (applyDiff(A, diff(A, B)) equals B).
import { formatSeconds, number } from "../report/wording";
import { byText } from "../report/types";
import { SECRET_TEXT, UNKNOWN_TEXT, type Shown } from "../values";
import { DEFAULT_SCOPE_RISKS } from "../report/scopeRisks";
import type { PlanScopeRisks } from "../report/entryTypes";
import {
    accessPolicyRisk,
    allowAllScopesRisk,
    anyOrganizationRisk,
    authenticationRisk,
    exemptionExpiryRisk,
    exemptionScopesRisk,
    lifetimeRisk,
    organizationUsageRisk,
    quotaRisk,
    scopeGainRisk,
    scopeMarksOf,
    strongest,
    subjectTypeRisk,
    type ScopeMarks,
} from "./risk";
import type { AccessDiff, AccessState, ApiState, EntityChange, ExemptionState, FieldChange, GrantChange, GrantState, MachineState, Risk, ScopeChange } from "./types";

/** An exemption that expires within this many days of the plan is flagged as about to expire. */
export const EXPIRY_WARNING_DAYS = 14;

/** `scopeRisks`: the escalation and sensitive lists in effect for head's plan (its report's scopeRisks). */
export function diffAccess(base: AccessState, head: AccessState, now: Date, scopeRisks: Pick<PlanScopeRisks, "escalation" | "sensitive"> = DEFAULT_SCOPE_RISKS): AccessDiff {
    const marks = scopeMarksOf(scopeRisks);
    const machines = pair(base.machines, head.machines);
    const grants = pair(base.grants, head.grants);
    const apis = pair(base.apis, head.apis);
    const exemptions = pair(base.exemptions, head.exemptions);
    const baseScopes = new Set(base.deployerScopes);
    const headScopes = new Set(head.deployerScopes);
    const baseFindings = new Set(base.findings.map((f) => f.key));
    const headFindings = new Set(head.findings.map((f) => f.key));
    const warnAfter = isoDay(new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000));

    return {
        machines: {
            added: machines.added.map((entry) => ({ entry, risk: "widening" })),
            removed: machines.removed,
            changed: changes(machines.both, machineFields),
        },
        grants: {
            added: grants.added.map((entry) => {
                const scopes = scopeList(entry).map((scope) => ({ scope, risk: scopeGainRisk(scope, entry.managementApi, marks) }));
                const allowAll = entry.allowAllScopes ? [allowAllScopesRisk(true, entry.managementApi, marks)] : [];
                return { entry, scopes, risk: strongest(["widening", ...allowAll, ...scopes.map((s) => s.risk)]) };
            }),
            removed: grants.removed,
            changed: grants.both.map(([before, after]) => grantChange(before, after, marks)).filter((c): c is GrantChange => c !== undefined),
        },
        apis: {
            added: apis.added.map((entry) => ({ entry, risk: entry.managed ? "widening" : "neutral" })),
            removed: apis.removed,
            changed: changes(apis.both, apiFields),
        },
        exemptions: {
            added: exemptions.added.map((entry) => ({ entry, risk: "widening" })),
            removed: exemptions.removed,
            changed: changes(exemptions.both, exemptionFields),
            expiringSoon: head.exemptions.filter((e) => e.expires <= warnAfter),
        },
        deployerScopes: {
            added: head.deployerScopes.filter((s) => !baseScopes.has(s)).map((scope) => ({ scope, risk: scopeGainRisk(scope, true, marks) })),
            removed: base.deployerScopes.filter((s) => !headScopes.has(s)),
        },
        findings: {
            new: head.findings.filter((f) => !baseFindings.has(f.key)),
            resolved: base.findings.filter((f) => !headFindings.has(f.key)),
        },
    };
}

/** True when nothing in the diff differs (an expiring exemption alone is a warning, not a change). */
export function isEmptyDiff(diff: AccessDiff): boolean {
    const { machines, grants, apis, exemptions, deployerScopes, findings } = diff;
    return [machines.added, machines.removed, machines.changed, grants.added, grants.removed, grants.changed, apis.added, apis.removed, apis.changed,
        exemptions.added, exemptions.removed, exemptions.changed, deployerScopes.added, deployerScopes.removed, findings.new, findings.resolved].every((l) => l.length === 0);
}

/** The strongest risk of any change in the diff; null when it is empty. */
export function diffRisk(diff: AccessDiff): Risk | null {
    if (isEmptyDiff(diff)) return null;
    const narrowing: Risk[] = [diff.machines.removed, diff.grants.removed, diff.apis.removed, diff.exemptions.removed, diff.deployerScopes.removed].some((l) => l.length > 0) ? ["narrowing"] : [];
    return strongest([
        ...narrowing,
        ...[diff.machines, diff.grants, diff.apis, diff.exemptions].flatMap((kind) => [...kind.added, ...kind.changed].map((c) => c.risk)),
        ...diff.deployerScopes.added.map((s) => s.risk),
    ]);
}

/** A grant's scopes as a list: a secret or unknown list is one marker entry. */
export function scopeList(grant: GrantState): readonly string[] {
    return typeof grant.scopes === "string" ? [grant.scopes] : grant.scopes;
}

function grantChange(before: GrantState, after: GrantState, marks: ScopeMarks): GrantChange | undefined {
    const [was, now] = [new Set(scopeList(before)), new Set(scopeList(after))];
    const scopesAdded: ScopeChange[] = scopeList(after).filter((s) => !was.has(s)).map((scope) => ({ scope, risk: scopeGainRisk(scope, after.managementApi, marks) }));
    const scopesRemoved = scopeList(before).filter((s) => !now.has(s));
    const fields: FieldChange[] = [];
    field(fields, "machine", before.machine, after.machine, "neutral");
    field(fields, "api", before.api, after.api, "neutral");
    field(fields, "allowAllScopes", String(before.allowAllScopes), String(after.allowAllScopes), allowAllScopesRisk(after.allowAllScopes, after.managementApi, marks));
    field(fields, "scopes", typeof before.scopes, typeof after.scopes, "neutral");
    field(fields, "subjectType", shownText(before.subjectType, String, "unset"), shownText(after.subjectType, String, "unset"), subjectTypeRisk(before.subjectType, after.subjectType));
    field(fields, "organizationUsage", shownText(before.organizationUsage, String, "unset"), shownText(after.organizationUsage, String, "unset"), organizationUsageRisk(before.organizationUsage, after.organizationUsage));
    field(fields, "allowAnyOrganization", String(before.allowAnyOrganization), String(after.allowAnyOrganization), anyOrganizationRisk(before.allowAnyOrganization, after.allowAnyOrganization));
    if (scopesAdded.length + scopesRemoved.length + fields.length === 0 && before.managementApi === after.managementApi && before.audience === after.audience) return undefined;
    const risk = strongest([...scopesAdded.map((s) => s.risk), ...fields.map((f) => f.risk), scopesRemoved.length > 0 ? "narrowing" : "neutral"]);
    return { key: after.key, before, after, risk, scopesAdded, scopesRemoved, fields };
}

function machineFields(before: MachineState, after: MachineState): FieldChange[] {
    const fields: FieldChange[] = [];
    field(fields, "machine", before.machine, after.machine, "neutral");
    field(fields, "name", before.name, after.name, "neutral");
    field(fields, "authenticationMethod", shownText(before.authenticationMethod, String, "no credentials resource"), shownText(after.authenticationMethod, String, "no credentials resource"), authenticationRisk(before.authenticationMethod, after.authenticationMethod));
    field(fields, "tokenQuota", quotaText(before.tokenQuota), quotaText(after.tokenQuota), quotaRisk(before.tokenQuota, after.tokenQuota));
    return fields;
}

function apiFields(before: ApiState, after: ApiState): FieldChange[] {
    const fields: FieldChange[] = [];
    field(fields, "label", before.label, after.label, "neutral");
    field(fields, "managed", String(before.managed), String(after.managed), "neutral");
    field(fields, "managementApi", String(before.managementApi), String(after.managementApi), "neutral");
    for (const name of ["tokenLifetime", "tokenLifetimeForWeb"] as const) {
        field(fields, name, shownText(before[name], formatSeconds, "unset"), shownText(after[name], formatSeconds, "unset"), lifetimeRisk(before[name], after[name], name));
    }
    for (const subject of ["user", "client"] as const) {
        const [b, a] = [before.accessPolicy[subject], after.accessPolicy[subject]];
        field(fields, `accessPolicy.${subject}`, shownText(b, String, "unset"), shownText(a, String, "unset"), accessPolicyRisk(b, a));
    }
    return fields;
}

function exemptionFields(before: ExemptionState, after: ExemptionState): FieldChange[] {
    const fields: FieldChange[] = [];
    field(fields, "expires", before.expires, after.expires, exemptionExpiryRisk(before.expires, after.expires));
    field(fields, "scopes", scopesText(before.scopes), scopesText(after.scopes), exemptionScopesRisk(before.scopes, after.scopes));
    field(fields, "reason", before.reason, after.reason, "neutral");
    field(fields, "policy", before.policy, after.policy, "neutral");
    field(fields, "resource", before.resource, after.resource, "neutral");
    return fields;
}

function field(fields: FieldChange[], name: string, before: string, after: string, risk: Risk): void {
    if (before !== after) fields.push({ field: name, before, after, risk });
}

function changes<T extends { key: string }>(both: readonly (readonly [T, T])[], fieldsOf: (before: T, after: T) => FieldChange[]): EntityChange<T>[] {
    return both.flatMap(([before, after]) => {
        const fields = fieldsOf(before, after);
        return fields.length === 0 ? [] : [{ key: after.key, before, after, fields, risk: strongest(fields.map((f) => f.risk)) }];
    });
}

/** Entries only on the base, only on head, and on both (by key). */
function pair<T extends { key: string }>(base: readonly T[], head: readonly T[]): { added: T[]; removed: T[]; both: (readonly [T, T])[] } {
    const baseByKey = new Map(base.map((e) => [e.key, e] as const));
    const headKeys = new Set(head.map((e) => e.key));
    return {
        added: head.filter((e) => !baseByKey.has(e.key)),
        removed: base.filter((e) => !headKeys.has(e.key)),
        both: head.filter((e) => baseByKey.has(e.key)).map((e) => [baseByKey.get(e.key)!, e] as const),
    };
}

function shownText<T>(value: Shown<T> | null, format: (v: T) => string, unset: string): string {
    if (value === null) return unset;
    if (value === SECRET_TEXT) return SECRET_TEXT;
    if (value === UNKNOWN_TEXT) return "(known after deployment)";
    return format(value as T);
}

function quotaText(quota: MachineState["tokenQuota"]): string {
    if (quota === null) return "no client quota";
    const part = (v: Shown<number> | null, unit: string) => (v === null ? `no ${unit} limit` : `${shownText(v, number, "")}/${unit}`);
    const enforce = quota.enforce === null ? "enforce unset" : quota.enforce === true ? "enforced" : quota.enforce === false ? "not enforced" : `enforce ${quota.enforce}`;
    return [part(quota.perHour, "hour"), part(quota.perDay, "day"), enforce].join(", ");
}

/** An exemption's accepted scopes as the reports word them. */
const scopesText = (scopes: readonly string[] | undefined) => (scopes === undefined ? "(the whole resource)" : scopes.join(", ") || "(none)");

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
