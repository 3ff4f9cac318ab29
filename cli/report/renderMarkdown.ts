// The report as Markdown for a pull-request comment, within GitHub's size limit.
import { SECRET_TEXT } from "../values";
import { cell, code } from "./markdownText";
import type { PlanReport } from "./types";
import * as wording from "./wording";

/** GitHub rejects comments over 65,536 characters; stay well under it. */
export const MARKDOWN_BUDGET = 60_000;

/** The hidden first line of the Markdown report, which CI uses to find and update its own comment. */
export function markdownMarker(report: Pick<PlanReport, "project" | "stack">): string {
    return `<!-- auth0-m2m-plan:${report.project}/${report.stack} -->`;
}

const codeOrMarker = (value: string) => (value === SECRET_TEXT || value.startsWith("(") ? cell(value) : code(value));

/** Collects sections and cuts tables once the comment would exceed the budget. */
class MarkdownBuilder {
    private readonly parts: string[] = [];
    private used = 0;
    constructor(private readonly budget: number) {}

    line(text = ""): void {
        this.parts.push(text);
        this.used += text.length + 1;
    }

    /** A table; rows beyond the budget are left out with a line saying how many. */
    table(header: readonly string[], rows: readonly string[][]): void {
        this.line(`| ${header.join(" | ")} |`);
        this.line(`| ${header.map(() => "---").join(" | ")} |`);
        this.lines(
            rows.map((row) => `| ${row.join(" | ")} |`),
            "rows",
        );
    }

    /** Lines while the budget lasts, then one line saying how many were left out. */
    lines(lines: readonly string[], what: string): void {
        let shown = 0;
        for (const text of lines) {
            if (this.used + text.length + 1 > this.budget) break;
            this.line(text);
            shown++;
        }
        if (shown < lines.length) {
            this.line();
            this.line(`_${wording.number(lines.length - shown)} more ${what} left out to fit a pull-request comment; run \`auth0-m2m plan --format json\` for all of them._`);
        }
    }

    toString(): string {
        return `${this.parts.join("\n")}\n`;
    }
}

/**
 * The Markdown report. Tables are cut to keep the whole comment under `budget` characters; what is
 * left out is counted in the comment. The budget is lowered and the report rendered again until it
 * fits, since headings and notes after a cut table need room too.
 */
export function renderMarkdown(report: PlanReport, budget = MARKDOWN_BUDGET): string {
    let rendered = renderMarkdownWithin(report, budget);
    for (let tableBudget = budget; rendered.length > budget && tableBudget > 0; ) {
        tableBudget -= rendered.length - budget + 500;
        rendered = renderMarkdownWithin(report, tableBudget);
    }
    return rendered;
}

