// Setup the plan's sides share: where this package's pack and caches are, each pack call's
// deadline, the program child's job, and the --verbose timings line.
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyCheckTimings } from "./analyzer/policyCheck";
import { compiledPolicyPack, isCompilableTypeScriptPack } from "./analyzer/ownPolicyPack";
import { configError } from "./errors";
import type { LoadedProject } from "./program/project";
import type { ProgramJob } from "./program/protocol";
import { scrubSecrets } from "./values";

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
        programDir: project.programDir,
        typescript: project.typescript,
        tsconfigPath: project.tsconfigPath,
        moduleType: project.moduleType,
        config: project.config,
        secretKeys: project.secretKeys,
    };
}

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

/** The pack a command judges with: --policy-pack, else this package's own; refused unless it is a pack. */
export function checkedPolicyPackDir(policyPackDir: string | undefined, packageRoot: string): string {
    const packDir = policyPackDir ?? defaultPolicyPackDir(packageRoot);
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
        throw configError(`${packDir} is not a policy pack (it has no PulumiPolicy.yaml); check --policy-pack.`);
    }
    return packDir;
}

/** What the program printed goes to stderr (stdout carries the report), minus any secret it knows. */
export function showProgramOutput(output: string, secrets: ReadonlySet<string>): void {
    if (output.trim() === "") return;
    process.stderr.write(`--- program output ---\n${scrubSecrets(output, secrets).trimEnd()}\n--- end of program output ---\n`);
}

export function defaultPolicyPackDir(packageRoot: string): string {
    const sources = path.join(packageRoot, "policy-pack");
    return fs.existsSync(path.join(sources, "PulumiPolicy.yaml")) ? sources : path.join(packageRoot, "dist", "policy-pack");
}
