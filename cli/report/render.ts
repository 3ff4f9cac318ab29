// The report in three formats: text for a terminal, Markdown for a pull-request comment, JSON for
// machines. Pure functions of the PlanReport, so the same plan always renders the same bytes.
import type { ReportFormat } from "../args";
import { jsonChunks } from "./jsonChunks";
import { renderDiffMarkdown, renderDiffText } from "./renderDiff";
import { renderMarkdown } from "./renderMarkdown";
import { renderText } from "./renderText";
import type { PlanReport } from "./types";

/**
 * The rendered report in pieces, to be written as they come: JSON is streamed (a large tenant's
 * report is never one string); text and Markdown are one piece (Markdown is cut to its budget).
 */
export function renderReportChunks(report: PlanReport, format: ReportFormat): Iterable<string> {
    switch (format) {
        case "json":
            return jsonChunks(report);
        case "markdown":
            return [report.diff ? renderDiffMarkdown(report, report.diff) : renderMarkdown(report)];
        case "text":
            return [report.diff ? renderDiffText(report, report.diff) : renderText(report)];
    }
}

export function renderReport(report: PlanReport, format: ReportFormat): string {
    return [...renderReportChunks(report, format)].join("");
}
