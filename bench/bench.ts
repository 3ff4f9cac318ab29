// `npm run bench`: plans generated tenants of 10 to 10,000 machines end to end through the real
// CLI (`auth0-m2m plan`: program child, policy pack over the Analyzer protocol, JSON rendering), and
// the same resources written as a plain @pulumi/auth0 program (bench/raw) through the same CLI: the
// floor. Writes bench/RESULTS.md with the figures against the targets.
//
//   npm run bench                                  # 10, 100, 1,000 machines, 5 runs each; 10,000, 3 runs
//   npm run bench -- --machines 1000 --runs 3      # one size
//   npm run bench -- --smoke --out /tmp/r.md       # 10 machines, one run (CI keeps the script working)
//
// Never a timed test: timings depend on the machine and on what else runs.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { runMeasured, type MeasuredRun } from "./measure";
import { renderResults } from "./results";
import { compareReports, parseTimings, type ReportView } from "./planOutput";
import type { BenchResults, MachineInfo, PlanSample, TenantResult } from "./types";
import { captureResources, measurePolicyStage, type PolicyStageSample } from "../cli/stages";
import {
    benchTenantConfig,
    componentStackConfig,
    expectedResourceCount,
    parseBenchTenant,
    rawStackConfig,
    rawTenantFrom,
} from "./tenant";

export const REPO_ROOT = path.resolve(__dirname, "..");
const CLI = path.join(REPO_ROOT, "cli", "bin", "auth0-m2m.js");
const RAW_PROJECT = path.join(__dirname, "raw");
const STACK = "bench";

export const DEFAULT_MACHINES = [10, 100, 1_000, 10_000] as const;
export const DEFAULT_RUNS = 5;
/** Measured runs at 10,000 machines and above, where one plan takes most of a minute. */
export const LARGE_TENANT_RUNS = 3;
/**
 * The plan's --timeout for every bench plan: a 10,000-machine program runs for longer than the
 * plan's default limit. The bench's own limit per plan is bench/measure.ts's.
 */
const PLAN_TIMEOUT_SECONDS = 600;

/** How many measured runs a size gets: all asked for, at most LARGE_TENANT_RUNS for the largest tenants. */
export function runsFor(machines: number, runs: number): number {
    return machines >= 10_000 ? Math.min(runs, LARGE_TENANT_RUNS) : runs;
}

export interface BenchOptions {
    readonly machines: readonly number[];
    /** Measured runs of each program at each size. */
    readonly runs: number;
    /** Where the Markdown report goes. */
    readonly out: string;
    /** CI's smoke run: no warm-up, and targets are not judged. */
    readonly smoke: boolean;
    /** Progress lines; stderr by default. */
    readonly log?: (line: string) => void;
}

export function machineInfo(): MachineInfo {
    const cpus = os.cpus();
    return {
        cores: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? "unknown",
        memoryBytes: os.totalmem(),
        node: process.version,
        os: `${os.type()} ${os.release()}`,
    };
}

function currentCommit(): string {
    try {
        const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
        // What the figures depend on; the report this run rewrites is not part of it.
        const dirty = execFileSync("git", ["status", "--porcelain", "--", "infra", "policy-pack", "cli", "bench", ":!bench/RESULTS.md"], {
            cwd: REPO_ROOT,
            encoding: "utf8",
        }).trim();
        return dirty ? `${head} (with uncommitted changes)` : head;
    } catch {
        return "unknown (not a git checkout)";
    }
}

interface PlanRun {
    readonly sample: PlanSample;
    readonly report: ReportView;
}

async function planOnce(projectDir: string, configFile: string, reportFile: string, expectedResources: number): Promise<PlanRun> {
    const args = [
        ...[CLI, "plan", "--project", projectDir, "--stack", STACK, "--config-file", configFile],
        ...["--format", "json", "--out", reportFile, "--verbose", "--timeout", String(PLAN_TIMEOUT_SECONDS)],
    ];
    const run: MeasuredRun = await runMeasured(process.execPath, args, { cwd: REPO_ROOT });
    const command = `node ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`;
    if (run.exitCode !== 0) {
        throw new Error(`${command} exited with ${run.exitCode ?? run.signal}; a bench tenant must plan cleanly. Its stderr:\n${run.stderr}`);
    }
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as ReportView;
    if (report.verdict !== "pass" || report.summary.advisory > 0) {
        throw new Error(`${command} reported findings on a bench tenant, which must be clean:\n${report.diagnostics.map((d) => `  - ${d.policy}: ${d.message}`).join("\n")}`);
    }
    if (report.summary.resources !== expectedResources) {
        throw new Error(`${command} planned ${report.summary.resources} resources where the tenant declares ${expectedResources}`);
    }
    const registered = /Program registered (\d+) resources/.exec(run.stderr);
    const defaultProviders = /checking them and (\d+) default providers? with/.exec(run.stderr);
    const processPeaksKb: Record<string, number> = {};
    const processCpuMs: Record<string, number> = {};
    for (const p of run.processes) {
        processPeaksKb[p.role] = Math.max(processPeaksKb[p.role] ?? 0, p.peakKb);
        processCpuMs[p.role] = (processCpuMs[p.role] ?? 0) + p.cpuMs;
    }
    return {
        report,
        sample: {
            wallMs: run.wallMs,
            peakTreeRssKb: run.peakTreeRssKb,
            sumOfProcessPeaksKb: run.sumOfProcessPeaksKb,
            processPeaksKb,
            processCpuMs,
            timings: parseTimings(run.stderr),
            resources: report.summary.resources,
            registered: registered ? Number(registered[1]) : Number.NaN,
            defaultProviders: defaultProviders ? Number(defaultProviders[1]) : 0,
        },
    };
}

