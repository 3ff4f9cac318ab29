// The bench in CI: a smoke-sized run (10 machines, one run) plans both programs through the CLI,
// measures the policy stage, and writes a well-formed report. Its pure parts are bench.test.ts.
// Never asserts timings: those belong to `npm run bench`, not to tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBench } from "../../bench/bench";
import { renderResults } from "../../bench/results";
import { expectedResourceCount } from "../../bench/tenant";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-bench-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("npm run bench -- --smoke", () => {
    it("plans both programs through the CLI and writes a well-formed report", async () => {
        const out = path.join(tmp, "RESULTS.md");
        const results = await runBench({ machines: [10], runs: 1, smoke: true, out, log: () => undefined });

        expect(results.tenants).toHaveLength(1);
        const [tenant] = results.tenants;
        for (const sample of [...tenant.component, ...tenant.raw]) {
            expect(sample.resources).toBe(expectedResourceCount(10));
            // The auth0 resources' default provider is analyzed too, as under the engine.
            expect(sample.defaultProviders).toBeGreaterThan(0);
            expect(sample.timings.analyzed).toBe(sample.registered + sample.defaultProviders);
        }
        // The components add their own registrations on top of the same resources.
        expect(tenant.component[0].registered).toBeGreaterThan(tenant.raw[0].registered);
        // The stage alone saw every registration of the component program.
        expect(tenant.stage).toHaveLength(1);
        expect(tenant.stage[0]).toMatchObject({ analyzed: tenant.component[0].registered + tenant.component[0].defaultProviders, diagnostics: 0 });

        const report = fs.readFileSync(out, "utf8");
        expect(report).toBe(renderResults(results, fs.readFileSync(path.join(__dirname, "../../bench/CHANGES.md"), "utf8")));
        for (const heading of ["# Benchmark", "## Machine and run", "## What is measured", "## Figures", "## Targets"]) expect(report).toContain(heading);
        expect(report).toContain("| | 10 machines |");
        expect(report.match(/\| not judged \| smoke run/g)).toHaveLength(9);
        // Only the given file is written.
        expect(fs.readdirSync(tmp)).toEqual(["RESULTS.md"]);
    }, 60_000);
});
