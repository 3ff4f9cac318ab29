// What the bench measures and reports: shared by bench.ts, which measures, and results.ts, which
// renders RESULTS.md.
import type { PolicyStageSample } from "../cli/stages";

export type { PolicyStageSample };

/** The plan's own account of its time (its `--verbose` Timings line), in seconds. */
export interface PlanTimings {
    readonly programDone: number;
    /** Undefined when the pack was not ready before the plan moved on (never, for a passing plan). */
    readonly packReady?: number;
    readonly analyze: number;
    readonly analyzed: number;
    readonly analyzeStack: number;
    readonly report: number;
}

export interface PlanSample {
    readonly wallMs: number;
    readonly peakTreeRssKb: number;
    readonly sumOfProcessPeaksKb: number;
    /** Peak resident set by role (`auth0-m2m.js`, `program-child.js`, `run-policy-pack`), KiB. */
    readonly processPeaksKb: Readonly<Record<string, number>>;
    /** CPU time by role, ms (sampled: up to one sampling interval short). */
    readonly processCpuMs: Readonly<Record<string, number>>;
    readonly timings: PlanTimings;
    /** Custom resources in the report's summary. */
    readonly resources: number;
    /** Every registration, components and the Stack included. */
    readonly registered: number;
    /** Default providers the plan registered for them, as the engine does (also sent to the pack). */
    readonly defaultProviders: number;
}

export interface TenantResult {
    readonly machines: number;
    readonly component: readonly PlanSample[];
    readonly raw: readonly PlanSample[];
    /** The policy stage on its own, over the component program's resources (cli/stages.ts). */
    readonly stage: readonly PolicyStageSample[];
}

export interface MachineInfo {
    readonly cores: number;
    readonly cpuModel: string;
    readonly memoryBytes: number;
    readonly node: string;
    readonly os: string;
}

export interface BenchResults {
    readonly date: string;
    readonly commit: string;
    readonly machine: MachineInfo;
    readonly smoke: boolean;
    readonly runs: number;
    readonly tenants: readonly TenantResult[];
}
