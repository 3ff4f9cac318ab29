// The audit report in the plan's three formats: text for a terminal, Markdown for an issue or a
// pull-request comment (renderAuditMarkdown.ts), JSON streamed with the plan's jsonChunks.
import type { ReportFormat } from "../args";
import { jsonChunks } from "../report/jsonChunks";
import type { AuditReport } from "./auditReport";
import { driftLines, judgedLine, objectLabel, plural, scopeWords, subjectNote, verdictLine, waitLine } from "./auditWording";
import { renderAuditMarkdown } from "./renderAuditMarkdown";

/** The rendered report in pieces, written as they come: a large tenant's JSON is never one string. */
export function renderAuditChunks(report: AuditReport, format: ReportFormat): Iterable<string> {
    if (format === "json") return jsonChunks(report);
    return [format === "markdown" ? renderAuditMarkdown(report) : renderText(report)];
}

export function renderAudit(report: AuditReport, format: ReportFormat): string {
    return [...renderAuditChunks(report, format)].join("");
}

export function renderText(report: AuditReport): string {
    const out: string[] = [`auth0-m2m audit: tenant ${report.tenant}`, ""];
    out.push(judgedLine(report, `${report.policyPack.name} ${report.policyPack.version}`));
    const wait = waitLine(report);
    if (wait) out.push(wait);
    out.push("", "Access:");
    if (report.access.length === 0) out.push("  (no grants)");
    for (const a of report.access) out.push(`  ${a.machine} → ${String(a.audience)}${subjectNote(a)}: ${a.allowAllScopes ? "ALL SCOPES" : scopeWords(a).join(" ") || "(no scopes)"}`);
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
