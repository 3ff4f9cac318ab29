// `auth0-m2m plan`: runs a Pulumi program offline, checks it with the policy pack, and reports
// the machine-to-machine access it would grant. See README.md in this directory.
import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyPackError, readPolicyConfigFile, startPolicyPack, type PolicyPackSession } from "./analyzer";
import { parseCommandLine, USAGE, type PlanOptions } from "./args";
import { configError, EXIT_ERROR, EXIT_MANDATORY_VIOLATION, EXIT_OK, PlanError } from "./errors";
import { PolicyCheck } from "./policyCheck";
import { loadProject, type LoadedProject } from "./project";
import type { ProgramJob } from "./programProtocol";
import { ProgramError, runProgram } from "./programRunner";
import { renderReport } from "./render";
import { buildReport } from "./report";
import { collectSecretPlaintexts, scrubSecrets } from "./values";

interface PackageInfo {
    readonly root: string;
    readonly name: string;
    readonly version: string;
}

/** This package's root: the nearest directory above this file whose package.json is auth0-m2m (source or dist/). */
export function findPackage(from = __dirname): PackageInfo {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "auth0-m2m") return { root: dir, name: pkg.name, version: pkg.version ?? "0.0.0" };
        }
        if (path.dirname(dir) === dir) throw new Error(`auth0-m2m's package.json was not found above ${from}`);
    }
}

