// The plan's two stages, each on its own: what a project's program registers, and the policy stage
// over those resources with this package's own pack. The deliberate entry for bench/, which
// measures them; everything else in cli/ is internal.
//
// The policy stage here runs with nothing else running. In a plan it overlaps the program on two
// shared cores, so its in-plan figures measure the machine as much as the stage; this is the
// stage's own throughput. Each measurement starts a fresh pack (not timed), as every plan does, so
// the figure includes the pack's cold JIT: Analyze for every resource (32 in flight, as in a
// plan), then AnalyzeStack.
import { startPolicyPack } from "./analyzer";
import { PolicyCheck } from "./analyzer/policyCheck";
import { findPackage } from "./packageInfo";
import { defaultPolicyPackDir, ownPackWorkingDir, programJobFor } from "./planSetup";
import { DefaultProviders } from "./program/defaultProviders";
import type { CapturedResource } from "./program/protocol";
import { ProgramRunner } from "./program/runner";
import { loadProject } from "./program/project";

export type { CapturedResource };

export interface PolicyStageSample {
    /** Resources sent to Analyze and AnalyzeStack. */
    readonly analyzed: number;
    readonly analyzeMs: number;
    readonly analyzeStackMs: number;
    /** Mandatory and advisory diagnostics. */
    readonly diagnostics: number;
}

/** Runs a project's program once, as a plan does, and returns what it registered, with the default providers a plan registers for it. */
export async function captureResources(projectDir: string, stack: string, configFile: string): Promise<readonly CapturedResource[]> {
    const project = loadProject({ projectDir, stack, configFile });
    const runner = new ProgramRunner();
    try {
        const run = await runner.run(programJobFor(project, findPackage().root), { timeoutSeconds: 600 });
        return new DefaultProviders(project).resolve(run.resources);
    } finally {
        runner.stop();
    }
}

/** One cold measurement of the policy stage over `resources`, with this package's own pack. */
export async function measurePolicyStage(resources: readonly CapturedResource[]): Promise<PolicyStageSample> {
    const packageRoot = findPackage().root;
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
