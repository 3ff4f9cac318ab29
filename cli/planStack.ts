// One side of a plan: load the project, run its program in a child process while the policy pack
// starts, analyze resources as they arrive, and build the report. The pack is always shut down,
// and the program never outlives it. plan.ts runs one of these, or two (head and base) at once.
import * as path from "node:path";
import type { PolicyPackSession } from "./analyzer";
import { PolicyCheck } from "./analyzer/policyCheck";
import { PlanError, ProgramError } from "./errors";
import type { PackageInfo } from "./packageInfo";
import { checkedPolicyPackDir, describeTimings, ownPackWorkingDir, policyCallTimeoutMs, programJobFor, showProgramOutput } from "./planSetup";
import { DefaultProviders, deniedMessage } from "./program/defaultProviders";
import { isDefaultProvider } from "./program/providers";
import { loadProject } from "./program/project";
import type { CapturedResource } from "./program/protocol";
import { ProgramRunner } from "./program/runner";
import type { PlanExemption, PlanReport } from "./report/types";
import { collectConfigSecrets, collectSecretPlaintexts } from "./values";

/** Progress lines on stderr: only for a terminal (or --verbose), so CI logs and pipes stay clean. */
export class Progress {
    readonly started = Date.now();
    constructor(
        private readonly enabled: boolean,
        private readonly verbose: boolean,
        private readonly prefix = "",
    ) {}
    step(message: string): void {
        if (this.enabled) process.stderr.write(`[${((Date.now() - this.started) / 1000).toFixed(1)}s] ${this.prefix}${message}\n`);
    }
    detail(message: string): void {
        if (this.verbose) this.step(message);
    }
    /** The same progress, each line prefixed (for the base's plan). */
    labelled(prefix: string): Progress {
        return new Progress(this.enabled, this.verbose, prefix);
    }
}

export interface StackPlanInput {
    readonly projectDir: string;
    readonly stack: string;
    readonly configFile?: string;
    /** A pack given with --policy-pack; this package's own pack when undefined. */
    readonly policyPackDir?: string;
    readonly policyConfigFile?: string;
    readonly timeoutSeconds: number;
}

export interface StackPlanContext {
    readonly pkg: PackageInfo;
    readonly progress: Progress;
    /** Aborted on SIGINT/SIGTERM: the program stops, and the plan rejects. */
    readonly signal: AbortSignal;
    /** Every secret plaintext the program used is added here, so no output ever shows it. */
    readonly secrets: Set<string>;
}

