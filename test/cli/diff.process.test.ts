// The access diff through the CLI, from two runs shared by every test here: the diff-raw fixture pair
// committed in a temporary repository and planned once with `--base HEAD~1` (the base's tree from a
// temporary directory with its own stack file and policy config, the real pack), and once with a head
// that fails to plan against that run's JSON report as a file base. Everything else is asserted
// in-process on their output: the renderings are pure functions of the JSON report, and the cases
// that plan nothing at the base (a new stack, a ref that names nothing) call the CLI's own planBase.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseInTree, extractTree, resolveBaseCommit, TemporaryTree } from "../../cli/base/gitBase";
import { readReportBase } from "../../cli/base/reportBase";
import { stackDiff, type PlannedSide } from "../../cli/diff/stackDiff";
import { describeFailure } from "../../cli/failure";
import { findPackage } from "../../cli/packageInfo";
import { planBase } from "../../cli/plan";
import { Progress } from "../../cli/planStack";
import { renderReport } from "../../cli/report/render";
import type { PlanReport } from "../../cli/report/types";
import { expectDiffRawChanges, RENDERED_CHANGES, type HeadWithDiff } from "./diff/diffRawExpectations";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
const FIXTURE = path.join(ROOT, "test", "fixtures", "plan", "diff-raw");
const EMPTY_PACK = path.join(ROOT, "test", "fixtures", "plan", "empty-pack");

interface Run {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

let repo: string;
let dir: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
const baseDirs = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith("auth0-m2m-base-"));

function plan(args: string[]): Promise<Run> {
    return new Promise((resolve) => {
        execFile(process.execPath, [BIN, "plan", ...args], { cwd: repo, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
        );
    });
}

/** One side's stack file and policy config, committed as the project's own. */
function commitSide(side: "base" | "head", message: string): void {
    fs.copyFileSync(path.join(FIXTURE, `Pulumi.${side}.yaml`), path.join(repo, "Pulumi.dev.yaml"));
    fs.copyFileSync(path.join(FIXTURE, `exemptions.${side}.json`), path.join(repo, "exemptions.json"));
    git("add", ".");
    git("commit", "-qm", message);
}

let statusBefore: string;
let dirsBefore: string[];
let planned: Run;
let head: HeadWithDiff;
let headFile: string;
let broken: Run;
const headPlanned = (): PlannedSide => ({ status: "planned", source: "working tree", report: head });

beforeAll(async () => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "diff-repo-"));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-files-"));
    git("init", "-q", "-b", "main");
    for (const file of ["index.ts", "Pulumi.yaml", "package.json"]) fs.copyFileSync(path.join(FIXTURE, file), path.join(repo, file));
    // A second project that needs no stack file, at the base or at head.
    fs.mkdirSync(path.join(repo, "nostack"));
    fs.writeFileSync(path.join(repo, "nostack", "Pulumi.yaml"), "name: nostack\nruntime: nodejs\n");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
    fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
    git("add", ".");
    git("commit", "-qm", "program, no stack yet");
    commitSide("base", "base config");
    commitSide("head", "head config");
    fs.writeFileSync(path.join(repo, "uncommitted.txt"), "left alone");
    statusBefore = git("status", "--porcelain");
    dirsBefore = baseDirs();
    // The relative --policy-config is inside the repository, so the base is judged with its own version of it.
    planned = await plan(["--base", "HEAD~1", "--policy-config", "exemptions.json", "--format", "json"]);
    expect(planned.code, planned.stderr).toBe(1);
    head = JSON.parse(planned.stdout) as HeadWithDiff;
    headFile = path.join(dir, "head.json");
    fs.writeFileSync(headFile, planned.stdout);
    // No fixture:tenant: the program throws at requireObject, so head fails to plan. The pack is irrelevant.
    fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config:\n  fixture:other: 1\n");
    broken = await plan(["--policy-pack", EMPTY_PACK, "--config-file", path.join(dir, "Pulumi.broken.yaml"), "--base", headFile, "--format", "json"]);
}, 300_000);
afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
});

describe("plan --base <git ref>", () => {
    it("plans the base commit in a temporary tree with its own stack file and policy config, and leaves the working tree and no temporary directory behind", () => {
        expect(head.diff.base).toEqual({ status: "planned", source: expect.stringMatching(/^HEAD~1 \([0-9a-f]{12}\)$/) });
        // The exemptions legacy-* (removed) and reporting-* (changed) exist only in the base's exemptions.json.
        expectDiffRawChanges(head);
        expect(git("status", "--porcelain")).toBe(statusBefore);
        expect(baseDirs()).toEqual(dirsBefore);
    });

    const options = (projectDir: string) => ({ projectDir, stack: "dev", format: "text" as const, verbose: false, timeoutSeconds: 60, failOn: "mandatory" as const });
    const planBaseAt = async (ref: string) => {
        const tree = new TemporaryTree();
        try {
            const context = { pkg: findPackage(), progress: new Progress(false, false), signal: new AbortController().signal, secrets: new Set<string>() };
            return await planBase(options(repo), ref, tree, context);
        } finally {
            tree.remove();
        }
    };

    it("reports a stack without a stack file at the base as new, not as unchanged", async () => {
        const base = await planBaseAt("HEAD~2");
        expect(base).toEqual({ status: "absent", source: expect.stringMatching(/^HEAD~2 \([0-9a-f]{12}\)$/), reason: "stack dev has no stack file at the base (a new stack)" });
        const diff = stackDiff(head.project, head.stack, base, headPlanned(), new Date());
        expect(diff.unchanged).toBe(false);
        expect(renderReport({ ...head, diff }, "text")).toContain("a new stack (stack dev has no stack file at the base (a new stack))");
    });

    it("compares a report with itself as no access change, and refuses a ref that names nothing", async () => {
        const same = stackDiff(head.project, head.stack, { status: "planned", source: "HEAD (0123456789ab)", report: head }, headPlanned(), new Date());
        expect(same.unchanged).toBe(true);
        expect(renderReport({ ...head, diff: same }, "markdown")).toContain("No access change against HEAD");
        const refused = await planBaseAt("no-such-branch").catch((error: unknown) => error);
        expect(describeFailure(refused)).toMatchObject({ kind: "usage", message: expect.stringContaining("--base 'no-such-branch' is neither a file nor a commit") });
    });
});

