// The diff in front of the report: for a terminal, and for a pull-request comment (the diff first,
// the full plan collapsed under <details>, the whole within the comment budget).
import type { StackDiff } from "../diff/types";
import { diffHeadline, diffIcon, diffSections, RISK_MARK } from "./diffLines";
import { escape } from "./markdownText";
import { MARKDOWN_BUDGET, markdownMarker, renderMarkdown } from "./renderMarkdown";
import { renderText } from "./renderText";
import type { PlanReport } from "./types";

export function renderDiffText(report: PlanReport, diff: StackDiff): string {
    const out = [`auth0-m2m plan --base: project ${diff.project}, stack ${diff.stack}`, `  base: ${sideLine(diff.base)}`, `  ${diffHeadline(diff)}`];
    for (const section of diff.changes ? diffSections(diff.changes) : []) {
        out.push("", section.title);
        for (const line of section.lines) out.push(`  ${RISK_MARK[line.risk].padEnd(10)} ${line.text}`);
    }
    return `${out.join("\n")}\n\n${"-".repeat(72)}\n${renderText(report)}`;
}

export function renderDiffMarkdown(report: PlanReport, diff: StackDiff, budget = MARKDOWN_BUDGET): string {
    const head: string[] = [markdownMarker(report), `## auth0-m2m access diff: \`${report.project}\` / \`${report.stack}\``, ""];
    head.push(`${diffIcon(diff)} **${escape(diffHeadline(diff))}**`, "");
    if (diff.changes === null || diff.unchanged) head.push(`Base: ${escape(sideLine(diff.base))}`, "");
    const body: string[] = [];
    for (const section of diff.changes ? diffSections(diff.changes) : []) {
        body.push(`### ${section.title}`, "", "```diff");
        for (const line of section.lines) body.push(`${line.text.startsWith("-") ? "-" : line.text.startsWith("+") ? "+" : " "}${RISK_MARK[line.risk] ? ` [${RISK_MARK[line.risk]}]` : ""} ${line.text.replace(/^[-+~] /, "").replace(/```/g, "'''")}`);
        body.push("```", "");
    }
    // The diff comes first and is cut last: whatever room is left holds the full plan.
    const diffBudget = Math.floor(budget * 0.6);
    let diffText = body.join("\n");
    if (diffText.length > diffBudget) {
        diffText = `${diffText.slice(0, diffText.lastIndexOf("\n", diffBudget))}\n\`\`\`\n\n_The diff is cut to fit a pull-request comment; run \`auth0-m2m plan --base ... --format json\` for all of it._\n`;
    }
    const opening = `${head.join("\n")}\n${diffText}\n<details><summary>Full plan: access matrix, machines, APIs, findings</summary>\n\n`;
    const closing = "\n</details>\n";
    const full = renderMarkdown(report, budget - opening.length - closing.length).split("\n").slice(1).join("\n");
    return `${opening}${full}${closing}`;
}

const sideLine = (side: StackDiff["base"]) => (side.status === "planned" ? `planned at ${side.source}` : side.status === "absent" ? `${side.reason} (${side.source})` : `failed to plan at ${side.source}: ${side.error.message}`);
