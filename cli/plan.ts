// `auth0-m2m plan`: one stack's plan, or with --base two (head, and the stack at the base ref,
// planned at the same time, each in its own children), compared. The exit code is settled once the
// verdict is known; every child process and the base's temporary tree are gone before it returns.
import * as fs from "node:fs";
import * as path from "node:path";
import type { PlanOptions } from "./args";
import { baseInTree, extractTree, resolveBaseCommit, TemporaryTree } from "./base/gitBase";
import { readReportBase } from "./base/reportBase";
import type { PlannedSide } from "./diff/stackDiff";
import { EXIT_MANDATORY_VIOLATION, EXIT_OK, PlanError, settleExitCode } from "./errors";
import { describeFailure, reportFailure } from "./failure";
import { checkReportFile, writeReport } from "./output";
import { findPackage, type PackageInfo } from "./packageInfo";
import { planStack, Progress, type StackPlanContext } from "./planStack";
import type { PlanReport } from "./report/types";

/** Runs one plan; resolves to the exit code once the report is written and every child process is gone. */
export async function plan(options: PlanOptions, pkg: PackageInfo = findPackage()): Promise<number> {
    const progress = new Progress(options.verbose || process.stderr.isTTY === true, options.verbose);
    const secrets = new Set<string>();
    const interrupt = new AbortController();
    let interruptedBy: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
        interruptedBy ??= signal;
        interrupt.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const context: StackPlanContext = { pkg, progress, signal: interrupt.signal, secrets };
    let tree: TemporaryTree | undefined;
    let base: Promise<PlannedSide> | undefined;
    try {
        if (options.outFile) checkReportFile(options.outFile);
        const head = planStack(options, context);
        if (options.base !== undefined) {
            const file = path.resolve(process.cwd(), options.base);
            if (fs.existsSync(file) && fs.statSync(file).isFile()) {
                const read = readReportBase(file, { stack: options.stack });
                base = Promise.resolve(read.status === "planned" ? { status: "planned", source: file, report: read.report } : { status: "failed", source: file, error: read.error });
            } else {
                // Beside head: one plan leaves part of two cores idle while its program runs, so the
                // pair costs less than two plans back to back (bench/CHANGES.md, the access diff).
                tree = new TemporaryTree();
                base = planBase(options, options.base!, tree, { ...context, progress: progress.labelled("base: ") });
            }
            // Both sides run together; neither's failure leaves the other running.
            base.catch(() => undefined);
        }
        const headSide: PlannedSide = await head.then(
            (report): PlannedSide => ({ status: "planned", source: "working tree", report }),
            async (error: unknown) => {
                // Head failed: that is the plan's failure (exit 2), saying how the base fared, never "no change".
                const side = base && !interruptedBy ? await base.catch((e: unknown): PlannedSide => ({ status: "failed", source: options.base!, error: errorOf(e) })) : undefined;
                if (side) process.stderr.write(`note: this change fails to plan; at the base ${side.source} the stack ${side.status === "planned" ? "planned" : side.status === "absent" ? `is absent (${side.reason})` : `failed too (${side.error.message})`}.\n`);
                throw error;
            },
        );
        const baseSide = base ? await base : undefined;
        if (interruptedBy) throw new PlanError("interrupted", "interrupted");
        return await finish(options, headSide, baseSide, progress);
    } catch (error) {
        const output = { verbose: options.verbose, format: options.format, outFile: options.outFile, secrets };
        if (interruptedBy) {
            const stopped = new PlanError("interrupted", `interrupted by ${interruptedBy}; the program and the policy pack were stopped.`);
            return reportFailure(stopped, output, 128 + (interruptedBy === "SIGINT" ? 2 : 15));
        }
        return reportFailure(error, output);
    } finally {
        // The base's children are gone before its tree is removed.
        await base?.catch(() => undefined);
        tree?.remove();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
    }
}

/** Plans the stack as it is at `ref`; a base that fails to plan is a side that failed, not an error. */
async function planBase(options: PlanOptions, ref: string, tree: TemporaryTree, context: StackPlanContext): Promise<PlannedSide> {
    const { repoRoot, commit } = resolveBaseCommit(ref, options.projectDir);
    const source = `${ref} (${commit.slice(0, 12)})`;
    await extractTree(repoRoot, commit, tree.dir);
    const base = baseInTree(tree.dir, repoRoot, commit, options);
    if (base.status === "absent") return { status: "absent", source, reason: base.reason };
    context.progress.step(`Planning the base ${source}`);
    try {
        const report = await planStack({ ...options, projectDir: base.projectDir, configFile: base.configFile, policyConfigFile: base.policyConfigFile }, context);
        return { status: "planned", source, report };
    } catch (error) {
        if (context.signal.aborted) throw error;
        return { status: "failed", source, error: errorOf(error) };
    }
}

const errorOf = (error: unknown) => {
    const failure = describeFailure(error);
    return { kind: failure.kind, message: failure.message };
};

/** Renders, writes, and settles the exit code: head's mandatory findings, or with --fail-on new the new ones. */
async function finish(options: PlanOptions, head: PlannedSide, base: PlannedSide | undefined, progress: Progress): Promise<number> {
    const { renderReportChunks } = require("./report/render") as typeof import("./report/render");
    if (!base) {
        const report = (head as { report: PlanReport }).report;
        const exitCode = settleExitCode(report.verdict === "fail" ? EXIT_MANDATORY_VIOLATION : EXIT_OK);
        await writeReport(renderReportChunks(report, options.format), options.outFile);
        progress.step(`${report.verdict === "fail" ? "FAIL" : "PASS"}: ${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory`);
        return exitCode;
    }
    const { stackDiff } = require("./diff/stackDiff") as typeof import("./diff/stackDiff");
    const report = (head as { report: PlanReport }).report;
    const diff = stackDiff(report.project, report.stack, base, head, new Date());
    const failing = options.failOn === "new" ? diff.newMandatory > 0 : report.verdict === "fail";
    const exitCode = settleExitCode(failing ? EXIT_MANDATORY_VIOLATION : EXIT_OK);
    await writeReport(renderReportChunks({ ...report, diff }, options.format), options.outFile);
    progress.step(`${failing ? "FAIL" : "PASS"}: ${report.summary.mandatory} mandatory (${diff.newMandatory} new), ${report.summary.advisory} advisory`);
    return exitCode;
}
