// The report in three formats: text for a terminal, Markdown for a pull-request comment, JSON for
// machines. Pure functions of the PlanReport, so the same plan always renders the same bytes.
import type { ReportFormat } from "../args";
import type { StackDiff } from "../diff/types";
import { renderDiffMarkdown, renderDiffText } from "./renderDiff";
import { renderMarkdown } from "./renderMarkdown";
import { renderText } from "./renderText";
import type { PlanReport } from "./types";

export function renderReport(report: PlanReport, format: ReportFormat): string {
    switch (format) {
        case "json":
            return renderJson(report);
        case "markdown":
            return report.diff ? renderDiffMarkdown(report, report.diff as StackDiff) : renderMarkdown(report);
        case "text":
            return report.diff ? renderDiffText(report, report.diff as StackDiff) : renderText(report);
    }
}

export function renderJson(report: PlanReport): string {
    return `${JSON.stringify(report, null, 2)}\n`;
}
