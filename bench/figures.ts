// The figures of one tenant size, from its samples: medians, ranges, per-process peaks and CPU,
// policy throughput; and how they are written.
import type { PlanSample, PolicyStageSample, TenantResult } from "./types";

/** The program child's role in the process tree (bench/measure.ts roleOf). */
export const PROGRAM_ROLE = "program-child.js";

export function median(values: readonly number[]): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
export const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

/** In a plan: resources per second of wall time with Analyze calls outstanding, plus AnalyzeStack. */
export function policyThroughput(sample: PlanSample): number {
    return sample.timings.analyzed / (sample.timings.analyze + sample.timings.analyzeStack);
}

/** On its own (cli/stages.ts): resources per second of Analyze for all of them, then AnalyzeStack. */
export function stageThroughput(sample: PolicyStageSample): number {
    return sample.analyzed / ((sample.analyzeMs + sample.analyzeStackMs) / 1000);
}

export interface TenantFigures {
    readonly machines: number;
    readonly resources: number;
    readonly registered: number;
    readonly rawRegistered: number;
    readonly componentWallMs: number;
    readonly componentWallRange: readonly [number, number];
    readonly rawWallMs: number;
    readonly rawWallRange: readonly [number, number];
    readonly ratio: number;
    readonly resourcesPerSecond: number;
    readonly peakTreeRssKb: number;
    readonly sumOfProcessPeaksKb: number;
    readonly rawSumOfProcessPeaksKb: number;
    readonly processPeaksKb: Readonly<Record<string, number>>;
    readonly rawProcessPeaksKb: Readonly<Record<string, number>>;
    readonly processCpuMs: Readonly<Record<string, number>>;
    /** The policy stage on its own (the target's measure). */
    readonly stagePerSecond: number;
    readonly stageAnalyzeMs: number;
    readonly stageAnalyzeStackMs: number;
    /** The policy stage within the plans, overlapping the program. */
    readonly policyPerSecond: number;
    readonly rawPolicyPerSecond: number;
    readonly breakdown: { programDone: number; rawProgramDone: number; packReady: number; analyze: number; analyzeStack: number; report: number };
}

export function figuresFor(tenant: TenantResult): TenantFigures {
    const walls = (samples: readonly PlanSample[]) => samples.map((s) => s.wallMs);
    const of = (samples: readonly PlanSample[], pick: (s: PlanSample) => number) => median(samples.map(pick));
    const roles = new Set(tenant.component.flatMap((s) => Object.keys(s.processPeaksKb)));
    const componentWallMs = median(walls(tenant.component));
    const rawWallMs = median(walls(tenant.raw));
    return {
        machines: tenant.machines,
        resources: tenant.component[0]?.resources ?? Number.NaN,
        registered: tenant.component[0]?.registered ?? Number.NaN,
        rawRegistered: tenant.raw[0]?.registered ?? Number.NaN,
        componentWallMs,
        componentWallRange: [Math.min(...walls(tenant.component)), Math.max(...walls(tenant.component))],
        rawWallMs,
        rawWallRange: [Math.min(...walls(tenant.raw)), Math.max(...walls(tenant.raw))],
        ratio: componentWallMs / rawWallMs,
        resourcesPerSecond: (tenant.component[0]?.resources ?? Number.NaN) / (componentWallMs / 1000),
        peakTreeRssKb: of(tenant.component, (s) => s.peakTreeRssKb),
        sumOfProcessPeaksKb: of(tenant.component, (s) => s.sumOfProcessPeaksKb),
        rawSumOfProcessPeaksKb: of(tenant.raw, (s) => s.sumOfProcessPeaksKb),
        processPeaksKb: Object.fromEntries([...roles].sort().map((role) => [role, of(tenant.component, (s) => s.processPeaksKb[role] ?? 0)])),
        rawProcessPeaksKb: Object.fromEntries([...roles].sort().map((role) => [role, of(tenant.raw, (s) => s.processPeaksKb[role] ?? 0)])),
        processCpuMs: Object.fromEntries([...roles].sort().map((role) => [role, of(tenant.component, (s) => s.processCpuMs[role] ?? 0)])),
        stagePerSecond: median(tenant.stage.map(stageThroughput)),
        stageAnalyzeMs: median(tenant.stage.map((s) => s.analyzeMs)),
        stageAnalyzeStackMs: median(tenant.stage.map((s) => s.analyzeStackMs)),
        policyPerSecond: of(tenant.component, policyThroughput),
        rawPolicyPerSecond: of(tenant.raw, policyThroughput),
        breakdown: {
            programDone: of(tenant.component, (s) => s.timings.programDone),
            rawProgramDone: of(tenant.raw, (s) => s.timings.programDone),
            packReady: of(tenant.component, (s) => s.timings.packReady ?? Number.NaN),
            analyze: of(tenant.component, (s) => s.timings.analyze),
            analyzeStack: of(tenant.component, (s) => s.timings.analyzeStack),
            report: of(tenant.component, (s) => s.timings.report),
        },
    };
}
