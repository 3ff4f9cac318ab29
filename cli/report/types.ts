// The plan report's shape: what every renderer reads and `--format json` prints as is; its schema is
// documented in README.md ("JSON report").
import type { PolicyDiagnostic } from "../analyzer/types";
import type { StackDiff } from "../diff/types";
import type { CapturedResource, DataSourceCall } from "../program/protocol";
import type { Shown } from "../values";
import type { PlanApi, PlanDiagnostic, PlanExemption, PlanGrant, PlanMachine, PlanScopeRisks } from "./entryTypes";

export type { PlanApi, PlanDiagnostic, PlanExemption, PlanGrant, PlanLevel, PlanMachine, PlanScopeRisks, PlanTokenQuota } from "./entryTypes";

/** Bumped on any change that could break a reader of the JSON report. */
export const PLAN_REPORT_SCHEMA_VERSION = 2;

/** The policy whose diagnostics list the findings that exemptions suppressed. */
export const EXEMPTIONS_APPLIED_POLICY = "auth0-exemptions-applied";

export interface PlanReport {
    readonly schemaVersion: typeof PLAN_REPORT_SCHEMA_VERSION;
    readonly tool: { readonly name: string; readonly version: string };
    readonly project: string;
    readonly stack: string;
    readonly policyPack: { readonly name: string; readonly version: string };
    /** "fail" when at least one diagnostic is mandatory (the CLI then exits 1). */
    readonly verdict: "pass" | "fail";
    readonly summary: PlanSummary;
    /** Clients that can use client credentials (see PlanMachine.clientCredentials). */
    readonly machines: readonly PlanMachine[];
    /** Clients with grants in the program that can't use client credentials (SPAs, web apps, ...). */
    readonly otherApplications: readonly PlanMachine[];
    readonly apis: readonly PlanApi[];
    readonly grants: readonly PlanGrant[];
    /** Resources with the `import` option: adopted from the tenant, never created. */
    readonly adopted: readonly PlanAdopted[];
    /** Resources with `retainOnDelete`: left in the tenant when removed from the program. */
    readonly retained: readonly PlanResourceRef[];
    /** Management API scopes the deploying application needs to apply this plan. */
    readonly deployerScopes: readonly PlanDeployerScope[];
    /** Every policy diagnostic, mandatory first. */
    readonly diagnostics: readonly PlanDiagnostic[];
    /** The `auth0-exemptions-applied` diagnostics: findings an exemption suppressed. */
    readonly exemptionsApplied: readonly PlanDiagnostic[];
    /** Every exemption the policy config lists (applied or not), by policy then resource. */
    readonly exemptions: readonly PlanExemption[];
    /** The escalation and sensitive Management API scope lists in effect (see PlanScopeRisks); the diff marks scopes by them. */
    readonly scopeRisks: PlanScopeRisks;
    /** Present with `--base`: what this change grants or takes away (cli/diff, documented in cli/README.md). */
    readonly diff?: StackDiff;
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
    readonly otherApplications: number;
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
    /** The scope lists in effect; the guardrails' defaults (levels unknown) when not given. */
    readonly scopeRisks?: PlanScopeRisks;
    /** See PlanReport.stackConfigFile; undefined is taken as null. */
    readonly stackConfigFile?: string | null;
    readonly dataSources?: readonly DataSourceCall[];
    /** `AUTH0_CLIENT_ID` where the plan runs: the client ID of an auth0 provider whose inputs have none. */
    readonly environmentClientId?: string;
}

/** A client ID the auth0 provider authenticates with (the deployer's), and where it comes from, for notes. */
export interface DeployerIdentity {
    readonly clientId: string;
    /** "auth0:clientId", "AUTH0_CLIENT_ID" or `auth0.Provider "<name>"'s clientId`. */
    readonly source: string;
}

/** A stable order for report entries (code-unit order, independent of locale). */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One Management API scope the deployer needs, and why. */
export interface PlanDeployerScope {
    readonly scope: string;
    readonly reasons: readonly string[];
    /** Set when the pack forbids this scope to every other application (the takeover tier): its reason. */
    readonly forbiddenToOthers?: string;
}
