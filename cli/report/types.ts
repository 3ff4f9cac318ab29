// The plan report's shape: what every renderer reads and `--format json` prints as is; its schema is
// documented in README.md ("JSON report").
import type { PolicyDiagnostic } from "../analyzer/types";
import type { CapturedResource, DataSourceCall } from "../program/protocol";
import type { Shown } from "../values";

/** Bumped on any change that could break a reader of the JSON report. */
export const PLAN_REPORT_SCHEMA_VERSION = 2;

/** The policy whose diagnostics list the findings that exemptions suppressed. */
export const EXEMPTIONS_APPLIED_POLICY = "auth0-exemptions-applied";

export type PlanLevel = "mandatory" | "advisory" | "remediate" | "disabled";

export interface PlanReport {
    readonly schemaVersion: typeof PLAN_REPORT_SCHEMA_VERSION;
    readonly tool: { readonly name: string; readonly version: string };
    readonly project: string;
    readonly stack: string;
    readonly policyPack: { readonly name: string; readonly version: string };
    /** "fail" when at least one diagnostic is mandatory (the CLI then exits 1). */
    readonly verdict: "pass" | "fail";
    readonly summary: PlanSummary;
    readonly machines: readonly PlanMachine[];
    readonly apis: readonly PlanApi[];
    readonly grants: readonly PlanGrant[];
    /** Resources with the `import` option: adopted from the tenant, never created. */
    readonly adopted: readonly PlanAdopted[];
    /** Resources with `retainOnDelete`: left in the tenant when removed from the program. */
    readonly retained: readonly PlanResourceRef[];
    /** Management API scopes the deploying application needs to apply this plan. */
    readonly deployerScopes: readonly { readonly scope: string; readonly reasons: readonly string[] }[];
    /** Every policy diagnostic, mandatory first. */
    readonly diagnostics: readonly PlanDiagnostic[];
    /** The `auth0-exemptions-applied` diagnostics: findings an exemption suppressed. */
    readonly exemptionsApplied: readonly PlanDiagnostic[];
    /** Every exemption the policy config lists (applied or not), by policy then resource. */
    readonly exemptions: readonly PlanExemption[];
    /** Present with `--base`: what this change grants or takes away (cli/diff, documented in cli/README.md). */
    readonly diff?: unknown;
    /** Things the plan could not determine, or could not do offline. */
    readonly notes: readonly string[];
    /** The stack config file read, relative to the project; null when the stack has none (planned with empty config, as Pulumi does). */
    readonly stackConfigFile: string | null;
    /** Data source calls (invokes), each answered "unknown": offline there is no provider to ask. */
    readonly dataSources: readonly DataSourceCall[];
    /** Resources of other providers (and dynamic providers), by type: counted, not judged by the pack's Auth0 rules. */
    readonly notJudged: readonly { readonly type: string; readonly count: number }[];
}

export interface PlanSummary {
    readonly resources: number;
    readonly resourcesByType: Readonly<Record<string, number>>;
    readonly machines: number;
    readonly apis: number;
    readonly grants: number;
    readonly adopted: number;
    readonly retained: number;
    readonly mandatory: number;
    /** Advisory diagnostics, not counting the exemptions-applied ones. */
    readonly advisory: number;
    readonly exemptionsApplied: number;
}

export interface PlanResourceRef {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
}

export interface PlanAdopted extends PlanResourceRef {
    readonly importId: string;
}

export interface PlanMachine {
    /** The Client's `name` input, else its logical name. */
    readonly machine: string;
    readonly urn: string;
    /** The logical (Pulumi) name. */
    readonly name: string;
    readonly appType: Shown<string> | null;
    /** From the client's ClientCredentials resource; null when the program manages none. */
    readonly authenticationMethod: Shown<string> | null;
    /** `tokenQuota.clientCredentials`; null when the client sets none (the tenant's quota applies). */
    readonly tokenQuota: {
        readonly perHour: Shown<number> | null;
        readonly perDay: Shown<number> | null;
        readonly enforce: Shown<boolean> | null;
    } | null;
    readonly grants: number;
}

export interface PlanApi {
    readonly identifier: Shown<string>;
    /** The display label: the API's name, or "Auth0 Management API (<host>)" for the Management API. */
    readonly label: string;
    /** The ResourceServer's URN; null for an API the grants name but the program does not declare. */
    readonly urn: string | null;
    readonly managementApi: boolean;
    /** Declared lifetime in seconds; null when unset (Auth0's default applies) or not declared here. */
    readonly tokenLifetime: Shown<number> | null;
    readonly tokenLifetimeForWeb: Shown<number> | null;
    /** Scopes the program defines on the API (ResourceServerScopes/ResourceServerScope); null when it defines none. */
    readonly scopes: readonly Shown<string>[] | null;
    readonly adopted: boolean;
    readonly retained: boolean;
    /** `subjectTypeAuthorization`: who may get tokens for the API; null where the program leaves it unset. */
    readonly accessPolicy: { readonly user: Shown<string> | null; readonly client: Shown<string> | null };
}

/** One entry of a policy's `exemptions` config (policy-pack/support/exemptions.ts). */
export interface PlanExemption {
    readonly policy: string;
    readonly resource: string;
    readonly reason: string;
    readonly expires: string;
}

export interface PlanGrant {
    /** The machine's display name (see PlanMachine.machine), or a description when it isn't a client of this program. */
    readonly machine: string;
    /** The Client's URN; null when the grant's client is not a Client of this program. */
    readonly machineUrn: string | null;
    readonly audience: Shown<string>;
    /** The API's label (see PlanApi.label). */
    readonly api: string;
    readonly managementApi: boolean;
    readonly scopes: readonly Shown<string>[] | Shown<never>;
    readonly allowAllScopes: boolean;
    readonly urn: string;
    readonly name: string;
}

export interface PlanDiagnostic {
    readonly policy: string;
    readonly level: PlanLevel;
    /** The URN the diagnostic is about; null for a stack-wide one. */
    readonly resource: string | null;
    readonly resourceName: string | null;
    readonly resourceType: string | null;
    /** What the policy says about this resource (without the policy's description), every known secret plaintext replaced by "[secret]". */
    readonly message: string;
    readonly description: string;
}

export interface ReportInput {
    readonly tool: { readonly name: string; readonly version: string };
    readonly project: string;
    readonly stack: string;
    readonly policyPack: { readonly name: string; readonly version: string };
    readonly resources: readonly CapturedResource[];
    readonly diagnostics: readonly PolicyDiagnostic[];
    /** Notes from loading the project (e.g. ESC environments the plan can't read). */
    readonly notes?: readonly string[];
    /** The exemptions in the policy config the pack was configured with. */
    readonly exemptions?: readonly PlanExemption[];
    /** See PlanReport.stackConfigFile; undefined is taken as null. */
    readonly stackConfigFile?: string | null;
    readonly dataSources?: readonly DataSourceCall[];
}

/** A stable order for report entries (code-unit order, independent of locale). */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
