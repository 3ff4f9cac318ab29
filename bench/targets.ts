// The bench's targets and the verdict on each: measured value, met or not, and the measured
// breakdown behind a miss.
import { figuresFor, mb, PROGRAM_ROLE, seconds, thousands, type TenantFigures } from "./figures";
import type { BenchResults } from "./types";

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