/** Progress lines on stderr: only for a terminal (or --verbose), so CI logs and pipes stay clean. */
class Progress {
    private readonly started = Date.now();
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

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
    return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** Runs the command line; resolves to the exit code once all output is written. */
export async function main(argv: readonly string[]): Promise<number> {
    let command;
    try {
        command = parseCommandLine(argv, process.cwd());
    } catch (error) {
        return reportFailure(error, false);
    }
    if (command.command === "help") {
        await write(process.stdout, `${USAGE}\n`);
        return EXIT_OK;
    }
    if (command.command === "version") {
        await write(process.stdout, `${findPackage().version}\n`);
        return EXIT_OK;
    }
    return plan(command.options);
}

async function plan(options: PlanOptions): Promise<number> {
    const progress = new Progress(options.verbose || process.stderr.isTTY === true, options.verbose);
    const secrets = new Set<string>();
    let sessionStarting: Promise<PolicyPackSession> | undefined;
    // Stops the program early: on SIGINT/SIGTERM, or when the pack fails (its error is the one to report).
    const stopProgram = new AbortController();
    let interruptedBy: NodeJS.Signals | undefined;
    let packFailure: unknown;
    const onSignal = (signal: NodeJS.Signals) => {
        interruptedBy ??= signal;
        stopProgram.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);

    try {
        const pkg = findPackage();
        const project = loadProject({ projectDir: options.projectDir, stack: options.stack, configFile: options.configFile });
        for (const warning of project.warnings) process.stderr.write(`warning: ${warning}\n`);
        const packDir = options.policyPackDir ?? path.join(pkg.root, "policy-pack");
        if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
            throw configError(`${packDir} is not a policy pack (it has no PulumiPolicy.yaml); check --policy-pack.`);
        }
        // Bad policy config fails before anything starts.
        const policyConfig = options.policyConfigFile ? await readPolicyConfigFile(options.policyConfigFile) : undefined;

        progress.step(`Starting policy pack ${packDir}`);
        sessionStarting = startPolicyPack(packDir, {
            stack: { stack: project.stack, project: project.name, organization: project.organization, dryRun: true },
        }).then(async (session) => {
            progress.detail(`Policy pack ${session.info.name} ${session.info.version} is process ${session.pid}`);
            await session.configure(policyConfig, options.policyConfigFile);
            return session;
        });
        sessionStarting.catch((error: unknown) => {
            packFailure = error;
            stopProgram.abort();
        });
        const check = new PolicyCheck(sessionStarting);

        progress.step(`Running ${path.relative(process.cwd(), project.mainPath) || project.mainPath} for stack ${project.stack} (preview, offline)`);
        const run = await runProgram(jobFor(project), {
            timeoutSeconds: options.timeoutSeconds,
            signal: stopProgram.signal,
            onChildStarted: (pid) => progress.detail(`Program is process ${pid}`),
            onResources: (batch) => {
                for (const resource of batch) collectSecretPlaintexts(resource.properties, secrets);
                check.push(batch);
            },
        }).catch((error: unknown) => {
            if (error instanceof ProgramError) showProgramOutput(error.output, secrets);
            throw error;
        });
        showProgramOutput(run.output, secrets);
        progress.detail(`Program used @pulumi/pulumi ${run.pulumiVersion} from ${run.pulumiPath}`);
        progress.step(`Program registered ${run.resources.length} resources; checking them with the policy pack`);

        const session = await sessionStarting;
        const diagnostics = await check.finish();
        if (interruptedBy) throw new PlanError("program", "The plan was interrupted.");

        const report = buildReport({
            tool: { name: pkg.name, version: pkg.version },
            project: project.name,
            stack: project.stack,
            policyPack: { name: session.info.name, version: session.info.version },
            resources: run.resources,
            diagnostics,
            notes: project.warnings,
        });
        const rendered = renderReport(report, options.format);
        if (options.outFile) writeFileAtomically(options.outFile, rendered);
        else await write(process.stdout, rendered);
        progress.step(`${report.verdict === "fail" ? "FAIL" : "PASS"}: ${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory`);
        return report.verdict === "fail" ? EXIT_MANDATORY_VIOLATION : EXIT_OK;
    } catch (error) {
        if (interruptedBy) {
            process.stderr.write(`auth0-m2m plan: interrupted by ${interruptedBy}; the program and the policy pack were stopped.\n`);
            return 128 + (interruptedBy === "SIGINT" ? 2 : 15);
        }
        return reportFailure(packFailure ?? error, options.verbose, secrets);
    } finally {
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

function jobFor(project: LoadedProject): ProgramJob {
    return {
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

/** What the program printed goes to stderr (stdout carries the report), minus any secret it knows. */
function showProgramOutput(output: string, secrets: ReadonlySet<string>): void {
    if (output.trim() === "") return;
    process.stderr.write(`--- program output ---\n${scrubSecrets(output, secrets).trimEnd()}\n--- end of program output ---\n`);
}

function writeFileAtomically(file: string, text: string): void {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, file);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw configError(`Can't write the report to ${file}: ${(error as Error).message}`);
    }
}

/** One clear message on stderr; the stack trace only with --verbose. Returns the exit code. */
function reportFailure(error: unknown, verbose: boolean, secrets: ReadonlySet<string> = new Set()): number {
    const lines: string[] = [];
    if (error instanceof ProgramError) {
        lines.push(error.failure?.kind === "threw" ? `error: the program failed: ${error.message}` : `error: ${error.message}`);
        if (error.failure?.location) lines.push(`    at ${error.failure.location}`);
        if (verbose && error.detail) lines.push("", error.detail);
    } else if (PlanError.isInstance(error)) {
        lines.push(`error: ${error.message}`);
        if (verbose && error.detail) lines.push("", error.detail);
    } else if (PolicyPackError.isInstance(error)) {
        lines.push(error.kind === "config" ? `error: ${error.message}` : `error: the policy pack failed: ${error.message}`);
        if (verbose && error.stack) lines.push("", error.stack);
    } else {
        const message = error instanceof Error ? error.message : String(error);
        lines.push(`error: auth0-m2m plan failed unexpectedly: ${message}`);
        if (verbose && error instanceof Error && error.stack) lines.push("", error.stack);
        else lines.push("(run with --verbose for the stack trace)");
    }
    process.stderr.write(`${scrubSecrets(lines.join("\n"), secrets)}\n`);
    return EXIT_ERROR;
}