/** Plans one stack; resolves to its report once the pack is shut down, or rejects with what failed. */
export async function planStack(input: StackPlanInput, { pkg, progress, signal, secrets }: StackPlanContext): Promise<PlanReport> {
    let sessionStarting: Promise<PolicyPackSession> | undefined;
    // Stops the program early: when the plan is interrupted, or when the pack fails (its error is the one to report).
    const stopProgram = new AbortController();
    const onAbort = () => stopProgram.abort();
    signal.addEventListener("abort", onAbort);
    let packFailure: unknown;
    let packReadyMs: number | undefined;

    // Started first, so the program child boots while the project's files are read.
    const programRunner = new ProgramRunner();
    try {
        const project = loadProject({ projectDir: input.projectDir, stack: input.stack, configFile: input.configFile });
        for (const warning of project.warnings) process.stderr.write(`warning: ${warning}\n`);
        // Config the project marks secret is known before the program runs: scrubbed on every path.
        collectConfigSecrets(project.config, project.secretKeys, secrets);
        const packDir = checkedPolicyPackDir(input.policyPackDir, pkg.root);
        // Loaded here rather than at the top so usage errors stay instant (see cli.ts).
        const analyzer = require("./analyzer") as typeof import("./analyzer");
        // Bad policy config fails before anything starts.
        const policyConfig = input.policyConfigFile ? await analyzer.readPolicyConfigFile(input.policyConfigFile) : undefined;

        // The program and the pack start together; resources are analyzed as they arrive.
        const check = new PolicyCheck();
        // The engine registers default providers as the program's resources arrive; so does the plan.
        const defaultProviders = new DefaultProviders(project);
        const registered: CapturedResource[] = [];
        progress.step(`Running ${path.relative(process.cwd(), project.mainPath) || project.mainPath} for stack ${project.stack} (preview, offline)`);
        const running = programRunner.run(programJobFor(project, pkg.root), {
            timeoutSeconds: input.timeoutSeconds,
            signal: stopProgram.signal,
            onChildStarted: (pid) => progress.detail(`Program is process ${pid}`),
            onResources: (batch) => {
                for (const resource of batch) collectSecretPlaintexts(resource.properties, secrets);
                const resolved = defaultProviders.resolve(batch);
                for (const resource of resolved) registered.push(resource);
                check.push(resolved);
            },
        });
        progress.step(`Starting policy pack ${packDir}`);
        // This package's own pack runs from a compiled copy (ownPolicyPack.ts); a pack given with
        // --policy-pack runs in its own directory, exactly as the engine runs it.
        const workingDir = input.policyPackDir === undefined ? ownPackWorkingDir(packDir, pkg.root, (note) => progress.detail(note)) : undefined;
        const starting = analyzer
            .startPolicyPack(packDir, {
                stack: { stack: project.stack, project: project.name, organization: project.organization, dryRun: true },
                workingDir,
                callTimeoutMs: policyCallTimeoutMs(process.env),
            })
            .then(async (session: PolicyPackSession) => {
                packReadyMs = Date.now() - progress.started;
                progress.detail(`Policy pack ${session.info.name} ${session.info.version} is process ${session.pid}`);
                await session.configure(policyConfig, input.policyConfigFile);
                return session;
            });
        sessionStarting = starting;
        starting.catch((error: unknown) => {
            packFailure = error;
            stopProgram.abort();
        });
        check.attach(starting);
        const { buildReport, scopeRisksOf } = require("./report/report") as typeof import("./report/report");

        const run = await running.catch((error: unknown) => {
            if (error instanceof ProgramError) showProgramOutput(error.output, secrets);
            throw packFailure ?? error;
        });
        const programMs = Date.now() - progress.started;
        showProgramOutput(run.output, secrets);
        if (defaultProviders.denied.length > 0) throw new PlanError("program", deniedMessage(defaultProviders.denied));
        progress.detail(`Program used @pulumi/pulumi ${run.pulumiVersion} from ${run.pulumiPath}`);
        const engineProviders = registered.length - run.resources.length;
        const withProviders = engineProviders === 0 ? "" : ` and ${engineProviders} default provider${engineProviders === 1 ? "" : "s"}`;
        progress.step(`Program registered ${run.resources.length} resources; checking them${withProviders} with the policy pack`);
        for (const resource of registered) if (isDefaultProvider(resource)) progress.detail(`Default provider ${resource.urn}`);

        const session = await starting;
        const diagnostics = await check.finish();
        if (signal.aborted) throw new PlanError("program", "The plan was interrupted.");
        const reportStarted = Date.now();
        const report = buildReport({
            tool: { name: pkg.name, version: pkg.version },
            project: project.name,
            stack: project.stack,
            policyPack: { name: session.info.name, version: session.info.version },
            resources: registered,
            diagnostics,
            notes: project.warnings,
            exemptions: configuredExemptions(session.config),
            scopeRisks: scopeRisksOf(session.config),
            stackConfigFile: project.stackConfigFile === undefined ? null : path.relative(project.dir, project.stackConfigFile) || project.stackConfigFile,
            dataSources: run.dataSources,
            environmentClientId: process.env.AUTH0_CLIENT_ID || undefined,
        });
        progress.detail(describeTimings(programMs, packReadyMs, check.timings, Date.now() - reportStarted));
        return report;
    } catch (error) {
        throw packFailure ?? error;
    } finally {
        signal.removeEventListener("abort", onAbort);
        // A plan that failed before the program ran (bad config, say) leaves no child behind.
        programRunner.stop();
        if (sessionStarting) {
            const session = await sessionStarting.catch(() => undefined);
            if (session) {
                await session.close();
                progress.detail(`Policy pack process ${session.pid} stopped`);
            }
        }
    }
}

/** Every policy's `exemptions` entries, as the pack was configured (schema-validated by then). */
function configuredExemptions(config: PolicyPackSession["config"]): PlanExemption[] {
    return Object.entries(config).flatMap(([policy, { properties }]) => {
        const list = properties.exemptions;
        if (!Array.isArray(list)) return [];
        return list
            .filter((e): e is Record<string, unknown> => e !== null && typeof e === "object")
            .map((e) => ({
                policy,
                resource: String(e.resource ?? ""),
                reason: String(e.reason ?? ""),
                expires: String(e.expires ?? ""),
                ...(Array.isArray(e.scopes) ? { scopes: e.scopes.map(String) } : {}),
            }));
    });
}
