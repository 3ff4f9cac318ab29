// The audit as data: what is live, what the guardrails say about it (each finding naming the live
// object and the fix), what could not be judged, and how the read went. `--format json` prints it
// as is; every renderer works from it.
import type { PolicyDiagnostic, PolicyPackInfo } from "../analyzer";
import { buildReport, EXEMPTIONS_APPLIED_POLICY, type PlanLevel, type PlanReport } from "../report/report";
import { accessMatrix, type AccessEntry } from "./accessMatrix";
import type { Drift } from "./drift";
import { AUDIT_PROJECT, type LiveObject, type LiveResources } from "./liveResources";
import type { LiveTenant, TenantReadStats } from "./liveTenant";

export const AUDIT_REPORT_SCHEMA_VERSION = 1;

export interface AuditFinding {
    readonly policy: string;
    readonly level: PlanLevel;
    /** The live object it is about; null for a tenant-wide finding. */
    readonly object: LiveObject | null;
    readonly message: string;
    /** The policy's remediation steps. */
    readonly fix: string;
}

export interface AuditReport {
    readonly schemaVersion: typeof AUDIT_REPORT_SCHEMA_VERSION;
    readonly kind: "audit";
    readonly tool: { readonly name: string; readonly version: string };
    readonly tenant: string;
    readonly policyPack: { readonly name: string; readonly version: string };
    readonly verdict: "pass" | "fail";
    readonly summary: {
        readonly applications: number;
        readonly grants: number;
        readonly apis: number;
        readonly system: number;
        readonly mandatory: number;
        readonly advisory: number;
        readonly exemptionsApplied: number;
    };
    readonly read: TenantReadStats;
    readonly access: readonly AccessEntry[];
    readonly findings: readonly AuditFinding[];
    /** Auth0's own objects: listed, not judged. */
    readonly system: readonly LiveObject[];
    /** What the audit could not judge, or judged with a caveat. */
    readonly notes: readonly string[];
    readonly drift?: Drift;
}

export interface LiveModelInput {
    readonly tool: { readonly name: string; readonly version: string };
    readonly tenant: LiveTenant;
    readonly live: LiveResources;
    readonly pack: Pick<PolicyPackInfo, "name" | "version">;
    readonly diagnostics: readonly PolicyDiagnostic[];
}

export interface AuditReportInput extends LiveModelInput {
    readonly pack: PolicyPackInfo;
    /** The plan's model of the live tenant (liveModel), built once for the report and for drift. */
    readonly model: PlanReport;
    readonly drift?: Drift;
}

/** The plan's model of what is live, with the pack's findings: what the report and drift read. */
export function liveModel(input: LiveModelInput): PlanReport {
    return buildReport({
        tool: input.tool,
        project: AUDIT_PROJECT,
        stack: input.tenant.domain,
        policyPack: { name: input.pack.name, version: input.pack.version },
        resources: input.live.resources,
        diagnostics: input.diagnostics,
    });
}

/** What the audit can't judge on live data, whatever the tenant holds. */
function caveats(input: AuditReportInput): string[] {
    const notes: string[] = [];
    const { tenant } = input;
    if (!tenant.tenantSettingsRead) {
        notes.push("The tenant's default token quota was not read (the application lacks read:tenant_settings), so auth0-m2m-token-quota can't tell whether a tenant-wide quota covers applications without their own.");
    } else if (tenant.defaultTokenQuota) {
        const q = tenant.defaultTokenQuota;
        notes.push(
            `The tenant's default client-credentials token quota (${q.perHour ?? "-"}/hour, ${q.perDay ?? "-"}/day, enforce ${q.enforce ?? false}) applies to applications without their own; auth0-m2m-token-quota looks only at each application's own quota.`,
        );
    }
    const systemApis = input.live.system.filter((o) => o.kind === "api");
    if (systemApis.length > 0) {
        notes.push(`Grants on APIs Auth0 provides (${systemApis.map((a) => a.name).join(", ")}) are not checked against those APIs' scopes: Auth0 defines them.`);
    }
    notes.push("The Management API's web token lifetime is not judged: the provider never manages it.");
    return notes;
}

/** The model's findings, each on the live object it names, with its policy's fix. */
export function auditFindings(input: Pick<AuditReportInput, "model" | "live" | "pack">): AuditFinding[] {
    const fixes = new Map(input.pack.policies.map((p) => [p.name, p.remediationSteps ?? p.description]));
    return input.model.diagnostics.map((d) => ({
        policy: d.policy,
        level: d.level,
        object: d.resource ? (input.live.objects.get(d.resource) ?? null) : null,
        message: d.message,
        fix: fixes.get(d.policy) ?? "",
    }));
}

export function buildAuditReport(input: AuditReportInput): AuditReport {
    const plan = input.model;
    const findings = auditFindings(input);
    const byKind = (kind: LiveObject["kind"]) => new Set([...input.live.objects.values()].filter((o) => o.kind === kind).map((o) => o.id)).size;
    return {
        schemaVersion: AUDIT_REPORT_SCHEMA_VERSION,
        kind: "audit",
        tool: input.tool,
        tenant: input.tenant.domain,
        policyPack: { name: input.pack.name, version: input.pack.version },
        verdict: plan.verdict,
        summary: {
            applications: byKind("application"),
            grants: byKind("grant"),
            apis: byKind("api"),
            system: input.live.system.length,
            mandatory: plan.summary.mandatory,
            advisory: plan.summary.advisory,
            exemptionsApplied: findings.filter((f) => f.policy === EXEMPTIONS_APPLIED_POLICY).length,
        },
        read: input.tenant.read,
        access: accessMatrix(plan.grants),
        findings,
        system: input.live.system,
        notes: [...plan.notes, ...caveats(input)],
        ...(input.drift ? { drift: input.drift } : {}),
    };
}