function renderMarkdownWithin(report: PlanReport, budget: number): string {
    const md = new MarkdownBuilder(budget);
    const { summary } = report;
    md.line(markdownMarker(report));
    md.line(`## auth0-m2m plan: ${code(report.project)} / ${code(report.stack)}`);
    md.line();
    const icon = report.verdict === "fail" ? ":x:" : ":white_check_mark:";
    md.line(`${icon} **${cell(wording.verdictLine(report))}**`);
    md.line();
    md.line(
        `Policy pack ${code(report.policyPack.name)} ${cell(report.policyPack.version)} · ${wording.counted(summary.resources, "resource")} · ` +
            `${wording.counted(summary.machines, "machine")} · ${wording.counted(summary.apis, "API")} · ${wording.counted(summary.grants, "grant")}`,
    );
    md.line();
    md.line(cell(wording.stackConfigLine(report)));

    const findings = report.diagnostics.filter((d) => !report.exemptionsApplied.includes(d));
    md.line();
    md.line(`### Policy diagnostics`);
    md.line();
    if (findings.length === 0) md.line("None.");
    else {
        md.table(
            ["Level", "Policy", "Resource", "Message"],
            findings.map((d) => [
                d.level === "mandatory" ? "**mandatory**" : d.level,
                code(d.policy),
                cell(wording.resourceLabel(d)),
                cell(d.message),
            ]),
        );
    }

    if (report.exemptionsApplied.length > 0) {
        md.line();
        md.line(`### Exemptions applied`);
        md.line();
        md.table(["Resource", "What was suppressed, and why"], report.exemptionsApplied.map((d) => [cell(wording.resourceLabel(d)), cell(d.message)]));
    }

    const apis = wording.apiByLabel(report);
    const machinesByUrn = new Map(report.machines.map((m) => [m.urn, m]));
    md.line();
    md.line(`### Access matrix`);
    md.line();
    if (report.grants.length === 0) md.line("No grants.");
    else {
        md.table(
            ["Machine", "API", "Scopes", "Token lifetime"],
            report.grants.map((g) => {
                const api = apis.get(g.api);
                const target = g.managementApi ? `**${cell(g.api)}**` : `${cell(g.api)}<br>${codeOrMarker(wording.shown(g.audience, String))}`;
                return [
                    cell(g.machine),
                    target,
                    (wording.grantScopes(g).map(codeOrMarker).join(" ") || "(none)") + (wording.grantContext(g) ? `<br>${cell(wording.grantContext(g))}` : ""),
                    cell(wording.lifetime(api, "tokenLifetime")),
                ];
            }),
        );
    }

    md.line();
    md.line(`### Machines`);
    md.line();
    if (report.machines.length === 0) md.line("None.");
    else {
        md.table(
            ["Machine", "Authentication", "Token quota (client credentials)", "Grants"],
            report.machines.map((m) => [`${cell(m.machine)}<br>${code(m.name)}`, cell(wording.authentication(m)), cell(wording.quota(m)), wording.number(m.grants)]),
        );
    }
    if (report.otherApplications.length > 0) {
        md.line();
        md.line(`#### Other applications with grants (can't use client credentials)`);
        md.line();
        md.table(
            ["Application", "App type", "Grants"],
            report.otherApplications.map((m) => [`${cell(m.machine)}<br>${code(m.name)}`, cell(m.appType === null ? "unset" : wording.shown(m.appType, String)), wording.number(m.grants)]),
        );
    }
    const otherUrns = new Set(report.otherApplications.map((m) => m.urn));
    const orphanGrants = report.grants.filter((g) => g.machineUrn === null || (!machinesByUrn.has(g.machineUrn) && !otherUrns.has(g.machineUrn)));
    if (orphanGrants.length > 0) {
        md.line();
        md.line(`${wording.counted(orphanGrants.length, "grant")} ${orphanGrants.length === 1 ? "names" : "name"} a client this program does not manage.`);
    }

    md.line();
    md.line(`### APIs`);
    md.line();
    if (report.apis.length === 0) md.line("None.");
    else {
        md.table(
            ["API", "Identifier", "Token lifetime", "Web lifetime", "Access", "Token binding", "Lifecycle"],
            report.apis.map((a) => [
                a.managementApi ? `**${cell(a.label)}**` : cell(a.label),
                codeOrMarker(wording.shown(a.identifier, String)),
                cell(wording.lifetime(a, "tokenLifetime")),
                a.managementApi ? "n/a" : cell(wording.lifetime(a, "tokenLifetimeForWeb")),
                cell(wording.accessPolicy(a)),
                cell(wording.tokenBinding(a)),
                cell(a.urn === null ? "not managed here" : [a.adopted ? "adopted (import)" : "created", a.retained ? "retained on delete" : ""].filter(Boolean).join(", ")),
            ]),
        );
    }

    if (report.adopted.length + report.retained.length > 0) {
        md.line();
        md.line(`### Adopted and retained`);
        md.line();
        const rows = [
            ...report.adopted.map((r) => [cell(`${r.type} "${r.name}"`), `adopted from id ${code(r.importId)}, never created`]),
            ...report.retained.map((r) => [cell(`${r.type} "${r.name}"`), "retained in the tenant when removed, never deleted"]),
        ];
        md.table(["Resource", "Instead of create/delete"], rows);
    }

    md.line();
    md.line(`<details><summary>Management API scopes the deployer needs (${wording.number(report.deployerScopes.length)})</summary>`);
    md.line();
    if (report.deployerScopes.length === 0) md.line("None.");
    else md.table(["Scope", "Why"], report.deployerScopes.map((s) => [code(s.scope), cell(`${s.reasons.join("; ")}${wording.forbiddenNote(s)}`)]));
    md.line();
    md.line("</details>");

    for (const [title, lines] of wording.extraSections(report)) {
        md.line();
        md.line(`### ${title}`);
        md.line();
        md.lines(
            lines.map((line) => `- ${cell(line)}`),
            "lines",
        );
    }

    if (report.notes.length > 0) {
        md.line();
        md.line("### Notes");
        md.line();
        md.lines(
            report.notes.map((note) => `- ${cell(note)}`),
            "notes",
        );
    }
    return md.toString();
}
