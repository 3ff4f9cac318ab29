// `auth0-m2m comment`: the stacks' JSON plans joined into one pull-request comment
// (diff/combineComments.ts). Every report file becomes a stack's line, whatever is in it.
import * as fs from "node:fs";
import * as path from "node:path";
import { readReportDocument } from "./base/reportBase";
import type { CommentOptions } from "./commentArgs";
import { combineComments, type StackPlan } from "./diff/combineComments";
import { EXIT_OK, settleExitCode } from "./errors";
import { reportFailure } from "./failure";
import { writeReport } from "./output";

/** One report file as a stack's plan: its report, or what kept it from being one. */
export function readStackPlan(file: string): StackPlan {
    const stack = path.basename(file).replace(/\.json$/, "");
    if (!fs.existsSync(file)) return { stack, file: path.basename(file), status: "failed", error: { kind: "missing", message: `the plan wrote no report (${path.basename(file)}); see its log` } };
    try {
        const read = readReportDocument(file, "comment:");
        return read.status === "planned"
            ? { stack: read.report.stack, file: path.basename(file), status: "report", report: read.report }
            : { stack, file: path.basename(file), status: "failed", error: read.error };
    } catch (error) {
        return { stack, file: path.basename(file), status: "failed", error: { kind: "usage", message: (error as Error).message } };
    }
}

export async function comment(options: CommentOptions): Promise<number> {
    try {
        const markdown = combineComments(options.reports.map(readStackPlan));
        await writeReport(markdown, options.outFile);
        return settleExitCode(EXIT_OK);
    } catch (error) {
        return reportFailure(error, { verbose: false, outFile: undefined });
    }
}
