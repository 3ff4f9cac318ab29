// The policy stage on its own: the plan's own code (PolicyCheck, the Analyzer client, the pack run
// from the same compiled copy) over a program's captured resources, with nothing else running. In
// a plan the stage overlaps the program on two shared cores, so its in-plan figures measure the
// machine as much as the stage; this is the stage's own throughput.
//
// Each measurement starts a fresh pack (not timed), as every plan does, so the figure includes the
// pack's cold JIT: Analyze for every resource (32 in flight, as in a plan), then AnalyzeStack.
import * as path from "node:path";
import { startPolicyPack } from "../infra/plan/analyzer";
import type { CapturedResource } from "../infra/plan/programProtocol";
import { defaultPolicyPackDir, ownPackWorkingDir, programJobFor } from "../infra/plan/plan";
import { PolicyCheck } from "../infra/plan/policyCheck";
import { loadProject } from "../infra/plan/project";
import { runProgram } from "../infra/plan/programRunner";

export interface StageSample {
    /** Resources sent to Analyze and AnalyzeStack. */
    readonly analyzed: number;
    readonly analyzeMs: number;
    readonly analyzeStackMs: number;
    /** Mandatory and advisory diagnostics: a bench tenant has none. */
    readonly diagnostics: number;
}

/** Runs a project's program once, as a plan does, and returns what it registered. */
export async function captureResources(projectDir: string, stack: string, configFile: string, packageRoot: string): Promise<readonly CapturedResource[]> {
    const project = loadProject({ projectDir, stack, configFile });
    const run = await runProgram(programJobFor(project, packageRoot), { timeoutSeconds: 600 });
    return run.resources;
}

/** One cold measurement of the policy stage over `resources`, with this package's own pack. */
export async function measurePolicyStage(resources: readonly CapturedResource[], packageRoot: string): Promise<StageSample> {
    const packDir = defaultPolicyPackDir(packageRoot);
    const session = await startPolicyPack(packDir, {
        stack: { stack: "bench", project: "bench", dryRun: true },
        workingDir: ownPackWorkingDir(packDir, packageRoot),
    });
    try {
        const check = new PolicyCheck();
        check.attach(Promise.resolve(session));
        const started = performance.now();
        check.push(resources);
        const diagnostics = await check.finish();
        const wallMs = performance.now() - started;
        const { analyzed, analyzeStackMs } = check.timings;
        return { analyzed, analyzeMs: wallMs - analyzeStackMs, analyzeStackMs, diagnostics: diagnostics.length };
    } finally {
        await session.close();
    }
}

export const PACKAGE_ROOT = path.resolve(__dirname, "..");
