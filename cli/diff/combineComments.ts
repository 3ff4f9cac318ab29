// One pull-request comment for every stack: a line per stack first (a stack with no access change,
// or one that failed to plan, says so there and nowhere else), then each changed stack's diff in its
// own section. GitHub's comment limit is shared out: each section gets an equal share of what is
// left, and a section smaller than its share leaves the rest to the others.
import { diffHeadline, diffIcon } from "../report/diffLines";
import { escape } from "../report/markdownText";
import { renderDiffMarkdown } from "../report/renderDiff";
import { MARKDOWN_BUDGET, renderMarkdown } from "../report/renderMarkdown";
import type { PlanReport } from "../report/types";
import { verdictLine } from "../report/wording";

/** The hidden first line of the joined comment, telling it apart from a single plan's (CI's workflow adds its own marker above). */
export const COMBINED_MARKER = "<!-- auth0-m2m-plans -->";

/** One stack's plan as a `plan --format json` run left it: its report, its error document, or nothing. */
export type StackPlan =
    | { readonly stack: string; readonly file: string; readonly status: "report"; readonly report: PlanReport }
    | { readonly stack: string; readonly file: string; readonly status: "failed"; readonly error: { readonly kind: string; readonly message: string } };

export function combineComments(plans: readonly StackPlan[], budget = MARKDOWN_BUDGET): string {
    const lines = [COMBINED_MARKER, `## auth0-m2m access diff: ${plans.length === 1 ? "1 stack" : `${plans.length} stacks`}`, ""];
    const sections: { plan: Extract<StackPlan, { status: "report" }>; natural: string }[] = [];
    for (const plan of plans) {
        if (plan.status === "failed") {
            lines.push(`- :x: \`${plan.stack}\`: **failed to plan** (${plan.error.kind}): ${inline(plan.error.message)}`);
            continue;
        }
        const { report } = plan;
        const diff = report.diff;
        const summary = diff ? diffHeadline(diff) : verdictLine(report);
        const icon = diff ? diffIcon(diff) : report.verdict === "fail" ? ":x:" : ":white_check_mark:";
        lines.push(`- ${icon} \`${plan.stack}\`: ${inline(summary)}${diff && report.verdict === "fail" ? ` Verdict: FAIL (${report.summary.mandatory} mandatory).` : ""}`);
        if (diff?.unchanged) continue;
        sections.push({ plan, natural: section(plan, budget) });
    }
    const head = `${lines.join("\n")}\n`;

    // Smallest first, so what a small section leaves is shared by the larger ones.
    const fitted: string[] = [];
    let left = budget - head.length;
    const bySize = sections.map((_, i) => i).sort((a, b) => sections[a].natural.length - sections[b].natural.length);
    bySize.forEach((at, i) => {
        const { plan, natural } = sections[at];
        const share = Math.floor(left / (bySize.length - i));
        fitted[at] = natural.length <= share ? natural : cut(section(plan, share), share, plan.file);
        left -= fitted[at].length;
    });
    return head + fitted.join("");
}

/** A stack's section: its diff (or plan) without the per-stack marker line, rendered within `budget`. */
function section(plan: Extract<StackPlan, { status: "report" }>, budget: number): string {
    const rendered = plan.report.diff ? renderDiffMarkdown(plan.report, plan.report.diff, budget) : renderMarkdown(plan.report, budget);
    return `\n${rendered.split("\n").slice(1).join("\n")}`;
}

/**
 * `text` within `budget`, cut at a line, with any open code fence and <details> closed so the next
 * section still renders, and a pointer to the whole report.
 */
function cut(text: string, budget: number, file: string): string {
    if (text.length <= budget) return text;
    const pointer = `\n_Cut to fit one pull-request comment; the whole report is \`${file}\` (in CI, the run's artifact)._\n`;
    const room = Math.max(0, budget - pointer.length - "\n```\n</details>\n".length);
    let kept = text.slice(0, Math.max(0, text.lastIndexOf("\n", room)));
    if ((kept.match(/^```/gm) ?? []).length % 2 === 1) kept += "\n```";
    if ((kept.match(/<details>/g) ?? []).length > (kept.match(/<\/details>/g) ?? []).length) kept += "\n</details>";
    return `${kept}\n${pointer}`;
}

/** Text on one Markdown line, without markup a message could smuggle in. */
const inline = (text: string) => escape(text.replace(/\r?\n/g, " "));
