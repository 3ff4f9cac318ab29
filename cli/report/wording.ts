// Wording the text and Markdown reports share: numbers, lifetimes, quotas, verdicts.
import { AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS, AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS, AUTH0_DEFAULT_USER_ACCESS_POLICY } from "../../policy-pack/guardrails";
import { SECRET_TEXT, UNKNOWN_TEXT, type Shown } from "../values";
import type { PlanApi, PlanDeployerScope, PlanDiagnostic, PlanGrant, PlanMachine, PlanReport } from "./types";

export const number = (n: number) => n.toLocaleString("en-US");

/** "604,800 s (7 d)". */
export function formatSeconds(seconds: number): string {
    const units: [number, string][] = [
        [86_400, "d"],
        [3_600, "h"],
        [60, "min"],
    ];
    const unit = units.find(([size]) => seconds >= size && seconds % size === 0);
    return unit ? `${number(seconds)} s (${number(seconds / unit[0])} ${unit[1]})` : `${number(seconds)} s`;
}

export function shown<T>(value: Shown<T>, format: (v: T) => string): string {
    if (value === SECRET_TEXT) return SECRET_TEXT;
    if (value === UNKNOWN_TEXT) return "(known after deployment)";
    return format(value as T);
}

export function lifetime(api: PlanApi | undefined, field: "tokenLifetime" | "tokenLifetimeForWeb"): string {
    if (!api || api.urn === null) return "not managed by this program";
    const value = api[field];
    if (value === null) {
        // An adopted API keeps the tenant's current value for an unset field, which the plan can't see.
        if (api.adopted) return "unset: keeps the tenant's current value (can't verify)";
        const fallback = field === "tokenLifetime" ? AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS : AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS;
        return `unset (Auth0 default ${formatSeconds(fallback)})`;
    }
    return shown(value, formatSeconds);
}

/** "user deny_all, client require_client_grant, RBAC on"; unset user access says it is Auth0's open default. */
export function accessPolicy(api: PlanApi): string {
    if (api.urn === null) return "not managed by this program";
    if (api.managementApi) return "n/a (system API)";
    const { user: userPolicy, client: clientPolicy } = api.accessPolicy;
    const enforcePolicies = api.enforcePolicies;
    const user = userPolicy === null ? `user unset (Auth0's default ${AUTH0_DEFAULT_USER_ACCESS_POLICY}: every application)` : `user ${shown(userPolicy, String)}`;
    const client = clientPolicy === null ? "client unset" : `client ${shown(clientPolicy, String)}`;
    const rbac = enforcePolicies === null ? "RBAC unset" : enforcePolicies === true ? "RBAC on" : enforcePolicies === false ? "RBAC off" : `RBAC ${shown(enforcePolicies, String)}`;
    return `${user}, ${client}, ${rbac}`;
}

/** "mtls, required", or "not bound". */
export function tokenBinding(api: PlanApi): string {
    const pop = api.proofOfPossession;
    if (!pop || pop.mechanism === null) return "not bound";
    const required = pop.required === true ? "required" : pop.required === null || pop.required === false ? "optional" : `required ${shown(pop.required, String)}`;
    return `${shown(pop.mechanism, String)}, ${required}`;
}

/** "user-delegated; organizations: require, any organization", or "" for a plain client-credentials grant. */
export function grantContext(grant: PlanGrant): string {
    const parts: string[] = [];
    if (grant.subjectType !== null && grant.subjectType !== "client") parts.push(grant.subjectType === "user" ? "user-delegated" : `subject ${shown(grant.subjectType, String)}`);
    if (grant.organizationUsage !== null) parts.push(`organizations: ${shown(grant.organizationUsage, String)}`);
    if (grant.allowAnyOrganization) parts.push("any organization (allowAnyOrganization)");
    return parts.join("; ");
}

export function authentication(machine: PlanMachine): string {
    return machine.authenticationMethod === null ? "no credentials resource" : shown(machine.authenticationMethod, String);
}