// In-process: the base's paths for a ref, without planning it.
describe("the base of a stack at a git ref", () => {
    const baseAt = async (ref: string, projectDir: string) => {
        const tree = new TemporaryTree();
        try {
            const { repoRoot, commit } = resolveBaseCommit(ref, projectDir);
            await extractTree(repoRoot, commit, tree.dir);
            const base = baseInTree(tree.dir, repoRoot, commit, { projectDir, stack: "dev", policyConfigFile: path.join(repo, "exemptions.json") });
            if (base.status !== "ready") return base;
            const inTree = (file?: string) => file && path.relative(tree.dir, file);
            return { status: base.status, configFile: inTree(base.configFile), policyConfigFile: inTree(base.policyConfigFile) };
        } finally {
            tree.remove();
        }
    };

    it("is new only when head has a stack file the base lacks, and takes the base's own policy config", async () => {
        expect(await baseAt("HEAD~2", repo)).toMatchObject({ status: "absent", reason: "stack dev has no stack file at the base (a new stack)" });
        expect(await baseAt("HEAD~1", repo)).toEqual({ status: "ready", configFile: "Pulumi.dev.yaml", policyConfigFile: "exemptions.json" });
    });

    it("is the same stack with empty config on both sides when neither has a stack file", async () => {
        expect(await baseAt("HEAD~2", path.join(repo, "nostack"))).toEqual({ status: "ready", configFile: undefined, policyConfigFile: undefined });
    });
});

/** The diff lines of a text rendering, before the full report. */
const textDiff = (report: PlanReport) => renderReport(report, "text").split(`\n${"-".repeat(72)}\n`)[0];
const markdownDiff = (report: PlanReport) => renderReport(report, "markdown").split("<details>")[0];

describe("the diff-raw fixture pair in text and Markdown", () => {
    it.each(RENDERED_CHANGES)("text shows %s", (_, pattern) => {
        expect(textDiff(head)).toMatch(pattern);
    });

    it.each(RENDERED_CHANGES)("Markdown shows %s", (_, pattern) => {
        expect(markdownDiff(head)).toMatch(pattern);
    });

    it("heads the text with the strongest risk, and the Markdown comment with the diff before the collapsed plan", () => {
        expect(textDiff(head)).toContain("This change ESCALATES access against");
        const markdown = renderReport(head, "markdown");
        expect(markdown).toMatch(/^<!-- auth0-m2m-plan:fixture-diff-raw\/dev -->\n## auth0-m2m access diff/);
        expect(markdown.indexOf(":rotating_light: **This change ESCALATES access")).toBeLessThan(markdown.indexOf("<details>"));
        expect(markdown.trimEnd().endsWith("</details>")).toBe(true);
    });
});

describe("a side that fails to plan", () => {
    it("head failing while the base (a report file) plans: exit 2, the failure, and how the base fared; never 'no change'", () => {
        expect(broken.code, broken.stderr).toBe(2);
        expect(broken.stderr).toContain(`note: this change fails to plan; at the base ${headFile} the stack planned.`);
        const document = JSON.parse(broken.stdout) as { error: { kind: string; message: string } };
        expect(document.error.message).toContain("fixture:tenant");
        expect(`${broken.stdout}${broken.stderr}`).not.toMatch(/no access change/i);
    });

    it.each(["text", "markdown", "json"] as const)("base failing while head plans, in %s: the base's failure, no comparison, never 'no change'", (format) => {
        // The failed head's JSON error document is a base that failed to plan.
        const errorFile = path.join(dir, "failed.json");
        fs.writeFileSync(errorFile, broken.stdout);
        const read = readReportBase(errorFile, { stack: "dev" });
        expect(read.status).toBe("failed");
        if (read.status !== "failed") return;
        const diff = stackDiff(head.project, head.stack, { status: "failed", source: errorFile, error: read.error }, headPlanned(), new Date());
        expect([diff.changes, diff.unchanged, diff.risk]).toEqual([null, false, null]);
        // With no trustworthy base, every mandatory finding of head counts as new.
        expect(diff.newMandatory).toBe(head.summary.mandatory);
        const rendered = renderReport({ ...head, diff }, format);
        expect(rendered).not.toMatch(/no access change/i);
        if (format === "json") expect(JSON.parse(rendered).diff.base).toEqual({ status: "failed", source: errorFile, error: read.error });
        else expect(rendered).toContain(`Can't compare: the base FAILED TO PLAN at ${errorFile}`);
    });
});
