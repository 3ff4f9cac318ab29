// The audit report as Markdown for an issue or a pull-request comment: every live name and message
// escaped (a tenant's names are anyone's text), and the whole within the plan's comment budget
// (cli/report/renderMarkdown.ts MARKDOWN_BUDGET), rows left out counted.
import { cell, code } from "../report/markdownText";
import { MARKDOWN_BUDGET } from "../report/renderMarkdown";
import type { AuditReport } from "./auditReport";
import { driftLines, judgedLine, objectLabel, scopeWords, subjectNote, verdictLine, waitLine } from "./auditWording";

type Block = { readonly lines: readonly string[] } | { readonly rows: readonly string[]; readonly what: string };

/** Room for the line that counts a block's rows left out. */
const LEFT_OUT_LINE = 120;

/**
 * The Markdown report, within `budget` characters. The headings and fixed lines always show; the
 * rows (table rows and list items) share the rest, smallest blocks first, each taking at most an
 * equal share of what is left, so a huge access table can't crowd out the notes after it. Rows left
 * out are counted.
 */
export function renderAuditMarkdown(report: AuditReport, budget = MARKDOWN_BUDGET): string {
    const blocks = auditBlocks(report);
    const size = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);
    const fixed = size(blocks.flatMap((b) => ("lines" in b ? b.lines : [])));
    const rowBlocks = blocks.filter((b): b is Extract<Block, { rows: unknown }> => "rows" in b);
    let room = budget - fixed - rowBlocks.length * LEFT_OUT_LINE;
    const shown = new Map<Block, number>();
    const bySize = [...rowBlocks].sort((a, b) => size(a.rows) - size(b.rows));
    bySize.forEach((block, index) => {
        const share = room / (bySize.length - index);
        let used = 0;
        let count = 0;
        for (const row of block.rows) {
            if (used + row.length + 1 > share) break;
            used += row.length + 1;
            count++;
        }
        shown.set(block, count);
        room -= used;
    });
    const out: string[] = [];
    for (const block of blocks) {
        if ("lines" in block) out.push(...block.lines);
        else {
            const count = shown.get(block)!;
            out.push(...block.rows.slice(0, count));
            if (count < block.rows.length) out.push("", `_${block.rows.length - count} more ${block.what} left out to fit a comment; run \`auth0-m2m audit --format json\` for all of them._`);
        }
    }
    return `${out.join("\n")}\n`;
}

function auditBlocks(report: AuditReport): Block[] {
    const blocks: Block[] = [];
    const lines = (...l: string[]) => blocks.push({ lines: l });
    const rows = (what: string, r: string[]) => blocks.push({ rows: r, what });
    lines(`## auth0-m2m audit: ${code(report.tenant)}`, "", `**${cell(verdictLine(report))}**`, "", judgedLine(report, code(`${report.policyPack.name}@${report.policyPack.version}`)));
    const wait = waitLine(report);
    if (wait) lines("", wait);

    lines("", "### Access", "");
    if (report.access.length === 0) lines("No grants.");
    else {
        lines("| Application | API | Scopes |", "| --- | --- | --- |");
        rows(
            "grants",
            report.access.map((a) => `| ${cell(a.machine)} | ${code(String(a.audience))}${cell(subjectNote(a))} | ${a.allowAllScopes ? "**all scopes**" : scopeWords(a).map(code).join(" ") || "none"} |`),
        );
    }
    lines("", "### Findings", "");
    if (report.findings.length === 0) lines("None.");
    else {
        lines("| Level | Policy | Live object | Finding | Fix |", "| --- | --- | --- | --- | --- |");
        rows("findings", report.findings.map((f) => `| ${f.level === "mandatory" ? "**mandatory**" : f.level} | ${code(f.policy)} | ${cell(objectLabel(f))} | ${cell(f.message)} | ${cell(f.fix)} |`));
    }
    if (report.drift) {
        const drift = driftLines(report.drift);
        lines("", `### Drift against ${code(`${report.drift.project}/${report.drift.stack}`)}`, "");
        if (drift.length === 0) lines("None.");
        else rows("differences", drift.map((l) => `- ${cell(l)}`));
    }
    if (report.system.length > 0) {
        lines("", "### Auth0's own objects (not judged)", "");
        rows("objects", report.system.map((o) => `- ${o.kind} ${cell(o.name)} (${code(o.id)}): ${cell(o.system ?? "")}`));
    }
    if (report.notes.length > 0) {
        lines("", "### Notes", "");
        rows("notes", report.notes.map((n) => `- ${cell(n)}`));
    }
    return blocks;
}