export function quota(machine: PlanMachine): string {
    const q = machine.tokenQuota;
    if (!q) return "no client quota";
    const parts: string[] = [];
    if (q.perHour !== null) parts.push(`${shown(q.perHour, number)}/hour`);
    if (q.perDay !== null) parts.push(`${shown(q.perDay, number)}/day`);
    if (parts.length === 0) parts.push("no limits set");
    if (q.enforce !== null) parts.push(q.enforce === true ? "enforced" : q.enforce === false ? "not enforced" : `enforce ${shown(q.enforce, String)}`);
    return `quota ${parts.join(", ")}`;
}

export function grantScopes(grant: PlanGrant): string[] {
    const scopes = typeof grant.scopes === "string" ? [grant.scopes === SECRET_TEXT ? SECRET_TEXT : "(known after deployment)"] : [...grant.scopes];
    if (grant.allowAllScopes) scopes.unshift("(all scopes: allowAllScopes)");
    return scopes.map((s) => (s === UNKNOWN_TEXT ? "(known after deployment)" : s));
}

/** Appended to a deployer scope's reasons when the pack forbids it to every other application. */
export function forbiddenNote(scope: PlanDeployerScope): string {
    return scope.forbiddenToOthers === undefined ? "" : ` (forbidden to every other application: ${scope.forbiddenToOthers})`;
}

export function counted(n: number, singular: string, plural = `${singular}s`): string {
    return `${number(n)} ${n === 1 ? singular : plural}`;
}

export function verdictLine(report: PlanReport): string {
    const { mandatory, advisory, exemptionsApplied } = report.summary;
    const rest = [counted(advisory, "advisory", "advisories"), counted(exemptionsApplied, "exemption applied", "exemptions applied")].join(", ");
    return report.verdict === "fail"
        ? `FAIL: ${counted(mandatory, "mandatory violation")} (${rest})`
        : `PASS: no mandatory violations (${rest})`;
}

export function resourceLabel(d: PlanDiagnostic): string {
    if (!d.resource) return "the stack";
    const type = d.resourceType ? d.resourceType.slice(d.resourceType.lastIndexOf(":") + 1) : "resource";
    return `${type} "${d.resourceName ?? d.resource}"`;
}

export function apiByLabel(report: PlanReport): Map<string, PlanApi> {
    const map = new Map<string, PlanApi>();
    for (const api of report.apis) if (!map.has(api.label)) map.set(api.label, api);
    return map;
}

export function grantsByMachine(report: PlanReport): Map<string, PlanGrant[]> {
    const map = new Map<string, PlanGrant[]>();
    for (const grant of report.grants) {
        const key = grant.machineUrn ?? `machine:${grant.machine}`;
        const list = map.get(key) ?? [];
        list.push(grant);
        map.set(key, list);
    }
    return map;
}

/** Which stack config the plan read; says so when there was none, as Pulumi runs such a stack too. */
export function stackConfigLine(report: PlanReport): string {
    return report.stackConfigFile === null
        ? `Stack config: none (no Pulumi.${report.stack}.yaml); planned with empty config, as Pulumi does`
        : `Stack config: ${report.stackConfigFile}`;
}

/** The sections only some plans have, as [title, lines], empty ones left out. */
export function extraSections(report: PlanReport): [string, string[]][] {
    const sections: [string, string[]][] = [
        ["Data sources (answered unknown offline)", dataSourceLines(report)],
        ["Not judged (other providers)", notJudgedLines(report)],
    ];
    return sections.filter(([, lines]) => lines.length > 0);
}

/** One line per data source call site: what was called, where, and what that leaves unverified. */
export function dataSourceLines(report: PlanReport): string[] {
    return report.dataSources.map(
        (call) =>
            `${call.token} at ${call.location ?? "(location not found)"}${call.count > 1 ? ` (${number(call.count)} calls)` : ""}: ` +
            "its result is unknown offline, so nothing derived from it is verified",
    );
}

/** One line per resource type of another provider: counted, not judged. */
export function notJudgedLines(report: PlanReport): string[] {
    return report.notJudged.map((entry) => `${entry.type}: ${counted(entry.count, "resource")}, not judged (not an Auth0 resource)`);
}
