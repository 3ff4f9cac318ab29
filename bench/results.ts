// Renders the bench's measurements as bench/RESULTS.md: the machine, the figures per tenant size,
// and each target with the measured value, met or not, and the measured breakdown where not.
import type { BenchResults, PlanSample, PolicyStageSample, TenantResult } from "./types";

export const TARGETS = {
    /** 1,000 machines planned and checked end to end, seconds. */
    wallSeconds: 5,
    /** Peak resident memory of the whole process tree, MiB. */
    peakMb: 600,
    /** The component program's wall time over the raw program's. */
    componentOverRaw: 1.15,
    /** Resources the policy stage handles per second. */
    policyResourcesPerSecond: 3_000,
    /** 10x the resources may take at most 11x the time: time ratio / resource ratio. */
    growth: 1.1,
    /** The size the absolute targets are judged at. */
    machines: 1_000,
} as const;

/** The largest tenants' targets (issue 15), judged when the run has that size. */
export const LARGE_TARGETS = {
    machines: 10_000,
    wallSeconds: 45,
    peakMb: 3_000,
    /** Per-resource peak memory may not rise with size: per-resource ratio between sizes, at most. */
    perResourceMemoryGrowth: 1.1,
} as const;

/** The program child's role in the process tree (bench/measure.ts roleOf). */
const PROGRAM_ROLE = "program-child.js";

export function median(values: readonly number[]): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

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

export interface TargetVerdict {
    readonly target: string;
    readonly measured: string;
    /** undefined: not judged in this run (a smoke run, or the sizes it needs were not run). */
    readonly met?: boolean;
    /** The measured breakdown behind a miss, or what qualifies a pass. */
    readonly note?: string;
}

function breakdownOf(f: TenantFigures): string {
    const b = f.breakdown;
    return (
        `program done after ${b.programDone.toFixed(2)} s (raw program: ${b.rawProgramDone.toFixed(2)} s), pack ready after ` +
        `${b.packReady.toFixed(2)} s (in parallel), Analyze ${b.analyze.toFixed(2)} s of calls outstanding, AnalyzeStack ` +
        `${b.analyzeStack.toFixed(2)} s, report ${b.report.toFixed(2)} s`
    );
}

/** The wall-time and peak-memory verdicts for one size. */
function wallAndMemory(f: TenantFigures, wallTarget: string, wallSeconds: number, rssTarget: string, peakMb: number): TargetVerdict[] {
    const wallMet = f.componentWallMs <= wallSeconds * 1000;
    const upperMet = f.sumOfProcessPeaksKb <= peakMb * 1024;
    const sampledMet = f.peakTreeRssKb <= peakMb * 1024;
    const perProcess =
        Object.entries(f.processPeaksKb)
            .map(([role, kb]) => `${role} ${mb(kb)}`)
            .join(", ") + `; the raw program's child (no components: the SDK's own cost) ${mb(f.rawProcessPeaksKb[PROGRAM_ROLE] ?? 0)}`;
    return [
        {
            target: wallTarget,
            measured: `${seconds(f.componentWallMs)} for ${thousands(f.resources)} resources (median)`,
            met: wallMet,
            note: wallMet ? undefined : `Where it goes: ${breakdownOf(f)}.`,
        },
        {
            target: rssTarget,
            measured: `${mb(f.peakTreeRssKb)} sampled tree peak; ${mb(f.sumOfProcessPeaksKb)} sum of per-process peaks`,
            met: upperMet || sampledMet,
            note:
                upperMet || !sampledMet
                    ? `Per process: ${perProcess}.`
                    : `Met by the sampled simultaneous peak; the sum of per-process peaks (an upper bound) is above. Per process: ${perProcess}.`,
        },
    ];
}

