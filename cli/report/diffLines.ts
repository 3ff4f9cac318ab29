// The access diff as sections of marked lines, which the text and Markdown renderers decorate
// their own way. Widening changes are marked; escalation-list scopes are marked the strongest.
import { scopeList } from "../diff/diffAccess";
import type { AccessDiff, FieldChange, Risk, SideOutcome, StackDiff } from "../diff/types";
import { SECRET_TEXT, UNKNOWN_TEXT } from "../values";
import { counted } from "./wording";

export interface DiffLine {
    readonly risk: Risk;
    readonly text: string;
}

export interface DiffSection {
    readonly title: string;
    readonly lines: readonly DiffLine[];
}

/** The word each risk is marked with, in every format. */
export const RISK_MARK: Readonly<Record<Risk, string>> = { escalation: "ESCALATION", sensitive: "SENSITIVE", widening: "WIDENS", narrowing: "narrows", neutral: "" };

export function sideText(side: SideOutcome): string {
    if (side.status === "planned") return `planned (${side.source})`;
    if (side.status === "absent") return `absent at ${side.source}: ${side.reason}`;
    return `FAILED TO PLAN at ${side.source}: ${side.error.message}`;
}

/** One line summing the diff up: "no access change", "does not compare", or what changed and how. */
/** The emoji a Markdown diff leads with: the strongest risk, or that the base couldn't be compared. */
export function diffIcon(diff: StackDiff): string {
    if (diff.changes === null) return ":warning:";
    if (diff.unchanged) return ":white_check_mark:";
    if (diff.risk === "escalation") return ":rotating_light:";
    return diff.risk === "sensitive" || diff.risk === "widening" ? ":warning:" : ":information_source:";
}

export function diffHeadline(diff: StackDiff): string {
    if (diff.changes === null) return `Can't compare: the base ${sideText(diff.base)}; head ${sideText(diff.head)}.`;
    if (diff.unchanged) return `No access change against ${diff.base.source}.`;
    const mark = diff.risk === "escalation" ? "ESCALATES access" : diff.risk === "sensitive" ? "WIDENS access with SENSITIVE scopes" : diff.risk === "widening" ? "WIDENS access" : diff.risk === "narrowing" ? "narrows access" : "changes names only";
    const against = diff.base.status === "absent" ? `a new stack (${diff.base.reason})` : diff.base.source;
    return `This change ${mark} against ${against}; ${counted(diff.newMandatory, "new mandatory finding")}.`;
}

const fieldText = (f: FieldChange) => `${f.field}: ${f.before} -> ${f.after}`;
const scopesText = (scopes: readonly string[]) => scopes.map((s) => (s === SECRET_TEXT ? s : s === UNKNOWN_TEXT ? "(known after deployment)" : s)).join(", ");

export function diffSections(changes: AccessDiff): DiffSection[] {
    const { machines, grants, apis, exemptions, deployerScopes, findings } = changes;
    const sections: DiffSection[] = [
        {
            title: "Machines",
            lines: [
                ...machines.added.map((a) => ({ risk: a.risk, text: `+ ${a.entry.machine} [${a.entry.name}]` })),
                ...machines.removed.map((m) => ({ risk: "narrowing" as Risk, text: `- ${m.machine} [${m.name}]` })),
                ...machines.changed.flatMap((c) => c.fields.map((f) => ({ risk: f.risk, text: `~ ${c.after.machine}: ${fieldText(f)}` }))),
            ],
        },
        {
            title: "Grants (machine -> API)",
            lines: [
                ...grants.added.flatMap((a) => [
                    { risk: a.risk, text: `+ ${a.entry.machine} -> ${a.entry.api}${a.entry.allowAllScopes ? " (allowAllScopes)" : ""}` },
                    ...a.scopes.map((s) => ({ risk: s.risk, text: `    + ${scopesText([s.scope])}` })),
                ]),
                ...grants.removed.map((g) => ({ risk: "narrowing" as Risk, text: `- ${g.machine} -> ${g.api}: ${scopesText(scopeList(g)) || "(no scopes)"}` })),
                ...grants.changed.flatMap((c) => [
                    { risk: c.risk, text: `~ ${c.after.machine} -> ${c.after.api}` },
                    ...c.scopesAdded.map((s) => ({ risk: s.risk, text: `    + ${scopesText([s.scope])}` })),
                    ...c.scopesRemoved.map((s) => ({ risk: "narrowing" as Risk, text: `    - ${scopesText([s])}` })),
                    ...c.fields.filter((f) => f.field !== "scopes").map((f) => ({ risk: f.risk, text: `    ${fieldText(f)}` })),
                ]),
            ],
        },
        {
            title: "APIs (lifetimes and access policy)",
            lines: [
                ...apis.added.map((a) => ({ risk: a.risk, text: `+ ${a.entry.label} ${a.entry.key}` })),
                ...apis.removed.map((a) => ({ risk: "narrowing" as Risk, text: `- ${a.label} ${a.key}` })),
                ...apis.changed.flatMap((c) => c.fields.map((f) => ({ risk: f.risk, text: `~ ${c.after.label}: ${fieldText(f)}${f.field.startsWith("tokenLifetime") ? (f.risk === "widening" ? " (longer)" : f.risk === "narrowing" ? " (shorter)" : "") : ""}` }))),
            ],
        },
        {
            title: "Exemptions",
            lines: [
                ...exemptions.added.map((a) => ({ risk: a.risk, text: `+ ${a.entry.policy} exempts ${a.entry.resource}${a.entry.scopes ? ` for ${a.entry.scopes.join(", ")}` : ""} until ${a.entry.expires}: ${a.entry.reason}` })),
                ...exemptions.removed.map((e) => ({ risk: "narrowing" as Risk, text: `- ${e.policy} no longer exempts ${e.resource}` })),
                ...exemptions.changed.flatMap((c) => c.fields.map((f) => ({ risk: f.risk, text: `~ ${c.after.policy} / ${c.after.resource}: ${fieldText(f)}` }))),
                ...exemptions.expiringSoon.map((e) => ({ risk: "neutral" as Risk, text: `! ${e.policy} / ${e.resource} expires ${e.expires}: renew it with a reason, or fix the resource` })),
            ],
        },
        {
            title: "Deployer scopes",
            lines: [...deployerScopes.added.map((s) => ({ risk: s.risk, text: `+ ${s.scope}` })), ...deployerScopes.removed.map((s) => ({ risk: "narrowing" as Risk, text: `- ${s}` }))],
        },
        {
            title: "Policy findings",
            lines: [
                ...findings.new.map((f) => ({ risk: (f.level === "mandatory" ? "widening" : "neutral") as Risk, text: `+ NEW ${f.level} ${f.policy} ${f.resourceName ?? "(the stack)"}: ${f.message}` })),
                ...findings.resolved.map((f) => ({ risk: "narrowing" as Risk, text: `- resolved ${f.level} ${f.policy} ${f.resourceName ?? "(the stack)"}` })),
            ],
        },
    ];
    return sections.filter((s) => s.lines.length > 0);
}
