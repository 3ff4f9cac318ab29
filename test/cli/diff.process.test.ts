// `plan --base <git ref>` in a temporary repository whose commits the test makes: the base's tree
// is planned from a temporary directory, the working tree is left as it was, and the temporary
// directory is gone afterwards. The policy pack is the empty one: the subject here is the diff.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseInTree, extractTree, resolveBaseCommit, TemporaryTree } from "../../cli/base/gitBase";
import type { StackDiff } from "../../cli/diff/types";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
const FIXTURE = path.join(ROOT, "test", "fixtures", "plan", "diff-raw");
const EMPTY_PACK = path.join(ROOT, "test", "fixtures", "plan", "empty-pack");

let repo: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
const baseDirs = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith("auth0-m2m-base-"));

function plan(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, [BIN, "plan", "--policy-pack", EMPTY_PACK, ...args], { cwd: repo, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
        );
    });
}

beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "diff-repo-"));
    git("init", "-q", "-b", "main");
    for (const file of ["index.ts", "Pulumi.yaml", "package.json"]) fs.copyFileSync(path.join(FIXTURE, file), path.join(repo, file));
    // A second project that needs no stack file, at the base or at head.
    fs.mkdirSync(path.join(repo, "nostack"));
    fs.writeFileSync(path.join(repo, "nostack", "Pulumi.yaml"), "name: nostack\nruntime: nodejs\n");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
    fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
    git("add", ".");
    git("commit", "-qm", "program, no stack yet");
    fs.copyFileSync(path.join(FIXTURE, "Pulumi.base.yaml"), path.join(repo, "Pulumi.dev.yaml"));
    git("add", ".");
    git("commit", "-qm", "base config");
    fs.copyFileSync(path.join(FIXTURE, "Pulumi.head.yaml"), path.join(repo, "Pulumi.dev.yaml"));
    git("commit", "-qam", "head config");
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("plan --base <git ref>", { timeout: 180_000 }, () => {
    it("plans the base commit in a temporary tree, diffs it, and leaves the working tree and no temporary directory behind", async () => {
        fs.writeFileSync(path.join(repo, "uncommitted.txt"), "left alone");
        const statusBefore = git("status", "--porcelain");
        const dirsBefore = baseDirs();
        const run = await plan(["--base", "HEAD~1", "--format", "json"]);
        expect(run.code, run.stderr).toBe(0);
        const diff = JSON.parse(run.stdout).diff as StackDiff;
        expect(diff.base.status).toBe("planned");
        expect(diff.unchanged).toBe(false);
        expect(diff.risk).toBe("escalation");
        const reporting = diff.changes!.grants.changed.find((g) => g.after.machine === "Reporting job" && g.after.managementApi)!;
        expect(reporting.scopesAdded).toEqual([
            { scope: "create:custom_signing_keys", risk: "escalation" },
            { scope: "update:users", risk: "sensitive" },
        ]);
        expect(diff.changes!.machines.added.map((m) => m.entry.machine)).toEqual(["Billing sync"]);
        expect(git("status", "--porcelain")).toBe(statusBefore);
        expect(baseDirs()).toEqual(dirsBefore);
    });

    it("reports a stack without a stack file at the base as new, not as unchanged", async () => {
        const run = await plan(["--base", "HEAD~2", "--format", "text"]);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain("a new stack (stack dev has no stack file at the base (a new stack))");
    });

    it("compares HEAD with itself as no access change, and refuses a ref that names nothing", async () => {
        const same = await plan(["--base", "HEAD", "--format", "markdown"]);
        expect(same.code, same.stderr).toBe(0);
        expect(same.stdout).toContain("No access change against HEAD");
        const bad = await plan(["--base", "no-such-branch"]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain("--base 'no-such-branch' is neither a file nor a commit");
    });
});

// In-process: the base's paths for a ref, without planning it.
describe("the base of a stack at a git ref", () => {
    const baseAt = async (ref: string, projectDir: string) => {
        const tree = new TemporaryTree();
        try {
            const { repoRoot, commit } = resolveBaseCommit(ref, projectDir);
            await extractTree(repoRoot, commit, tree.dir);
            const base = baseInTree(tree.dir, repoRoot, commit, { projectDir, stack: "dev" });
            return base.status === "ready" ? { status: base.status, configFile: base.configFile && path.relative(tree.dir, base.configFile) } : base;
        } finally {
            tree.remove();
        }
    };

    it("is new only when head has a stack file the base lacks", async () => {
        expect(await baseAt("HEAD~2", repo)).toMatchObject({ status: "absent", reason: "stack dev has no stack file at the base (a new stack)" });
        expect(await baseAt("HEAD~1", repo)).toEqual({ status: "ready", configFile: "Pulumi.dev.yaml" });
    });

    it("is the same stack with empty config on both sides when neither has a stack file", async () => {
        expect(await baseAt("HEAD~2", path.join(repo, "nostack"))).toEqual({ status: "ready", configFile: undefined });
    });
});