/** The largest tenants' verdicts: time and memory at 10,000 machines, and how they scale to it. */
function largeTenantVerdicts(figures: readonly TenantFigures[], smoke: boolean): TargetVerdict[] {
    const size = thousands(LARGE_TARGETS.machines);
    const wallTarget = `${size} machines planned and checked in ≤ ${LARGE_TARGETS.wallSeconds} s wall`;
    const rssTarget = `≤ ${thousands(LARGE_TARGETS.peakMb)} MB peak RSS at ${size} machines (whole process tree)`;
    const memoryTarget = "Per-resource peak memory does not rise with size";
    const policyTarget = `Policy stage ≥ ${thousands(TARGETS.policyResourcesPerSecond)} resources/s at every size`;
    const largest = figures.find((f) => f.machines === LARGE_TARGETS.machines);
    if (smoke || !largest) {
        const why = smoke ? "smoke run: targets are not judged" : `needs the ${size}-machine tenant in the run`;
        return [wallTarget, rssTarget, memoryTarget, policyTarget].map((target) => ({ target, measured: "-", note: why }));
    }
    const perResource = (f: TenantFigures) => f.peakTreeRssKb / f.registered;
    const steps = figures.slice(1).map((big, i) => ({ small: figures[i], big, ratio: perResource(big) / perResource(figures[i]) }));
    const slowest = figures.reduce((a, b) => (b.stagePerSecond < a.stagePerSecond ? b : a));
    return [
        ...wallAndMemory(largest, wallTarget, LARGE_TARGETS.wallSeconds, rssTarget, LARGE_TARGETS.peakMb),
        {
            target: memoryTarget,
            measured: figures.map((f) => `${thousands(f.machines)}: ${(perResource(f)).toFixed(0)} KB`).join(", ") + " (sampled tree peak ÷ registrations)",
            met: steps.every((step) => step.ratio <= LARGE_TARGETS.perResourceMemoryGrowth),
            note: `Judged as per-resource peak at each size ≤ ${LARGE_TARGETS.perResourceMemoryGrowth} × the size below.`,
        },
        {
            target: policyTarget,
            measured: figures.map((f) => `${thousands(f.machines)}: ${thousands(f.stagePerSecond)}`).join(", ") + " resources/s on its own",
            met: slowest.stagePerSecond >= TARGETS.policyResourcesPerSecond,
        },
    ];
}

export function judgeTargets(results: BenchResults): TargetVerdict[] {
    const figures = results.tenants.map(figuresFor);
    const at = (n: number) => figures.find((f) => f.machines === n);
    const large = at(TARGETS.machines);
    const notJudged = (target: string, why: string): TargetVerdict => ({ target, measured: "-", note: why });
    const missing = results.smoke ? "smoke run: targets are not judged" : `needs the ${thousands(TARGETS.machines)}-machine tenant in the run`;
    const verdicts: TargetVerdict[] = [];

    const wallTarget = `${thousands(TARGETS.machines)} machines planned and checked in ≤ ${TARGETS.wallSeconds} s wall`;
    const rssTarget = `≤ ${TARGETS.peakMb} MB peak RSS (whole process tree)`;
    const ratioTarget = `Component program ≤ ${TARGETS.componentOverRaw}× the raw program`;
    const policyTarget = `Policy stage ≥ ${thousands(TARGETS.policyResourcesPerSecond)} resources/s`;
    if (!large || results.smoke) {
        verdicts.push(notJudged(wallTarget, missing), notJudged(rssTarget, missing), notJudged(ratioTarget, missing), notJudged(policyTarget, missing));
    } else {
        verdicts.push(...wallAndMemory(large, wallTarget, TARGETS.wallSeconds, rssTarget, TARGETS.peakMb));
        const ratioMet = large.ratio <= TARGETS.componentOverRaw;
        verdicts.push({
            target: ratioTarget,
            measured: `${large.ratio.toFixed(2)}× (${seconds(large.componentWallMs)} vs ${seconds(large.rawWallMs)})`,
            met: ratioMet,
            note: ratioMet
                ? undefined
                : `Program stage: components done after ${large.breakdown.programDone.toFixed(2)} s, raw after ${large.breakdown.rawProgramDone.toFixed(2)} s ` +
                  `(${thousands(large.registered)} registrations vs ${thousands(large.rawRegistered)}).`,
        });
        const policyMet = large.stagePerSecond >= TARGETS.policyResourcesPerSecond;
        const stageSplit = `Analyze ${seconds(large.stageAnalyzeMs)}, AnalyzeStack ${seconds(large.stageAnalyzeStackMs)}`;
        verdicts.push({
            target: policyTarget,
            measured: `${thousands(large.stagePerSecond)} resources/s on its own (${thousands(large.registered)} resources: ${stageSplit})`,
            met: policyMet,
            note:
                `Within the plan, overlapping the program on the same two cores: ${thousands(large.policyPerSecond)} resources/s.` +
                (policyMet ? "" : ` Where the stage's time goes: ${stageSplit}.`),
        });
    }

    const growthTarget = "Linear growth: 10× the resources ≤ 11× the time";
    const pairs = figures.slice(1).map((f, i) => [figures[i], f] as const);
    if (results.smoke || pairs.length === 0) {
        verdicts.push(notJudged(growthTarget, results.smoke ? "smoke run: targets are not judged" : "needs two sizes in the run"));
    } else {
        const parts = pairs.map(([small, big]) => {
            const resourceRatio = big.resources / small.resources;
            const timeRatio = big.componentWallMs / small.componentWallMs;
            return { small, big, resourceRatio, timeRatio, met: timeRatio <= TARGETS.growth * resourceRatio };
        });
        verdicts.push({
            target: growthTarget,
            measured: parts
                .map((p) => `${thousands(p.small.machines)}→${thousands(p.big.machines)} machines: ${p.resourceRatio.toFixed(1)}× resources, ${p.timeRatio.toFixed(2)}× time`)
                .join("; "),
            met: parts.every((p) => p.met),
            note: "Judged as time ratio ≤ 1.1 × resource ratio for each step.",
        });
    }
    verdicts.push(...largeTenantVerdicts(figures, results.smoke));
    return verdicts;
}

