// The bench's pure parts: its tenants are valid config, its raw program declares what the
// components do, and its arguments, Timings line and targets are read and judged as written. The
// smoke run through the CLI is bench.process.test.ts.
import { describe, expect, it } from "vitest";
import { parseTenantConfig } from "../../infra/config/parseTenantConfig";
import { describeTimings } from "../../cli/planSetup";
import { parseBenchArgs } from "../../bench/bench";
import { parseTimings } from "../../bench/planOutput";
import type { BenchResults, PlanSample } from "../../bench/types";
import type { declareRawTenant } from "../../bench/rawProgram";
import { judgeTargets } from "../../bench/targets";
import { benchTenantConfig, expectedResourceCount, rawTenantFrom, parseBenchTenant, type RawTenant } from "../../bench/tenant";

// Type-checks the raw program's entry against the generator's output (tsc follows this import).
type RawProgram = typeof declareRawTenant extends (tenant: RawTenant) => unknown ? true : never;
const rawProgramTakesRawTenant: RawProgram = true;

describe("bench tenants", () => {
    it.each([10, 1_000])("are valid auth0-m2m config at %i machines", (machines) => {
        const parsed = parseTenantConfig(benchTenantConfig(machines));
        expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    });

    it("become the same resources, precomputed, for the raw program", () => {
        expect(rawProgramTakesRawTenant).toBe(true);
        const raw = rawTenantFrom(parseBenchTenant(benchTenantConfig(10)));
        const resources = (raw.managementApi ? 1 : 0) + raw.apis.length * 2 + raw.machines.reduce((n, m) => n + 3 + m.grants.length, 0);
        expect(resources).toBe(expectedResourceCount(10));
        const first = raw.machines[0];
        expect(first.clientName).toBe("tenant-machine-00001-client");
        expect(first.grants.map((g) => g.resourceName)).toEqual(["tenant-machine-00001-grant-api-01", "tenant-machine-00001-grant-management"]);
        // Scopes derived from the endpoints, as the component derives them.
        expect(first.grants[1]).toEqual({
            resourceName: "tenant-machine-00001-grant-management",
            audience: "https://bench-tenant.eu.auth0.com/api/v2/",
            scopes: ["read:roles"],
        });
        expect(first.grants[0].api).toBe("https://api-01.bench.example");
    });
});

describe("bench plumbing", () => {
    it("reads the plan's Timings line as the plan writes it", () => {
        const line = describeTimings(3_210, 812, { analyzed: 6_064, analyzeMs: 1_102, analyzeStackMs: 351 }, 120);
        expect(parseTimings(`[4.1s] ${line}\n`)).toEqual({ programDone: 3.21, packReady: 0.812, analyze: 1.102, analyzed: 6_064, analyzeStack: 0.351, report: 0.12 });
        expect(() => parseTimings("no timings here")).toThrow("the plan printed no Timings line");
    });

    it("takes sizes and runs, and rejects nonsense", () => {
        expect(parseBenchArgs(["--smoke"])).toMatchObject({ machines: [10], runs: 1, smoke: true });
        expect(parseBenchArgs(["--machines", "10,1000", "--runs", "3"])).toMatchObject({ machines: [10, 1_000], runs: 3, smoke: false });
        expect(() => parseBenchArgs(["--machines", "ten"])).toThrow("--machines takes whole numbers above 0");
        expect(() => parseBenchArgs(["--runs", "0"])).toThrow("--runs takes a whole number above 0");
    });

    it("judges each target from the figures, pass or miss", () => {
        const sample = (wallMs: number, resources: number, kb: number): PlanSample => ({
            wallMs,
            peakTreeRssKb: kb,
            sumOfProcessPeaksKb: kb,
            processPeaksKb: { "auth0-m2m.js": kb },
            processCpuMs: { "auth0-m2m.js": wallMs },
            timings: { programDone: 1, packReady: 0.5, analyze: 0.5, analyzed: resources, analyzeStack: 0.5, report: 0.1 },
            resources,
            registered: resources,
            defaultProviders: 0,
        });
        const stage = (analyzed: number, ms: number) => ({ analyzed, analyzeMs: ms, analyzeStackMs: ms / 2, diagnostics: 0 });
        const results = (wall1000: number, large?: { wallMs: number; kb: number; stageMs: number }): BenchResults => ({
            date: "2026-01-01T00:00:00.000Z",
            commit: "test",
            machine: { cores: 2, cpuModel: "test", memoryBytes: 2 ** 34, node: "v20", os: "Linux" },
            smoke: false,
            runs: 1,
            tenants: [
                { machines: 100, component: [sample(1_000, 541, 100_000)], raw: [sample(1_000, 541, 100_000)], stage: [stage(541, 100)] },
                { machines: 1_000, component: [sample(wall1000, 5_041, 500_000)], raw: [sample(4_000, 5_041, 400_000)], stage: [stage(5_041, wall1000 / 4)] },
                ...(large
                    ? [{ machines: 10_000, component: [sample(large.wallMs, 50_041, large.kb)], raw: [sample(large.wallMs, 50_041, large.kb)], stage: [stage(50_041, large.stageMs)] }]
                    : []),
            ],
        });
        // The 10,000-machine targets are not judged without that size.
        const met = judgeTargets(results(4_400));
        expect(met.map((v) => v.met)).toEqual([true, true, true, true, true, undefined, undefined, undefined, undefined]);
        expect(met[5].note).toBe("needs the 10,000-machine tenant in the run");
        const missed = judgeTargets(results(12_000));
        expect(missed.map((v) => v.met).slice(0, 5)).toEqual([false, true, false, false, false]);
        expect(missed[0].note).toContain("Where it goes: program done after");

        // 10,000 machines: time, memory, per-resource memory against 1,000, and the stage at every size.
        const largeMet = judgeTargets(results(4_400, { wallMs: 44_000, kb: 2_500_000, stageMs: 10_000 }));
        expect(largeMet.slice(5).map((v) => [v.target, v.met])).toEqual([
            ["10,000 machines planned and checked in ≤ 45 s wall", true],
            ["≤ 3,000 MB peak RSS at 10,000 machines (whole process tree)", true],
            ["Per-resource peak memory does not rise with size", true],
            ["Policy stage ≥ 3,000 resources/s at every size", true],
        ]);
        // Slower than 11x, more memory per resource than at 1,000 machines, a slow stage.
        const largeMissed = judgeTargets(results(4_400, { wallMs: 85_000, kb: 6_000_000, stageMs: 20_000 }));
        expect(largeMissed.slice(4).map((v) => v.met)).toEqual([false, false, false, false, false]);
    });
});
