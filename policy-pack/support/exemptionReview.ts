// Applies a policy's exemptions to its findings, and audits the exemptions themselves.
import type { AppliedExemption } from "./appliedExemptions";
import { PolicyConfigError } from "./config";
import { describeExemption, type Exemption, exemptionMatches, exemptionState, type ExemptionState } from "./exemptions";
import { quoteList } from "../guardrails/suggestions";
import type { Finding, Findings, Unchecked } from "./findings";
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

/** Whether an exemption accepts a finding: its resource, and (for a scope exemption) one of its scopes. */
function covers(exemption: Exemption, finding: Pick<Finding, "resource" | "scope">): boolean {
    if (!exemptionMatches(exemption, finding.resource)) return false;
    return exemption.scopes === undefined || (finding.scope !== undefined && exemption.scopes.includes(finding.scope));
}

/**
 * A scope rule's exemption must list the scopes it accepts. Refused as a config error (the
 * policy fails, so `pulumi preview` and the plan stop), naming the scopes to list: those of the
 * findings on the resources it matches.
 */
export function requireExemptionScopes(
    policyName: string,
    exemptions: readonly Exemption[],
    findings: Findings,
    /** The per-resource half sees one resource: there, only exemptions matching it are judged. */
    only?: Auth0Resource,
): void {
    const problems = exemptions.flatMap((exemption, index) => {
        if (exemption.scopes !== undefined) return [];
        if (only && !exemptionMatches(exemption, only)) return [];
        const named = [...new Set(findings.violations.filter((f) => exemptionMatches(exemption, f.resource) && f.scope).map((f) => f.scope!))].sort();
        const hint =
            named.length > 0
                ? `To accept what it matches today, add "scopes": [${quoteList(named)}]`
                : "It matches no finding of this policy in this stack; list the scopes it is meant to accept, or remove it";
        return [
            `policy config ${policyName}.${describeExemption(exemption, index)} has no scopes. This policy reports each scope on its own, ` +
                `so an exemption lists the scopes it accepts and findings for any other scope still fail. ${hint}.`,
        ];
    });
    if (problems.length > 0) {
        throw new PolicyConfigError(`${problems.join(" ")} Fix it in the file given to --policy-pack-config (or the policy group's config).`);
    }
}

function noteFor(exemption: Exemption, index: number, state: ExemptionState, finding: Finding): string | undefined {
    const which = describeExemption(exemption, index);
    if (state.kind === "expired") {
        return (
            `Note: ${which} matches this resource but expired at the end of ${exemption.expires} (UTC), so it no longer ` +
            `applies. Fix the resource, or renew the exemption with a new expiry and reason in the policy config.`
        );
    }
    if (state.kind === "invalid") return `Note: ${which} matches this resource but is ignored: ${state.problems.join("; ")}.`;
    if (exemption.scopes !== undefined && finding.scope !== undefined && !exemption.scopes.includes(finding.scope)) {
        return `Note: ${which} matches this resource but does not accept ${JSON.stringify(finding.scope)}; only the scopes it lists are exempt.`;
    }
    return undefined;
}

export function applyExemptions(
    policyName: string,
    exemptions: readonly Exemption[],
    findings: Findings,
    now: Date,
): ExemptionReview {
    const states = exemptions.map((e) => exemptionState(e, now));
    const activeExemptionFor = (finding: Pick<Finding, "resource" | "scope">) =>
        exemptions.findIndex((e, i) => states[i].kind === "active" && covers(e, finding));

    const reported: ReportedFinding[] = [];
    const applied = new Map<string, AppliedExemption & { suppressed: string[]; scopes: string[] }>();
    for (const finding of findings.violations) {
        const { resource, message } = finding;
        const index = activeExemptionFor(finding);
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
                    scopes: [],
                };
                applied.set(key, entry);
            }
            entry.suppressed.push(message);
            if (finding.scope !== undefined && exemptions[index].scopes && !entry.scopes.includes(finding.scope)) entry.scopes.push(finding.scope);
            continue;
        }
        const notes = exemptions.flatMap((e, i) => {
            const note = exemptionMatches(e, resource) ? noteFor(e, i, states[i], finding) : undefined;
            return note ? [note] : [];
        });
        reported.push({ urn: resource.urn, message: [message, ...notes].join("\n") });
    }
    return {
        reported,
        // Only a whole-resource exemption makes an unknown field moot: under a scope exemption, an
        // unknown value may still be a scope it doesn't accept.
        unchecked: findings.unchecked.filter((u) => !exemptions.some((e, i) => states[i].kind === "active" && e.scopes === undefined && exemptionMatches(e, u.resource))),
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
    // Indexed once: a lookup per exemption over every applied one was quadratic on large stacks.
    const appliedByExemption = new Map<number, AppliedExemption[]>();
    for (const a of applied) {
        const list = appliedByExemption.get(a.exemptionIndex);
        if (list) list.push(a);
        else appliedByExemption.set(a.exemptionIndex, [a]);
    }
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
        const used = appliedByExemption.get(index) ?? [];
        if (used.length > 0) {
            const accepted = new Set(used.flatMap((a) => a.scopes));
            const unused = (exemption.scopes ?? []).filter((scope) => !accepted.has(scope));
            if (unused.length > 0) {
                problems.push(
                    `${which} lists ${quoteList(unused)}, which no resource it matches is flagged for any more, so ` +
                        `${unused.length === 1 ? "that scope accepts" : "those scopes accept"} nothing. Remove ${unused.length === 1 ? "it" : "them"} from its scopes.`,
                );
            }
            return;
        }
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
