// Applies a policy's exemptions to its findings, and audits the exemptions themselves.
import type { AppliedExemption } from "./appliedExemptions";
import { describeExemption, type Exemption, exemptionMatches, exemptionState, type ExemptionState } from "./exemptions";
import type { Findings, Unchecked } from "./findings";
import { type Auth0Resource, labelOf } from "./resources";

export interface ReportedFinding {
    readonly urn: string;
    readonly message: string;
}

export interface ExemptionReview {
    /** Findings no active exemption covers; each notes any expired or invalid exemption that matched it. */
    readonly reported: readonly ReportedFinding[];
    /** Unknown fields that still matter: those on exempted resources are dropped. */
    readonly unchecked: readonly Unchecked[];
    /** What each active exemption suppressed, one entry per (exemption, resource). */
    readonly applied: readonly AppliedExemption[];
}

function noteFor(exemption: Exemption, index: number, state: ExemptionState): string | undefined {
    const which = describeExemption(exemption, index);
    if (state.kind === "expired") {
        return (
            `Note: ${which} matches this resource but expired at the end of ${exemption.expires} (UTC), so it no longer ` +
            `applies. Fix the resource, or renew the exemption with a new expiry and reason in the policy config.`
        );
    }
    if (state.kind === "invalid") return `Note: ${which} matches this resource but is ignored: ${state.problems.join("; ")}.`;
    return undefined;
}

export function applyExemptions(
    policyName: string,
    exemptions: readonly Exemption[],
    findings: Findings,
    now: Date,
): ExemptionReview {
    const states = exemptions.map((e) => exemptionState(e, now));
    const activeExemptionFor = (resource: Auth0Resource) =>
        exemptions.findIndex((e, i) => states[i].kind === "active" && exemptionMatches(e, resource));

    const reported: ReportedFinding[] = [];
    const applied = new Map<string, AppliedExemption & { suppressed: string[] }>();
    for (const { resource, message } of findings.violations) {
        const index = activeExemptionFor(resource);
        if (index >= 0) {
            const key = `${index}\u0000${resource.urn}`;
            let entry = applied.get(key);
            if (!entry) {
                entry = {
                    policyName,
                    urn: resource.urn,
                    resource: labelOf(resource),
                    exemption: exemptions[index],
                    exemptionIndex: index,
                    suppressed: [],
                };
                applied.set(key, entry);
            }
            entry.suppressed.push(message);
            continue;
        }
        const notes = exemptions.flatMap((e, i) => {
            const note = exemptionMatches(e, resource) ? noteFor(e, i, states[i]) : undefined;
            return note ? [note] : [];
        });
        reported.push({ urn: resource.urn, message: [message, ...notes].join("\n") });
    }
    return {
        reported,
        unchecked: findings.unchecked.filter((u) => activeExemptionFor(u.resource) < 0),
        applied: [...applied.values()],
    };
}

export interface ExemptionAudit {
    /** Exemptions that are expired, invalid, or suppress nothing: reported at the policy's level. */
    readonly problems: readonly string[];
    /** Exemptions that suppressed nothing, but only because what they match was unknown during preview. */
    readonly pending: readonly string[];
}

/**
 * Judges every exemption of one policy against a full run of its check over the stack. Stateless:
 * it needs only this run's findings, so it gives the same answer on every AnalyzeStack call.
 */
export function auditExemptions(
    policyName: string,
    exemptions: readonly Exemption[],
    findings: Findings,
    checked: readonly Auth0Resource[],
    applied: readonly AppliedExemption[],
    now: Date,
): ExemptionAudit {
    const problems: string[] = [];
    const pending: string[] = [];
    // Looked up once per matched resource: a Set keeps a broad exemption over a large stack linear.
    const uncheckedUrns = new Set(findings.unchecked.map((u) => u.resource.urn));
    const usedExemptions = new Set(applied.map((a) => a.exemptionIndex));
    exemptions.forEach((exemption, index) => {
        const which = `${policyName} ${describeExemption(exemption, index)}`;
        const state = exemptionState(exemption, now);
        if (state.kind === "expired") {
            problems.push(
                `${which} expired at the end of ${exemption.expires} (UTC), so it no longer suppresses anything ` +
                    `(its reason was ${JSON.stringify(exemption.reason)}). Remove it from the policy config, or renew it ` +
                    `with a new expiry if the exception still holds.`,
            );
            return;
        }
        if (state.kind === "invalid") {
            problems.push(`${which} is ignored: ${state.problems.join("; ")}. Fix it in the policy config.`);
            return;
        }
        if (usedExemptions.has(index)) return;
        const matched = checked.filter((r) => exemptionMatches(exemption, r));
        const unknownOnMatched = matched.filter((r) => uncheckedUrns.has(r.urn));
        if (unknownOnMatched.length > 0) {
            pending.push(
                `${which} suppressed nothing, but ${unknownOnMatched.map(labelOf).join(", ")} had values unknown during ` +
                    `preview, so whether the exemption is still needed can't be judged until \`pulumi up\``,
            );
        } else if (matched.length === 0) {
            problems.push(
                `${which} matches no resource this policy checks in this stack, so it suppresses nothing. Remove it, or ` +
                    `correct its resource (a full URN, or a glob over logical names where * matches anything).`,
            );
        } else {
            problems.push(
                `${which} matches ${matched.map(labelOf).join(", ")}, which no longer violate${matched.length === 1 ? "s" : ""} ` +
                    `this policy, so it suppresses nothing. Remove it from the policy config.`,
            );
        }
    });
    return { problems, pending };
}
