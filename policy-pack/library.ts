// The pack as a library, `auth0-m2m/policies`: the guardrails' policies for an organisation's own
// pack, with its own enforcement levels, beside its own policies (as @pulumi/awsguard exports its
// policies). Importing this starts nothing; `new PolicyPack(...)` in the caller's index starts the
// policy server, once per process.
import { type EnforcementLevel, PolicyPack } from "@pulumi/policy";
import { quoteList } from "./guardrails";
import { createPolicies, RULES } from "./pack";
import { docsUrl, PACK_ARGS, POLICY_PACK_NAME } from "./packArgs";
import type { RulePolicy } from "./support/rule";

export { POLICY_PACK_NAME, type RulePolicy };

/** Every policy's name, in the order the pack serves them. */
export const POLICY_NAMES: readonly string[] = RULES.map((rule) => rule.policyName);

export interface GuardrailsOptions {
    /** Every policy's enforcement level, before `levels`. Default: each policy's own (README "Rules"). */
    readonly all?: EnforcementLevel;
    /** Per policy, by name (`"auth0-m2m-token-quota": "mandatory"`). An unknown name is an error. */
    readonly levels?: Readonly<Record<string, EnforcementLevel>>;
    /** The clock exemptions expire by. Default: the real one. */
    readonly now?: () => Date;
}

/**
 * The guardrails' policies, with the levels asked for. Keep them together and in this order: the
 * last, auth0-exemptions-applied, reports what the others' exemptions suppressed in the same run.
 * Policy config (`--policy-pack-config`) can still change a level per stack.
 */
export function guardrailsPolicies(options: GuardrailsOptions = {}): RulePolicy[] {
    const levels = options.levels ?? {};
    const unknown = Object.keys(levels).filter((name) => !POLICY_NAMES.includes(name));
    if (unknown.length > 0) {
        throw new Error(
            `guardrailsPolicies: unknown policy name${unknown.length > 1 ? "s" : ""} ${quoteList(unknown)} in levels; ` +
                `the policies are ${POLICY_NAMES.join(", ")}`,
        );
    }
    return createPolicies({ now: options.now ?? (() => new Date()), docsUrl: docsUrl() }).map((policy) => ({
        ...policy,
        enforcementLevel: levels[policy.name] ?? options.all ?? policy.enforcementLevel,
    }));
}

/** Serves the guardrails as a pack of the given name (default auth0-m2m-guardrails), with the levels asked for. */
export function createGuardrailsPack(name: string = POLICY_PACK_NAME, options: GuardrailsOptions = {}): PolicyPack {
    return new PolicyPack(name, { ...PACK_ARGS, policies: guardrailsPolicies(options) });
}
