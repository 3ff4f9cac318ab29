// The bench in CI: its tenants are valid config, its raw program declares what the components do,
// and a smoke-sized run (10 machines, one run) completes and writes a well-formed report. Never
// asserts timings: those belong to `npm run bench`, not to tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseTenantConfig } from "../../infra/config/parseTenantConfig";
import { describeTimings } from "../../cli/planSetup";
import { parseBenchArgs, parseTimings, runBench } from "../../bench/bench";
import type { BenchResults, PlanSample } from "../../bench/types";
import type { declareRawTenant } from "../../bench/rawProgram";
import { judgeTargets, renderResults } from "../../bench/results";
import { benchTenantConfig, expectedResourceCount, rawTenantFrom, parseBenchTenant, type RawTenant } from "../../bench/tenant";

// Type-checks the raw program's entry against the generator's output (tsc follows this import).
type RawProgram = typeof declareRawTenant extends (tenant: RawTenant) => unknown ? true : never;
const rawProgramTakesRawTenant: RawProgram = true;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-bench-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

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
            scopes: ["read:users"],
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
        });
        const stage = (analyzed: number, ms: number) => ({ analyzed, analyzeMs: ms, analyzeStackMs: ms / 2, diagnostics: 0 });
        const results = (wall1000: number): BenchResults => ({
            date: "2026-01-01T00:00:00.000Z",
            commit: "test",
            machine: { cores: 2, cpuModel: "test", memoryBytes: 2 ** 34, node: "v20", os: "Linux" },
            smoke: false,
            runs: 1,
            tenants: [
                { machines: 100, component: [sample(1_000, 541, 100_000)], raw: [sample(1_000, 541, 100_000)], stage: [stage(541, 100)] },
                { machines: 1_000, component: [sample(wall1000, 5_041, 500_000)], raw: [sample(4_000, 5_041, 400_000)], stage: [stage(5_041, wall1000 / 4)] },
            ],
        });
        const met = judgeTargets(results(4_400));
        expect(met.map((v) => v.met)).toEqual([true, true, true, true, true]);
        const missed = judgeTargets(results(12_000));
        expect(missed.map((v) => v.met)).toEqual([false, true, false, false, false]);
        expect(missed[0].note).toContain("Where it goes: program done after");
    });
});

describe("npm run bench -- --smoke", () => {
    it("plans both programs through the CLI and writes a well-formed report", async () => {
        const out = path.join(tmp, "RESULTS.md");
        const results = await runBench({ machines: [10], runs: 1, smoke: true, out, log: () => undefined });

        expect(results.tenants).toHaveLength(1);
        const [tenant] = results.tenants;
        for (const sample of [...tenant.component, ...tenant.raw]) {
            expect(sample.resources).toBe(expectedResourceCount(10));
            expect(sample.timings.analyzed).toBe(sample.registered);
        }
        // The components add their own registrations on top of the same resources.
        expect(tenant.component[0].registered).toBeGreaterThan(tenant.raw[0].registered);
        // The stage alone saw every registration of the component program.
        expect(tenant.stage).toHaveLength(1);
        expect(tenant.stage[0]).toMatchObject({ analyzed: tenant.component[0].registered, diagnostics: 0 });

        const report = fs.readFileSync(out, "utf8");
        expect(report).toBe(renderResults(results, fs.readFileSync(path.join(__dirname, "../../bench/CHANGES.md"), "utf8")));
        for (const heading of ["# Benchmark", "## Machine and run", "## What is measured", "## Figures", "## Targets"]) expect(report).toContain(heading);
        expect(report).toContain("| | 10 machines |");
        expect(report.match(/\| not judged \| smoke run/g)).toHaveLength(5);
        // Only the given file is written.
        expect(fs.readdirSync(tmp)).toEqual(["RESULTS.md"]);
    }, 60_000);
});