function tenantTable(figures: readonly TenantFigures[]): string {
    const rows = [
        ["Resources (custom / all registrations)", (f: TenantFigures) => `${thousands(f.resources)} / ${thousands(f.registered)}`],
        ["Wall, components: median (min–max)", (f: TenantFigures) => `**${seconds(f.componentWallMs)}** (${seconds(f.componentWallRange[0])}–${seconds(f.componentWallRange[1])})`],
        ["Wall, raw program: median (min–max)", (f: TenantFigures) => `${seconds(f.rawWallMs)} (${seconds(f.rawWallRange[0])}–${seconds(f.rawWallRange[1])})`],
        ["Components ÷ raw", (f: TenantFigures) => `${f.ratio.toFixed(2)}×`],
        ["Resources/s (custom, end to end)", (f: TenantFigures) => thousands(f.resourcesPerSecond)],
        ["Peak RSS, sampled tree (components)", (f: TenantFigures) => mb(f.peakTreeRssKb)],
        ["Peak RSS, sum of per-process peaks (components / raw)", (f: TenantFigures) => `${mb(f.sumOfProcessPeaksKb)} / ${mb(f.rawSumOfProcessPeaksKb)}`],
        ["Per-process peaks (components)", (f: TenantFigures) => Object.entries(f.processPeaksKb).map(([role, kb]) => `${role} ${mb(kb)}`).join(", ")],
        ["Per-process peaks (raw program)", (f: TenantFigures) => Object.entries(f.rawProcessPeaksKb).map(([role, kb]) => `${role} ${mb(kb)}`).join(", ")],
        ["CPU per process (components)", (f: TenantFigures) => Object.entries(f.processCpuMs).map(([role, ms]) => `${role} ${seconds(ms)}`).join(", ")],
        ["Policy stage on its own: resources/s (Analyze / AnalyzeStack)", (f: TenantFigures) => `**${thousands(f.stagePerSecond)}** (${seconds(f.stageAnalyzeMs)} / ${seconds(f.stageAnalyzeStackMs)})`],
        ["Policy stage within the plan, resources/s (components / raw)", (f: TenantFigures) => `${thousands(f.policyPerSecond)} / ${thousands(f.rawPolicyPerSecond)}`],
        ["Program done after (components / raw)", (f: TenantFigures) => `${f.breakdown.programDone.toFixed(2)} s / ${f.breakdown.rawProgramDone.toFixed(2)} s`],
        ["Policy pack ready after", (f: TenantFigures) => `${f.breakdown.packReady.toFixed(2)} s`],
        ["Analyze (calls outstanding) / AnalyzeStack", (f: TenantFigures) => `${f.breakdown.analyze.toFixed(2)} s / ${f.breakdown.analyzeStack.toFixed(2)} s`],
        ["Report (build, render, write)", (f: TenantFigures) => `${f.breakdown.report.toFixed(2)} s`],
    ] as const;
    const header = `| | ${figures.map((f) => `${thousands(f.machines)} machines`).join(" | ")} |`;
    const rule = `| --- | ${figures.map(() => "---").join(" | ")} |`;
    return [header, rule, ...rows.map(([label, cell]) => `| ${label} | ${figures.map(cell).join(" | ")} |`)].join("\n");
}

