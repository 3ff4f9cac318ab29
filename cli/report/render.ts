// The report in three formats: text for a terminal, Markdown for a pull-request comment, JSON for
// machines. Pure functions of the PlanReport, so the same plan always renders the same bytes.
import type { ReportFormat } from "../args";
import type { PlanApi, PlanDiagnostic, PlanGrant, PlanMachine, PlanReport } from "./report";
import { AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS, AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS } from "../../policy-pack/guardrails";
import { SECRET_TEXT, UNKNOWN_TEXT, type Shown } from "../values";

/** GitHub rejects comments over 65,536 characters; stay well under it. */
export const MARKDOWN_BUDGET = 60_000;

export function renderReport(report: PlanReport, format: ReportFormat): string {
    switch (format) {
        case "json":
            return renderJson(report);
        case "markdown":
            return renderMarkdown(report);
        case "text":
            return renderText(report);
    }
}

export function renderJson(report: PlanReport): string {
    return `${JSON.stringify(report, null, 2)}\n`;
}

/** The hidden first line of the Markdown report, which CI uses to find and update its own comment. */
export function markdownMarker(report: Pick<PlanReport, "project" | "stack">): string {
    return `<!-- auth0-m2m-plan:${report.project}/${report.stack} -->`;
}

// ---------------------------------------------------------------------------------------------
// Shared wording

const number = (n: number) => n.toLocaleString("en-US");

/** "604,800 s (7 d)". */
export function formatSeconds(seconds: number): string {
    const units: [number, string][] = [
        [86_400, "d"],
        [3_600, "h"],
        [60, "min"],
    ];
    const unit = units.find(([size]) => seconds >= size && seconds % size === 0);
    return unit ? `${number(seconds)} s (${number(seconds / unit[0])} ${unit[1]})` : `${number(seconds)} s`;
}

function shown<T>(value: Shown<T>, format: (v: T) => string): string {
    if (value === SECRET_TEXT) return SECRET_TEXT;
    if (value === UNKNOWN_TEXT) return "(known after deployment)";
    return format(value as T);
}

function lifetime(api: PlanApi | undefined, field: "tokenLifetime" | "tokenLifetimeForWeb"): string {
    if (!api || api.urn === null) return "not managed by this program";
    const value = api[field];
    if (value === null) {
        const fallback = field === "tokenLifetime" ? AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS : AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS;
        return `unset (Auth0 default ${formatSeconds(fallback)})`;
    }
    return shown(value, formatSeconds);
}

function authentication(machine: PlanMachine): string {
    return machine.authenticationMethod === null ? "no credentials resource" : shown(machine.authenticationMethod, String);
}

function quota(machine: PlanMachine): string {
    const q = machine.tokenQuota;
    if (!q) return "no client quota";
    const parts: string[] = [];
    if (q.perHour !== null) parts.push(`${shown(q.perHour, number)}/hour`);
    if (q.perDay !== null) parts.push(`${shown(q.perDay, number)}/day`);
    if (parts.length === 0) parts.push("no limits set");
    if (q.enforce !== null) parts.push(q.enforce === true ? "enforced" : q.enforce === false ? "not enforced" : `enforce ${shown(q.enforce, String)}`);
    return `quota ${parts.join(", ")}`;
}

function grantScopes(grant: PlanGrant): string[] {
    const scopes = typeof grant.scopes === "string" ? [grant.scopes === SECRET_TEXT ? SECRET_TEXT : "(known after deployment)"] : [...grant.scopes];
    if (grant.allowAllScopes) scopes.unshift("(all scopes: allowAllScopes)");
    return scopes.map((s) => (s === UNKNOWN_TEXT ? "(known after deployment)" : s));
}

function counted(n: number, singular: string, plural = `${singular}s`): string {
    return `${number(n)} ${n === 1 ? singular : plural}`;
}

function verdictLine(report: PlanReport): string {
    const { mandatory, advisory, exemptionsApplied } = report.summary;
    const rest = [counted(advisory, "advisory", "advisories"), counted(exemptionsApplied, "exemption applied", "exemptions applied")].join(", ");
    return report.verdict === "fail"
        ? `FAIL: ${counted(mandatory, "mandatory violation")} (${rest})`
        : `PASS: no mandatory violations (${rest})`;
}

