// The hand-off between each rule and `auth0-exemptions-applied`.
//
// Why this exists: CrossGuard reports every violation at the level of the policy that reports it,
// so a mandatory rule can't say "I let this through because of an exemption" without blocking the
// update it just allowed. Instead each rule's stack half records what its exemptions suppressed
// here, and the advisory `auth0-exemptions-applied`, which the pack lists last, reads it in the same
// AnalyzeStack call: the policy server runs a pack's stack policies one after another, in list
// order, so the rules have written their entries by the time it runs.
//
// Each rule overwrites its own entry on every call and the reader clears the map after reporting,
// so nothing stale from an earlier call can be reported.
import type { Exemption } from "./exemptions";

export interface AppliedExemption {
    readonly policyName: string;
    readonly urn: string;
    /** How messages name the resource, e.g. `ClientGrant "legacy"`. */
    readonly resource: string;
    readonly exemption: Exemption;
    readonly exemptionIndex: number;
    /** The messages of the findings it suppressed. */
    readonly suppressed: readonly string[];
    /** For a scope exemption, the scopes it accepted here; empty for a whole-resource one. */
    readonly scopes: readonly string[];
}

export type AppliedExemptionLedger = Map<string, readonly AppliedExemption[]>;

/** The pack's ledger, keyed by policy name. Tests pass their own through the rule dependencies. */
export const appliedExemptions: AppliedExemptionLedger = new Map();