function targetTable(verdicts: readonly TargetVerdict[]): string {
    const lines = ["| Target | Measured | Met | Notes |", "| --- | --- | --- | --- |"];
    for (const v of verdicts) {
        const met = v.met === undefined ? "not judged" : v.met ? "**yes**" : "**no**";
        lines.push(`| ${v.target} | ${v.measured} | ${met} | ${v.note ?? ""} |`);
    }
    return lines.join("\n");
}

/** The whole RESULTS.md: measured sections, then `changes` (bench/CHANGES.md) verbatim. */
export function renderResults(results: BenchResults, changes: string): string {
    const figures = results.tenants.map(figuresFor);
    const m = results.machine;
    const lines = [
        "# Benchmark: `auth0-m2m plan` at tenant scale",
        "",
        "Generated by `npm run bench` (bench/bench.ts); the section after the figures is bench/CHANGES.md.",
        "",
        "## Machine and run",
        "",
        `- Date: ${results.date}`,
        `- Commit: ${results.commit}`,
        `- Machine: ${m.cores} cores (${m.cpuModel}), ${(m.memoryBytes / 1024 ** 3).toFixed(1)} GB memory, ${m.os}`,
        `- Node.js ${m.node}`,
        `- Runs: ${results.runs} measured run${results.runs === 1 ? "" : "s"} of each program at each size (medians below)${results.smoke ? "; a smoke run" : ", after one unmeasured warm-up plan of each program"}`,
        "",
        "## What is measured",
        "",
        "Each tenant has N machines and 20 custom APIs. Every machine has one custom-API grant, one Management API grant",
        "given by endpoints, a token quota and the default authentication (a generated secret): five resources per machine",
        "(Client, RandomPassword, ClientCredentials, two ClientGrants), plus the Management API and two resources per API.",
        "",
        "- **Components**: this repository's program (infra/index.ts, `TenantAccess` and its children) with the tenant as",
        "  stack config. **Raw program**: the same resources, names and inputs as a plain `@pulumi/auth0` program",
        "  (bench/raw, bench/rawProgram.ts), the floor: the SDK's and the plan's own cost. The bench checks that both",
        "  declare the same resources, machines, APIs and grants, and that both plans pass with no finding.",
        "- Each is planned end to end through the real CLI: `node cli/bin/auth0-m2m.js plan --project … --config-file …",
        "  --format json --out … --verbose` (program child, policy pack over the Analyzer protocol, report rendering).",
        "- **Wall**: from spawning the CLI until it and its children have exited.",
        "- **Peak RSS**: /proc sampled every 20 ms over the CLI and all its descendants. The sampled tree peak is the",
        "  largest simultaneous sum of VmRSS; the sum of per-process peaks adds each process's own VmHWM (exact), an",
        "  upper bound.",
        "- **Policy stage on its own** (the target's measure): bench/stage.ts runs the plan's own policy code (PolicyCheck,",
        "  the Analyzer client, the pack from the same compiled copy) over the component program's captured resources,",
        "  with nothing else running: a fresh pack each time (its start not timed, its JIT cold, as in every plan), Analyze",
        "  for every registration (32 in flight, as in a plan), then AnalyzeStack; resources ÷ that wall time.",
        "- **Policy stage within the plan**: resources ÷ (wall time with Analyze calls outstanding + AnalyzeStack), from the",
        "  plan's `--verbose` Timings line. Lower, because Analyze runs while the program still holds one of the two cores.",
        "- **Resources/s**: custom resources ÷ median wall.",
        "",
        "## Figures",
        "",
        tenantTable(figures),
        "",
        "## Targets",
        "",
        targetTable(judgeTargets(results)),
        "",
    ];
    const trimmed = changes.trim();
    if (trimmed) lines.push(trimmed, "");
    return lines.join("\n");
}
