// One offline plan: load the project, run its program in a child process while the policy pack
// starts, analyze resources as they arrive, then report. The pack is always shut down, and the
// program never outlives the plan.
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyPackSession } from "./analyzer";
import type { PlanOptions } from "./args";
import { compiledPolicyPack, isCompilableTypeScriptPack } from "./analyzer/ownPolicyPack";
import { PolicyCheck, type PolicyCheckTimings } from "./analyzer/policyCheck";
import { configError, EXIT_MANDATORY_VIOLATION, EXIT_OK, PlanError, ProgramError, settleExitCode } from "./errors";
import { reportFailure } from "./failure";
import { writeReport } from "./output";
import { findPackage, type PackageInfo } from "./packageInfo";
import { loadProject, type LoadedProject } from "./program/project";
import type { ProgramJob } from "./program/protocol";
import { ProgramRunner } from "./program/runner";
import { collectSecretPlaintexts, scrubSecrets } from "./values";

/** Progress lines on stderr: only for a terminal (or --verbose), so CI logs and pipes stay clean. */
class Progress {
    readonly started = Date.now();
    constructor(
        private readonly enabled: boolean,
        private readonly verbose: boolean,
    ) {}
    step(message: string): void {
        if (this.enabled) process.stderr.write(`[${((Date.now() - this.started) / 1000).toFixed(1)}s] ${message}\n`);
    }
    detail(message: string): void {
        if (this.verbose) this.step(message);
    }
}

/** Runs one plan; resolves to the exit code once the report is written and every child process is gone. */
export async function plan(options: PlanOptions, pkg: PackageInfo = findPackage()): Promise<number> {
    const progress = new Progress(options.verbose || process.stderr.isTTY === true, options.verbose);
    const secrets = new Set<string>();
    let sessionStarting: Promise<PolicyPackSession> | undefined;
    // Stops the program early: on SIGINT/SIGTERM, or when the pack fails (its error is the one to report).
    const stopProgram = new AbortController();
    let interruptedBy: NodeJS.Signals | undefined;
    let packFailure: unknown;
    let packReadyMs: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
        interruptedBy ??= signal;
        stopProgram.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);

    // Started first, so the program child boots while the project's files are read.
    const programRunner = new ProgramRunner();
    try {
        const project = loadProject({ projectDir: options.projectDir, stack: options.stack, configFile: options.configFile });
        for (const warning of project.warnings) process.stderr.write(`warning: ${warning}\n`);
        // Config the project marks secret is known before the program runs: scrubbed on every path.
        for (const key of project.secretKeys) collectSecretPlaintexts(parsedConfigValue(project.config[key]), secrets, true);
        const packDir = options.policyPackDir ?? defaultPolicyPackDir(pkg.root);
        if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
            throw configError(`${packDir} is not a policy pack (it has no PulumiPolicy.yaml); check --policy-pack.`);
        }
        // Loaded here rather than at the top so usage errors stay instant (see cli.ts).
        const analyzer = require("./analyzer") as typeof import("./analyzer");
        // Bad policy config fails before anything starts.
        const policyConfig = options.policyConfigFile ? await analyzer.readPolicyConfigFile(options.policyConfigFile) : undefined;

        // The program and the pack start together; resources are analyzed as they arrive.
        const check = new PolicyCheck();
        progress.step(`Running ${path.relative(process.cwd(), project.mainPath) || project.mainPath} for stack ${project.stack} (preview, offline)`);
        const running = programRunner.run(programJobFor(project, pkg.root), {
            timeoutSeconds: options.timeoutSeconds,
            signal: stopProgram.signal,
            onChildStarted: (pid) => progress.detail(`Program is process ${pid}`),
            onResources: (batch) => {
                for (const resource of batch) collectSecretPlaintexts(resource.properties, secrets);
                check.push(batch);
            },
        });
        progress.step(`Starting policy pack ${packDir}`);
        // This package's own pack runs from a compiled copy (ownPolicyPack.ts); a pack given with
        // --policy-pack runs in its own directory, exactly as the engine runs it.
        const workingDir = options.policyPackDir === undefined ? ownPackWorkingDir(packDir, pkg.root, (note) => progress.detail(note)) : undefined;
        const starting = analyzer
            .startPolicyPack(packDir, {
                stack: { stack: project.stack, project: project.name, organization: project.organization, dryRun: true },
                workingDir,
                callTimeoutMs: policyCallTimeoutMs(process.env),
            })
            .then(async (session: PolicyPackSession) => {
                packReadyMs = Date.now() - progress.started;
                progress.detail(`Policy pack ${session.info.name} ${session.info.version} is process ${session.pid}`);
                await session.configure(policyConfig, options.policyConfigFile);
                return session;
            });
        sessionStarting = starting;
        starting.catch((error: unknown) => {
            packFailure = error;
            stopProgram.abort();
        });
        check.attach(starting);
        const { buildReport } = require("./report/report") as typeof import("./report/report");
        const { renderReport } = require("./report/render") as typeof import("./report/render");

        const run = await running.catch((error: unknown) => {
            if (error instanceof ProgramError) showProgramOutput(error.output, secrets);
            throw error;
        });
        const programMs = Date.now() - progress.started;
        showProgramOutput(run.output, secrets);
        progress.detail(`Program used @pulumi/pulumi ${run.pulumiVersion} from ${run.pulumiPath}`);
        progress.step(`Program registered ${run.resources.length} resources; checking them with the policy pack`);

        const session = await starting;
        const diagnostics = await check.finish();
        if (interruptedBy) throw new PlanError("program", "The plan was interrupted.");
        const reportStarted = Date.now();

        const report = buildReport({
            tool: { name: pkg.name, version: pkg.version },
            project: project.name,
            stack: project.stack,
            policyPack: { name: session.info.name, version: session.info.version },
            resources: run.resources,
            diagnostics,
            notes: project.warnings,
        });
        // The verdict is the exit code from here on, whatever the pack's shutdown below does.
        const exitCode = settleExitCode(report.verdict === "fail" ? EXIT_MANDATORY_VIOLATION : EXIT_OK);
        await writeReport(renderReport(report, options.format), options.outFile);
        progress.detail(describeTimings(programMs, packReadyMs, check.timings, Date.now() - reportStarted));
        progress.step(`${report.verdict === "fail" ? "FAIL" : "PASS"}: ${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory`);
        return exitCode;
    } catch (error) {
        const output = { verbose: options.verbose, format: options.format, outFile: options.outFile, secrets };
        if (interruptedBy) {
            const stopped = new PlanError("interrupted", `interrupted by ${interruptedBy}; the program and the policy pack were stopped.`);
            return reportFailure(stopped, output, 128 + (interruptedBy === "SIGINT" ? 2 : 15));
        }
        return reportFailure(packFailure ?? error, output);
    } finally {
        // A plan that failed before the program ran (bad config, say) leaves no child behind.
        programRunner.stop();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        if (sessionStarting) {
            const session = await sessionStarting.catch(() => undefined);
            if (session) {
                await session.close();
                progress.detail(`Policy pack process ${session.pid} stopped`);
            }
        }
    }
}

