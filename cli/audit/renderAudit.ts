// The audit report in the plan's three formats: text for a terminal, markdown for an issue or a
// pull-request comment, json as is.
import type { ReportFormat } from "../args";
import type { AuditFinding, AuditReport } from "./auditReport";
import type { Drift } from "./drift";

export function renderAudit(report: AuditReport, format: ReportFormat): string {
    if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
    return format === "markdown" ? renderMarkdown(report) : renderText(report);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function objectLabel(f: AuditFinding): string {
    if (!f.object) return "the tenant";
    const kind = f.object.kind === "application" ? "application" : f.object.kind === "grant" ? "grant" : "API";
    return `${kind} "${f.object.name}" (${f.object.id})`;
}

function verdictLine(report: AuditReport): string {
    const s = report.summary;
    return `${report.verdict === "fail" ? "FAIL" : "PASS"}: ${plural(s.mandatory, "mandatory finding")}, ${plural(s.advisory, "advisory finding")}`;
}

function waitLine(report: AuditReport): string | undefined {
    const r = report.read;
    if (r.rateLimited === 0 && r.serverErrors === 0) return undefined;
    return `Read ${plural(r.requests, "request")}: ${plural(r.rateLimited, "rate-limit answer")} (429) and ${plural(r.serverErrors, "server error")} (5xx) retried; waited ${(r.waitedMs / 1000).toFixed(1)} s in total.`;
}

function driftLines(drift: Drift): string[] {
    const out: string[] = [];
    for (const a of drift.applicationsOnlyLive) out.push(`application "${a.name}" (${a.id}) exists only live`);
    for (const a of drift.applicationsOnlyDeclared) out.push(`application "${a}" is declared but not live`);
    for (const g of drift.grantsOnlyLive) out.push(`grant ${g.application} → ${g.audience} is live but no stack declares it (scopes: ${g.scopes.join(" ") || "none"})`);
    for (const g of drift.grantsOnlyDeclared) out.push(`grant ${g.application} → ${g.audience} is declared but not live`);
    for (const s of drift.scopes) out.push(`scope ${s.scope} on ${s.application} → ${s.audience}: ${s.state === "live-only" ? "granted live, not declared" : "declared, not granted live"}`);
    for (const a of drift.apisOnlyLive) out.push(`API ${a} exists only live`);
    for (const a of drift.apisOnlyDeclared) out.push(`API ${a} is declared but not live`);
    for (const a of drift.apis) {
        out.push(a.field === "scope" ? `API ${a.identifier} scope ${a.detail}: ${a.live ? "defined live, not declared" : "declared, not defined live"}` : `API ${a.identifier} ${a.field}: live ${a.live ?? "unset"}, declared ${a.declared}`);
    }
    return out;
}

export function renderText(report: AuditReport): string {
    const s = report.summary;
    const out: string[] = [`auth0-m2m audit: tenant ${report.tenant}`, ""];
    out.push(`${plural(s.applications, "application")}, ${plural(s.grants, "grant")}, ${plural(s.apis, "API")} judged by ${report.policyPack.name} ${report.policyPack.version}; ${s.system} of Auth0's own objects not judged.`);
    const wait = waitLine(report);
    if (wait) out.push(wait);
    out.push("", "Access:");
    if (report.access.length === 0) out.push("  (no grants)");
    for (const a of report.access) out.push(`  ${a.application} → ${a.audience}: ${a.allowAllScopes ? "ALL SCOPES" : a.scopes.join(" ") || "(no scopes)"}`);
    out.push("", "Findings:");
    if (report.findings.length === 0) out.push("  none");
    for (const f of report.findings) {
        out.push(`  [${f.level}] ${f.policy}: ${objectLabel(f)}`, ...f.message.split("\n").map((l) => `      ${l}`));
        if (f.fix) out.push(`      fix: ${f.fix}`);
    }
    if (report.system.length > 0) {
        out.push("", "Auth0's own objects (not judged):");
        for (const o of report.system) out.push(`  ${o.kind} "${o.name}" (${o.id}): ${o.system}`);
    }
    if (report.drift) {
        const lines = driftLines(report.drift);
        out.push("", `Drift against stack ${report.drift.project}/${report.drift.stack}: ${lines.length === 0 ? "none" : plural(lines.length, "difference")}`);
        for (const l of lines) out.push(`  ${l}`);
    }
    if (report.notes.length > 0) {
        out.push("", "Notes:");
        for (const n of report.notes) out.push(`  - ${n}`);
    }
    out.push("", verdictLine(report));
    return `${out.join("\n")}\n`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function renderMarkdown(report: AuditReport): string {
    const s = report.summary;
    const md: string[] = [`## auth0-m2m audit: ${code(report.tenant)}`, "", `**${verdictLine(report)}**`, ""];
    md.push(`${plural(s.applications, "application")}, ${plural(s.grants, "grant")}, ${plural(s.apis, "API")} judged by ${code(`${report.policyPack.name}@${report.policyPack.version}`)}; ${s.system} of Auth0's own objects not judged.`);
    const wait = waitLine(report);
    if (wait) md.push("", wait);
    md.push("", "### Access", "", "| Application | API | Scopes |", "| --- | --- | --- |");
    for (const a of report.access) md.push(`| ${cell(a.application)} | ${code(a.audience)} | ${a.allowAllScopes ? "**all scopes**" : a.scopes.map(code).join(" ") || "none"} |`);
    md.push("", "### Findings", "");
    if (report.findings.length === 0) md.push("None.");
    else {
        md.push("| Level | Policy | Live object | Finding | Fix |", "| --- | --- | --- | --- | --- |");
        for (const f of report.findings) md.push(`| ${f.level} | ${code(f.policy)} | ${cell(objectLabel(f))} | ${cell(f.message)} | ${cell(f.fix)} |`);
    }
    if (report.drift) {
        const lines = driftLines(report.drift);
        md.push("", `### Drift against ${code(`${report.drift.project}/${report.drift.stack}`)}`, "", ...(lines.length === 0 ? ["None."] : lines.map((l) => `- ${cell(l)}`)));
    }
    if (report.system.length > 0) md.push("", "### Auth0's own objects (not judged)", "", ...report.system.map((o) => `- ${o.kind} ${cell(o.name)} (${code(o.id)}): ${o.system}`));
    if (report.notes.length > 0) md.push("", "### Notes", "", ...report.notes.map((n) => `- ${cell(n)}`));
    return `${md.join("\n")}\n`;
}
