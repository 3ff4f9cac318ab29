// `npm run bench:diff`: the access diff of a pull request at tenant scale (issue 13). A temporary git
// repository holds a plain @pulumi/auth0 program of N machines; its head adds one scope to one grant.
// `plan` (head alone) and `plan --base HEAD~1` (head, then the base from a temporary tree) run in
// turn through the real CLI; the target is that the pair takes under twice one plan. The figures
// go into bench/RESULTS.md as their own section, with the load average they were taken under.
//
//   npm run bench:diff                         # 1,000 machines, 3 runs of each
//   npm run bench:diff -- --machines 10 --runs 1 --out /tmp/diff.md
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { runMeasured } from "./measure";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
const SECTION_START = "<!-- bench:diff -->";
const SECTION_END = "<!-- /bench:diff -->";

// Self-contained, so the base tree (git archive of the temporary repository) plans on its own.
const PROGRAM = `import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
const t = new pulumi.Config().requireObject<{ machines: number; apis: number; extra: boolean }>("tenant");
const apis = [...Array(t.apis).keys()].map((i) => {
    const identifier = \`https://api-\${i}.bench.example\`;
    const api = new auth0.ResourceServer(\`api-\${i}\`, { identifier, name: \`api-\${i}\`, tokenLifetime: 3600, tokenLifetimeForWeb: 3600 });
    new auth0.ResourceServerScopes(\`api-\${i}-scopes\`, { resourceServerIdentifier: api.identifier, scopes: [{ name: "read:data" }, { name: "write:data" }] });
    return identifier;
});
for (let m = 0; m < t.machines; m++) {
    const client = new auth0.Client(\`m-\${m}\`, { name: \`machine \${m}\`, appType: "non_interactive", grantTypes: ["client_credentials"],
        tokenQuota: { clientCredentials: { perHour: 100, enforce: true } } });
    new auth0.ClientCredentials(\`m-\${m}-credentials\`, { clientId: client.clientId, authenticationMethod: "client_secret_post" });
    const scopes = m === 0 && t.extra ? ["read:data", "write:data"] : ["read:data"];
    new auth0.ClientGrant(\`m-\${m}-grant\`, { clientId: client.clientId, audience: apis[m % apis.length], scopes });
}
`;

