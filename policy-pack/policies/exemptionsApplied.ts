import { quoteList } from "../guardrails";
import { appliedExemptions } from "../support/appliedExemptions";
import { type RuleDeps, type RuleFactory, type RulePolicy, ruleUrl } from "../support/rule";

const NAME = "auth0-exemptions-applied";

/**
 * Reports, as advisories, every finding an exemption suppressed in this AnalyzeStack call. It must
 * come last in the pack's policy list: it reads what the rules' stack halves recorded earlier in
 * the same call (see support/appliedExemptions.ts for why the hand-off exists).
 */
export const exemptionsApplied: RuleFactory = Object.assign(
    (deps: RuleDeps): RulePolicy => {
        const ledger = deps.ledger ?? appliedExemptions;
        return {
            name: NAME,
            description:
                "Lists every finding an exemption suppressed: which policy, which resource, what it would have reported, " +
                "the exemption's reason and its expiry. Exempted risks stay visible in every preview and update.",
            enforcementLevel: "advisory",
            severity: "low",
            tags: ["auth0", "exemptions"],
            ...ruleUrl(deps, NAME),
            remediationSteps:
                "Nothing to do while the exemption is justified. Before it expires, fix the resource or renew the " +
                "exemption (new expiry and reason) in the exempted policy's config.",
            validateStack: (_args, reportViolation) => {
                const entries = [...ledger.values()].flat();
                // Consumed once, so an entry can never be reported by a later call.
                ledger.clear();
                for (const entry of entries) {
                    const exemption = entry.exemption;
                    const accepted = entry.scopes.length > 0 ? `, which accepted ${quoteList(entry.scopes)}` : "";
                    reportViolation(
                        `${entry.policyName} did not flag ${entry.resource} because of its exemptions[${entry.exemptionIndex}] ` +
                            `(resource ${JSON.stringify(exemption.resource)})${accepted}, valid through ${exemption.expires} (UTC), reason: ` +
                            `${JSON.stringify(exemption.reason)}. Suppressed: ${entry.suppressed.join(" | ")}`,
                        entry.urn,
                    );
                }
            },
        };
    },
    { policyName: NAME },
);