interface TenantFiles {
    readonly machines: number;
    readonly componentConfig: string;
    readonly rawConfig: string;
}

function writeTenantFiles(dir: string, machines: number): TenantFiles {
    const config = benchTenantConfig(machines);
    const tenant = parseBenchTenant(config);
    const componentConfig = path.join(dir, `components-${machines}.yaml`);
    const rawConfig = path.join(dir, `raw-${machines}.yaml`);
    // Every entry written out in full, as a person would (shared objects would become YAML aliases).
    fs.writeFileSync(componentConfig, stringify(componentStackConfig(config), { aliasDuplicateObjects: false }));
    fs.writeFileSync(rawConfig, stringify(rawStackConfig(config.domain, rawTenantFrom(tenant)), { aliasDuplicateObjects: false }));
    return { machines, componentConfig, rawConfig };
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    if (options.machines.length === 0) throw new Error("--machines needs at least one size");
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-bench-"));
    try {
        const files = [...new Set(options.machines)].sort((a, b) => a - b).map((n) => writeTenantFiles(workDir, n));
        const reportFile = path.join(workDir, "report.json");
        if (!options.smoke) {
            // Fills the content-keyed transpile caches (the plan's and the pack's), as any second run finds them.
            log("warm-up: one unmeasured plan of each program");
            await planOnce(REPO_ROOT, files[0].componentConfig, reportFile, expectedResourceCount(files[0].machines));
            await planOnce(RAW_PROJECT, files[0].rawConfig, reportFile, expectedResourceCount(files[0].machines));
        }
        const tenants: TenantResult[] = [];
        for (const file of files) {
            const expected = expectedResourceCount(file.machines);
            const component: PlanSample[] = [];
            const raw: PlanSample[] = [];
            const runs = runsFor(file.machines, options.runs);
            for (let run = 0; run < runs; run++) {
                // Alternate which goes first, so neither always runs on a warmer machine.
                const order = run % 2 === 0 ? (["component", "raw"] as const) : (["raw", "component"] as const);
                const reports: Partial<Record<"component" | "raw", ReportView>> = {};
                for (const which of order) {
                    const planned =
                        which === "component"
                            ? await planOnce(REPO_ROOT, file.componentConfig, reportFile, expected)
                            : await planOnce(RAW_PROJECT, file.rawConfig, reportFile, expected);
                    (which === "component" ? component : raw).push(planned.sample);
                    reports[which] = planned.report;
                    log(
                        `${file.machines} machines, ${which} run ${run + 1}/${runs}: ${(planned.sample.wallMs / 1000).toFixed(2)} s, ` +
                            `${Math.round(planned.sample.sumOfProcessPeaksKb / 1024)} MB`,
                    );
                }
                if (run === 0) {
                    const problems = compareReports(reports.component!, reports.raw!);
                    if (problems.length > 0) throw new Error(`at ${file.machines} machines the raw program is not the components' equal:\n  - ${problems.join("\n  - ")}`);
                }
            }
            // The policy stage alone, cold each time, over the resources the component program registers (and their default providers).
            const resources = await captureResources(REPO_ROOT, STACK, file.componentConfig);
            const stage: PolicyStageSample[] = [];
            for (let run = 0; run < runs; run++) {
                const sample = await measurePolicyStage(resources);
                if (sample.diagnostics > 0) throw new Error(`the policy stage reported ${sample.diagnostics} diagnostics on a bench tenant, which must be clean`);
                stage.push(sample);
                log(
                    `${file.machines} machines, policy stage run ${run + 1}/${runs}: ${sample.analyzed} resources, Analyze ` +
                        `${(sample.analyzeMs / 1000).toFixed(2)} s, AnalyzeStack ${(sample.analyzeStackMs / 1000).toFixed(2)} s`,
                );
            }
            tenants.push({ machines: file.machines, component, raw, stage });
        }
        const results: BenchResults = {
            date: new Date().toISOString(),
            commit: currentCommit(),
            machine: machineInfo(),
            smoke: options.smoke,
            runs: options.runs,
            tenants,
        };
        const temporary = `${options.out}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, renderResults(results, readChanges()));
        fs.renameSync(temporary, options.out);
        log(`wrote ${options.out}`);
        return results;
    } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
    }
}

/** The hand-written account of what was changed and what it bought, kept beside the bench. */
function readChanges(): string {
    const file = path.join(__dirname, "CHANGES.md");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
    const { values } = parseArgs({
        args: [...argv],
        strict: true,
        options: {
            machines: { type: "string" },
            runs: { type: "string" },
            out: { type: "string" },
            smoke: { type: "boolean" },
        },
    });
    const smoke = values.smoke === true;
    const machines = values.machines === undefined ? (smoke ? [10] : [...DEFAULT_MACHINES]) : values.machines.split(",").map((n) => Number(n.trim()));
    for (const n of machines) {
        if (!Number.isInteger(n) || n < 1) throw new Error(`--machines takes whole numbers above 0 separated by commas, e.g. 10,100,1000; got ${values.machines}`);
    }
    const runs = values.runs === undefined ? (smoke ? 1 : DEFAULT_RUNS) : Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number above 0, got ${values.runs}`);
    return { machines, runs, smoke, out: path.resolve(values.out ?? path.join(__dirname, "RESULTS.md")) };
}

if (require.main === module) {
    let options: BenchOptions;
    try {
        options = parseBenchArgs(process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`bench: ${(error as Error).message}\n`);
        process.exit(2);
    }
    runBench(options)
        // The smoke run audits a small tenant: it keeps the case working without the 5,000-application read.
        .then(() => require("./auditBench").appendAuditBench(options.out, options.smoke ? 50 : undefined) as Promise<void>)
        .then(
        () => process.exit(0),
        (error: unknown) => {
            process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
        },
    );
}