interface DiffCaseOptions {
    readonly machines: number;
    readonly runs: number;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function makeRepository(machines: number): string {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-bench-diff-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" } });
    const stack = (extra: boolean) => `config:\n  auth0:domain: bench.eu.auth0.com\n  auth0-m2m-bench-diff:tenant: { machines: ${machines}, apis: 20, extra: ${extra} }\n`;
    fs.writeFileSync(path.join(repo, "Pulumi.yaml"), "name: auth0-m2m-bench-diff\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(path.join(repo, "package.json"), '{ "name": "auth0-m2m-bench-diff", "private": true }\n');
    fs.writeFileSync(path.join(repo, "index.ts"), PROGRAM);
    fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
    fs.writeFileSync(path.join(repo, "Pulumi.bench.yaml"), stack(false));
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-qm", "base");
    fs.writeFileSync(path.join(repo, "Pulumi.bench.yaml"), stack(true));
    git("commit", "-qam", "head: one more scope");
    return repo;
}

interface Cost {
    readonly wallMs: number;
    /** User + system CPU of the CLI and every child: unlike wall time, barely moved by other load on a shared machine. */
    readonly cpuMs: number;
}

async function planCost(repo: string, extra: string[]): Promise<Cost> {
    const args = [CLI, "plan", "--stack", "bench", "--format", "json", "--out", path.join(repo, "report.json"), ...extra];
    const run = await runMeasured(process.execPath, args, { cwd: repo });
    if (run.exitCode !== 0) throw new Error(`plan ${extra.join(" ")} exited ${run.exitCode}: ${run.stderr.slice(-2000)}`);
    return { wallMs: run.wallMs, cpuMs: run.processes.reduce((sum, p) => sum + p.cpuMs, 0) };
}

/** The parts of the report's `diff` section (cli/README.md, "JSON") the check reads; bench reaches the CLI only through cli/stages.ts. */
interface StackDiff {
    readonly base: { readonly status: string };
    readonly risk: string | null;
    readonly changes: {
        readonly grants: { readonly added: unknown[]; readonly removed: unknown[]; readonly changed: { readonly after: { readonly machine: string }; readonly scopesAdded: { readonly scope: string }[] }[] };
        readonly machines: { readonly added: unknown[]; readonly removed: unknown[]; readonly changed: unknown[] };
        readonly apis: { readonly added: unknown[]; readonly removed: unknown[]; readonly changed: unknown[] };
        readonly exemptions: { readonly added: unknown[]; readonly removed: unknown[]; readonly changed: unknown[] };
    } | null;
}

/**
 * The pair is only measured if it did the work: the base planned (a base that is absent or failed
 * costs nothing and still reads as a change) and the diff is exactly the one scope the head adds.
 */
function checkOneScopeDiff(report: { diff?: StackDiff }): void {
    const diff = report.diff;
    if (diff?.base.status !== "planned") throw new Error(`the base was not planned: ${JSON.stringify(diff?.base)}`);
    const changes = diff.changes!;
    const scopes = changes.grants.changed.flatMap((g) => g.scopesAdded.map((s) => `${g.after.machine} +${s.scope}`));
    const others = [changes.machines, changes.apis, changes.exemptions].flatMap((k) => [...k.added, ...k.removed, ...k.changed]).length + changes.grants.added.length + changes.grants.removed.length;
    if (diff.risk !== "widening" || others > 0 || scopes.join() !== "machine 0 +write:data") {
        throw new Error(`expected only "machine 0 +write:data" (widening), got risk ${diff.risk}, ${scopes.join(", ") || "no scope"} and ${others} other changes`);
    }
}

export async function runDiffCase(options: DiffCaseOptions): Promise<string> {
    const repo = makeRepository(options.machines);
    try {
        const one: Cost[] = [];
        const both: Cost[] = [];
        const loadBefore = os.loadavg();
        for (let run = 0; run < options.runs; run++) {
            // Alternated, so a change in the machine's load falls on both.
            if (run % 2 === 0) one.push(await planCost(repo, []));
            both.push(await planCost(repo, ["--base", "HEAD~1"]));
            if (run % 2 === 1) one.push(await planCost(repo, []));
        }
        checkOneScopeDiff(JSON.parse(fs.readFileSync(path.join(repo, "report.json"), "utf8")) as { diff?: StackDiff });
        const wall = (costs: Cost[]) => median(costs.map((c) => c.wallMs));
        const cpu = (costs: Cost[]) => median(costs.map((c) => c.cpuMs));
        const wallRatio = wall(both) / wall(one);
        const cpuRatio = cpu(both) / cpu(one);
        const met = (ratio: number) => `${ratio.toFixed(2)} ${ratio < 2 ? "(met)" : "(NOT met)"}`;
        const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        return [
            SECTION_START,
            "## The access diff of a pull request (`npm run bench:diff`)",
            "",
            `${options.machines} machines (Client, ClientCredentials, ClientGrant each) and 20 APIs, a plain @pulumi/auth0 program in a temporary git`,
            "repository whose head adds one scope to one grant. Medians of " + `${options.runs} alternated runs through the real CLI. Each pair is`,
            "checked to have planned the base and to report exactly that one scope. CPU is user + system time of the CLI and all its",
            "children, which other load on a shared machine barely moves; wall time is only comparable at a low load average.",
            "",
            "| | median wall | median CPU |",
            "| --- | --- | --- |",
            `| \`plan\` (head only) | ${s(wall(one))} | ${s(cpu(one))} |`,
            `| \`plan --base HEAD~1\` (both sides) | ${s(wall(both))} | ${s(cpu(both))} |`,
            `| ratio (target: under 2) | ${met(wallRatio)} | ${met(cpuRatio)} |`,
            "",
            `Date ${new Date().toISOString()}; load average (1, 5, 15 min) ${load(loadBefore)} before, ${load(os.loadavg())} after, on ${os.cpus().length} cores.`,
            SECTION_END,
        ].join("\n");
    } finally {
        fs.rmSync(repo, { recursive: true, force: true });
    }
}

/** Replaces this case's section of the results file (or appends it), leaving the rest as it was. */
function writeSection(file: string, section: string): void {
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const start = text.indexOf(SECTION_START);
    const end = text.indexOf(SECTION_END);
    const next = start >= 0 && end > start ? `${text.slice(0, start)}${section}${text.slice(end + SECTION_END.length)}` : `${text.trimEnd()}\n\n${section}\n`;
    fs.writeFileSync(file, next);
}

if (require.main === module) {
    const { values } = parseArgs({ options: { machines: { type: "string" }, runs: { type: "string" }, out: { type: "string" } } });
    const machines = Number(values.machines ?? 1000);
    const runs = Number(values.runs ?? 3);
    if (!Number.isInteger(machines) || machines < 1 || !Number.isInteger(runs) || runs < 1) {
        process.stderr.write(`bench:diff: --machines and --runs take whole numbers above 0, got ${values.machines}, ${values.runs}\n`);
        process.exit(2);
    }
    const out = path.resolve(values.out ?? path.join(__dirname, "RESULTS.md"));
    runDiffCase({ machines, runs }).then(
        (section) => {
            writeSection(out, section);
            process.stdout.write(`${section}\n`);
        },
        (error: unknown) => {
            process.stderr.write(`bench:diff failed: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
        },
    );
}