/**
 * One --verbose line saying where the plan's time went (`bench/` reads it): the program's run and the
 * pack's start (both from the plan's start, in parallel), then the policy stage's wall time with
 * calls outstanding, and the report. Seconds, to the millisecond.
 */
export function describeTimings(programMs: number, packReadyMs: number | undefined, policy: PolicyCheckTimings, reportMs: number): string {
    const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
    return (
        `Timings: program done after ${s(programMs)}, policy pack ready after ${packReadyMs === undefined ? "?" : s(packReadyMs)}, ` +
        `Analyze ${s(policy.analyzeMs)} for ${policy.analyzed} resources, AnalyzeStack ${s(policy.analyzeStackMs)}, report ${s(reportMs)}`
    );
}

/** The environment variable that sets how long one call to the policy pack may take, in seconds. */
export const POLICY_CALL_TIMEOUT_VARIABLE = "AUTH0_M2M_POLICY_CALL_TIMEOUT";

/** Each policy pack call's deadline: 60 s, or the variable's value (for a pack known to be slow). */
export function policyCallTimeoutMs(env: NodeJS.ProcessEnv): number {
    const value = env[POLICY_CALL_TIMEOUT_VARIABLE];
    if (value === undefined || value === "") return 60_000;
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
        throw configError(`${POLICY_CALL_TIMEOUT_VARIABLE} must be a number of seconds above 0 and at most 86400, not '${value}'.`);
    }
    return Math.ceil(seconds * 1000);
}

/** Where the plan keeps a cache in this package's checkout (content-addressed, safe to delete). */
export function planCacheDir(packageRoot: string, kind: "program" | "policy-pack"): string {
    return path.join(packageRoot, "node_modules", ".cache", "auth0-m2m-plan", kind);
}

/** What the program child is asked to run for a loaded project. */
export function programJobFor(project: LoadedProject, packageRoot: string): ProgramJob {
    return {
        transpileCacheDir: planCacheDir(packageRoot, "program"),
        projectDir: project.dir,
        projectName: project.name,
        stack: project.stack,
        organization: project.organization,
        mainPath: project.mainPath,
        typescript: project.typescript,
        tsconfigPath: project.tsconfigPath,
        moduleType: project.moduleType,
        config: project.config,
        secretKeys: project.secretKeys,
    };
}

/** A PULUMI_CONFIG string as the value it stands for: structured config is JSON. */
function parsedConfigValue(value: string | undefined): unknown {
    try {
        return value === undefined ? undefined : JSON.parse(value);
    } catch {
        return value;
    }
}

/** What the program printed goes to stderr (stdout carries the report), minus any secret it knows. */
function showProgramOutput(output: string, secrets: ReadonlySet<string>): void {
    if (output.trim() === "") return;
    process.stderr.write(`--- program output ---\n${scrubSecrets(output, secrets).trimEnd()}\n--- end of program output ---\n`);
}

/**
 * This package's own pack: the TypeScript sources in a checkout, the compiled JavaScript pack
 * (`npm run build` writes dist/policy-pack) in the published package, which ships no sources.
 */
/**
 * Where to run this package's own pack from: its compiled copy when it is the TypeScript source (a
 * checkout), else in place (the published package's dist/policy-pack is JavaScript already). If the
 * copy can't be made (a read-only checkout), the pack runs in place, type-checked as the engine does.
 */
export function ownPackWorkingDir(packDir: string, packageRoot: string, note: (message: string) => void = () => undefined): string | undefined {
    if (!isCompilableTypeScriptPack(packDir)) return undefined;
    try {
        const dir = compiledPolicyPack(packDir, planCacheDir(packageRoot, "policy-pack"));
        note(`Policy pack runs from its compiled copy ${dir}`);
        return dir;
    } catch (error) {
        note(`Policy pack runs from its sources (type-checked on start): its compiled copy could not be made: ${(error as Error).message}`);
        return undefined;
    }
}

export function defaultPolicyPackDir(packageRoot: string): string {
    const sources = path.join(packageRoot, "policy-pack");
    return fs.existsSync(path.join(sources, "PulumiPolicy.yaml")) ? sources : path.join(packageRoot, "dist", "policy-pack");
}