function resourceLabel(d: PlanDiagnostic): string {
    if (!d.resource) return "the stack";
    const type = d.resourceType ? d.resourceType.slice(d.resourceType.lastIndexOf(":") + 1) : "resource";
    return `${type} "${d.resourceName ?? d.resource}"`;
}

function apiByLabel(report: PlanReport): Map<string, PlanApi> {
    const map = new Map<string, PlanApi>();
    for (const api of report.apis) if (!map.has(api.label)) map.set(api.label, api);
    return map;
}

function grantsByMachine(report: PlanReport): Map<string, PlanGrant[]> {
    const map = new Map<string, PlanGrant[]>();
    for (const grant of report.grants) {
        const key = grant.machineUrn ?? `machine:${grant.machine}`;
        const list = map.get(key) ?? [];
        list.push(grant);
        map.set(key, list);
    }
    return map;
}

// ---------------------------------------------------------------------------------------------
// Text

export function renderText(report: PlanReport): string {
    const out: string[] = [];
    const { summary } = report;
    out.push(`auth0-m2m plan: project ${report.project}, stack ${report.stack}`);
    out.push(
        `Policy pack ${report.policyPack.name} ${report.policyPack.version}; ${counted(summary.resources, "resource")}, ` +
            `${counted(summary.machines, "machine")}, ${counted(summary.apis, "API")}, ${counted(summary.grants, "grant")}`,
    );

    const apis = apiByLabel(report);
    const byMachine = grantsByMachine(report);
    out.push("", "Access matrix (machine -> API -> scopes)");
    if (report.grants.length === 0 && report.machines.length === 0) out.push("  (no machines and no grants)");
    const machineLines = (title: string, grants: readonly PlanGrant[]) => {
        out.push(`  ${title}`);
        if (grants.length === 0) out.push("    (no grants)");
        for (const grant of grants) {
            const api = apis.get(grant.api);
            const identifier = grant.managementApi ? "" : `  ${shown(grant.audience, String)}`;
            out.push(`    -> ${grant.api}${identifier}  (tokens ${lifetime(api, "tokenLifetime")})`);
            out.push(`         ${grantScopes(grant).join(", ") || "(no scopes)"}`);
        }
    };
    for (const machine of report.machines) {
        machineLines(`${machine.machine} [${machine.name}]: ${authentication(machine)}; ${quota(machine)}`, byMachine.get(machine.urn) ?? []);
    }
    for (const [key, grants] of byMachine) if (key.startsWith("machine:")) machineLines(grants[0].machine, grants);

    out.push("", "APIs");
    if (report.apis.length === 0) out.push("  (none)");
    for (const api of report.apis) {
        const flags = [api.adopted ? "adopted" : "", api.retained ? "retained on delete" : ""].filter(Boolean).join(", ");
        out.push(`  ${api.label}  ${shown(api.identifier, String)}${flags ? `  [${flags}]` : ""}`);
        if (api.urn === null) {
            out.push("    not managed by this program");
            continue;
        }
        const web = api.managementApi ? "" : `; web ${lifetime(api, "tokenLifetimeForWeb")}`;
        out.push(`    token lifetime ${lifetime(api, "tokenLifetime")}${web}`);
        if (api.scopes) out.push(`    scopes: ${api.scopes.map((s) => shown(s, String)).join(", ") || "(none)"}`);
    }

    out.push("", "Adopted instead of created (import)");
    if (report.adopted.length === 0) out.push("  (none)");
    for (const r of report.adopted) out.push(`  ${r.type} "${r.name}" <- existing id ${r.importId}`);
    out.push("", "Retained instead of deleted (retainOnDelete)");
    if (report.retained.length === 0) out.push("  (none)");
    for (const r of report.retained) out.push(`  ${r.type} "${r.name}"`);

    out.push("", `Management API scopes the deployer needs (${number(report.deployerScopes.length)})`);
    if (report.deployerScopes.length === 0) out.push("  (none)");
    const width = Math.max(0, ...report.deployerScopes.map((s) => s.scope.length));
    for (const s of report.deployerScopes) out.push(`  ${s.scope.padEnd(width)}  ${s.reasons.join("; ")}`);

    const findings = report.diagnostics.filter((d) => !report.exemptionsApplied.includes(d));
    out.push("", `Policy diagnostics (${summary.mandatory} mandatory, ${summary.advisory} advisory)`);
    if (findings.length === 0) out.push("  (none)");
    for (const d of findings) {
        out.push(`  ${d.level.toUpperCase()}  ${d.policy}  ${resourceLabel(d)}`);
        for (const line of d.message.split("\n")) out.push(`      ${line}`);
    }
    out.push("", `Exemptions applied (${number(report.exemptionsApplied.length)})`);
    if (report.exemptionsApplied.length === 0) out.push("  (none)");
    for (const d of report.exemptionsApplied) out.push(`  ${resourceLabel(d)}: ${d.message}`);

    if (report.notes.length > 0) {
        out.push("", "Notes");
        for (const note of report.notes) out.push(`  - ${note}`);
    }
    out.push("", verdictLine(report));
    return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Text for a table cell: no HTML, no Markdown emphasis or links, no pipes, no line breaks. */
function cell(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/[\\`*_[\]~|]/g, (c) => `\\${c}`)
        .replace(/\r?\n/g, "<br>");
}

/** An inline code span that survives backticks in the text. */
function code(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}${pad}${fence}`;
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
            this.line(`_${number(lines.length - shown)} more ${what} left out to fit a pull-request comment; run \`auth0-m2m plan --format json\` for all of them._`);
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
    md.line(`${icon} **${cell(verdictLine(report))}**`);
    md.line();
    md.line(
        `Policy pack ${code(report.policyPack.name)} ${cell(report.policyPack.version)} · ${counted(summary.resources, "resource")} · ` +
            `${counted(summary.machines, "machine")} · ${counted(summary.apis, "API")} · ${counted(summary.grants, "grant")}`,
    );

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
                cell(resourceLabel(d)),
                cell(d.message),
            ]),
        );
    }

    if (report.exemptionsApplied.length > 0) {
        md.line();
        md.line(`### Exemptions applied`);
        md.line();
        md.table(["Resource", "What was suppressed, and why"], report.exemptionsApplied.map((d) => [cell(resourceLabel(d)), cell(d.message)]));
    }

    const apis = apiByLabel(report);
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
                const target = g.managementApi ? `**${cell(g.api)}**` : `${cell(g.api)}<br>${codeOrMarker(shown(g.audience, String))}`;
                return [
                    cell(g.machine),
                    target,
                    grantScopes(g).map(codeOrMarker).join(" ") || "(none)",
                    cell(lifetime(api, "tokenLifetime")),
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
            report.machines.map((m) => [`${cell(m.machine)}<br>${code(m.name)}`, cell(authentication(m)), cell(quota(m)), number(m.grants)]),
        );
    }
    const orphanGrants = report.grants.filter((g) => g.machineUrn === null || !machinesByUrn.has(g.machineUrn));
    if (orphanGrants.length > 0) {
        md.line();
        md.line(`${counted(orphanGrants.length, "grant")} ${orphanGrants.length === 1 ? "names" : "name"} a client this program does not manage.`);
    }

    md.line();
    md.line(`### APIs`);
    md.line();
    if (report.apis.length === 0) md.line("None.");
    else {
        md.table(
            ["API", "Identifier", "Token lifetime", "Web lifetime", "Lifecycle"],
            report.apis.map((a) => [
                a.managementApi ? `**${cell(a.label)}**` : cell(a.label),
                codeOrMarker(shown(a.identifier, String)),
                cell(lifetime(a, "tokenLifetime")),
                a.managementApi ? "n/a" : cell(lifetime(a, "tokenLifetimeForWeb")),
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
    md.line(`<details><summary>Management API scopes the deployer needs (${number(report.deployerScopes.length)})</summary>`);
    md.line();
    if (report.deployerScopes.length === 0) md.line("None.");
    else md.table(["Scope", "Why"], report.deployerScopes.map((s) => [code(s.scope), cell(s.reasons.join("; "))]));
    md.line();
    md.line("</details>");

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
