// The access diff's shapes: the access model the diff compares (one stack's machines, grants, APIs,
// exemptions, deployer scopes and findings, keyed so both sides line up) and what changed between
// two of them. `--format json` prints the StackDiff as the report's `diff` section (cli/README.md).
import type { Shown } from "../values";
import type { PlanApi, PlanDiagnostic, PlanExemption, PlanGrant, PlanMachine } from "../report/entryTypes";

/**
 * How a change moves access: `escalation` (a scope on the escalation list in effect: a takeover),
 * `sensitive` (a scope on the sensitive list in effect: account takeover, which some integrations
 * need), `widening` (more access: a new scope or grant, a longer lifetime, a new Management API
 * scope, a new or extended exemption, a looser policy), `narrowing`, or `neutral` (a rename, say).
 */
export type Risk = "escalation" | "sensitive" | "widening" | "narrowing" | "neutral";

/** A report entry as the diff keys it: the report's own fields (cli/report/entryTypes.ts), plus its key. */
type Keyed<T> = T & {
    /** What the entry is, independent of how the program spells it (see accessState.ts). */
    readonly key: string;
};

/** Keyed by the Client's URN. */
export type MachineState = Keyed<Pick<PlanMachine, "machine" | "name" | "authenticationMethod" | "tokenQuota">>;

/** Keyed by machine × audience. */
export type GrantState = Keyed<
    Pick<PlanGrant, "machine" | "audience" | "api" | "managementApi" | "allowAllScopes" | "subjectType" | "organizationUsage" | "allowAnyOrganization"> & {
        /** Sorted, without repeats; or a marker for a whole list that is secret or unknown. */
        readonly scopes: readonly string[] | Shown<never>;
    }
>;

/** Keyed by the API's identifier (audience). */
export type ApiState = Keyed<
    Pick<PlanApi, "label" | "managementApi" | "tokenLifetime" | "tokenLifetimeForWeb" | "accessPolicy"> & {
        /** False for an API the grants name but the program doesn't declare (PlanApi.urn null). */
        readonly managed: boolean;
    }
>;

/** Keyed by policy × resource pattern; `scopes` sorted. */
export type ExemptionState = Keyed<PlanExemption>;

/** Keyed by policy × level × resource × message. */
export type FindingState = Keyed<Pick<PlanDiagnostic, "policy" | "level" | "resource" | "resourceName" | "resourceType" | "message">>;

/** One stack's access as the diff sees it. Every list is sorted by key. */
export interface AccessState {
    readonly machines: readonly MachineState[];
    readonly grants: readonly GrantState[];
    readonly apis: readonly ApiState[];
    readonly exemptions: readonly ExemptionState[];
    readonly deployerScopes: readonly string[];
    /** Policy findings, without the exemptions-applied ones (exemptions are compared on their own). */
    readonly findings: readonly FindingState[];
}

export interface FieldChange {
    readonly field: string;
    /** As the reports word it: "client_secret_post", "3,600 s (1 h)", "unset". */
    readonly before: string;
    readonly after: string;
    readonly risk: Risk;
}

export interface ScopeChange {
    readonly scope: string;
    readonly risk: Risk;
}

export interface Changed<T> {
    readonly key: string;
    readonly before: T;
    readonly after: T;
    readonly risk: Risk;
}

export interface GrantChange extends Changed<GrantState> {
    readonly scopesAdded: readonly ScopeChange[];
    readonly scopesRemoved: readonly string[];
    /** Other fields: the machine's or API's name, allowAllScopes, a scope list that became unknown. */
    readonly fields: readonly FieldChange[];
}

export interface EntityChange<T> extends Changed<T> {
    readonly fields: readonly FieldChange[];
}

export interface Added<T> {
    readonly entry: T;
    readonly risk: Risk;
}

export interface AccessDiff {
    readonly machines: { readonly added: readonly Added<MachineState>[]; readonly removed: readonly MachineState[]; readonly changed: readonly EntityChange<MachineState>[] };
    readonly grants: { readonly added: readonly (Added<GrantState> & { readonly scopes: readonly ScopeChange[] })[]; readonly removed: readonly GrantState[]; readonly changed: readonly GrantChange[] };
    readonly apis: { readonly added: readonly Added<ApiState>[]; readonly removed: readonly ApiState[]; readonly changed: readonly EntityChange<ApiState>[] };
    readonly exemptions: {
        readonly added: readonly Added<ExemptionState>[];
        readonly removed: readonly ExemptionState[];
        readonly changed: readonly EntityChange<ExemptionState>[];
        /** Head exemptions that expire within EXPIRY_WARNING_DAYS of the plan (or already have). */
        readonly expiringSoon: readonly ExemptionState[];
    };
    readonly deployerScopes: { readonly added: readonly ScopeChange[]; readonly removed: readonly string[] };
    /** Findings on head that the base didn't have, and base findings head no longer has. */
    readonly findings: { readonly new: readonly FindingState[]; readonly resolved: readonly FindingState[] };
}

/** What one side of the comparison was: planned, failed to plan, or not there (a new stack). */
export type SideOutcome =
    | { readonly status: "planned"; readonly source: string }
    | { readonly status: "failed"; readonly source: string; readonly error: { readonly kind: string; readonly message: string } }
    | { readonly status: "absent"; readonly source: string; readonly reason: string };

/** The `diff` section: the two sides and, when both were planned (or the base is absent), what changed. */
export interface StackDiff {
    readonly project: string;
    readonly stack: string;
    readonly base: SideOutcome;
    readonly head: SideOutcome;
    /** Null when either side failed to plan: nothing can honestly be compared. */
    readonly changes: AccessDiff | null;
    /** True only when both sides planned and nothing in `changes` differs. */
    readonly unchanged: boolean;
    /** The strongest risk among the changes; null without changes. */
    readonly risk: Risk | null;
    /** Mandatory findings on head that the base didn't have (what `--fail-on new` fails on). */
    readonly newMandatory: number;
}
