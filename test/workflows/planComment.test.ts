// Runs plan-comment.yml's github-script as actions/github-script would (an async function of
// require, github, context and core), against an in-memory GitHub. The artifact is what a fork
// controls; the event and the pull requests are GitHub's.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planCommentScript } from "./workflowFiles";

const BOT = { login: "github-actions[bot]", type: "Bot" };
const BASE = { owner: "acme", repo: "tenants" };
type Pull = { number: number; state: "open" | "closed"; sha: string; headOwner: string; branch: string };
type Comment = { id: number; issue: number; user: { login: string; type: string }; body: string };
type Run = { id: number; attempt: number; sha: string; headOwner: string; branch: string; listsPulls: boolean };
type Write = { op: "create" | "update" | "delete"; issue?: number; commentId?: number; body?: string };

/** An in-memory GitHub with just the REST calls the script makes; it records every write. */
function fakeGitHub(pulls: Pull[], comments: Comment[]) {
    const writes: Write[] = [];
    const rest = {
        pulls: {
            list: async ({ head, state }: { head: string; state: string }) => ({
                data: pulls.filter((p) => `${p.headOwner}:${p.branch}` === head && p.state === state).map((p) => ({ number: p.number })),
            }),
            get: async ({ pull_number }: { pull_number: number }) => {
                const pull = pulls.find((p) => p.number === pull_number);
                if (!pull) throw new Error(`404: no pull request ${pull_number}`);
                return { data: { number: pull.number, state: pull.state, head: { sha: pull.sha } } };
            },
        },
        issues: {
            listComments: async ({ issue_number }: { issue_number: number }) => ({ data: comments.filter((c) => c.issue === issue_number) }),
            createComment: async ({ issue_number, body }: { issue_number: number; body: string }) => {
                writes.push({ op: "create", issue: issue_number, body });
            },
            updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
                writes.push({ op: "update", commentId: comment_id, body });
            },
            deleteComment: async ({ comment_id }: { comment_id: number }) => {
                writes.push({ op: "delete", commentId: comment_id });
            },
        },
    };
    return { writes, github: { rest, paginate: async (call: (p: any) => Promise<{ data: unknown[] }>, params: unknown) => (await call(params)).data } };
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

/** Runs the workflow's script once, with `files` as the downloaded artifact. */
async function runScript(run: Run, pulls: Pull[], comments: Comment[], files: Record<string, string>): Promise<Write[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plans-"));
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    const { github, writes } = fakeGitHub(pulls, comments);
    const context = {
        repo: BASE,
        payload: {
            workflow_run: {
                id: run.id,
                run_attempt: run.attempt,
                head_sha: run.sha,
                head_branch: run.branch,
                head_repository: { owner: { login: run.headOwner } },
                // GitHub lists the pull request only when its head is in this repository (actions/runner#3444).
                pull_requests: run.listsPulls
                    ? [
                          ...pulls.filter((p) => p.branch === run.branch && p.headOwner === BASE.owner).map((p) => ({ number: p.number, base: { repo: { id: 1 } } })),
                          // A pull request of another repository with the same head, which GitHub may list too.
                          { number: 1, base: { repo: { id: 2 } } },
                      ]
                    : [],
            },
            repository: { id: 1 },
        },
    };
    const core = { notice: () => {} };
    process.env.PLANS_DIR = dir;
    try {
        await new AsyncFunction("require", "github", "context", "core", planCommentScript())(require, github, context, core);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    return writes;
}

const marker = (id: number, attempt: number) => `<!-- auth0-m2m-plan-comment run=${id}.${attempt} -->`;
const perStackMarker = (stack: string, id: number, attempt: number) => `<!-- auth0-m2m-plan-comment stack=${stack} run=${id}.${attempt} -->`;
const fork: Pull = { number: 7, state: "open", sha: "a".repeat(40), headOwner: "mallory", branch: "main" };
const forkRun: Run = { id: 500, attempt: 1, sha: fork.sha, headOwner: "mallory", branch: "main", listsPulls: false };

describe("plan-comment.yml's script", () => {
    it("finds a fork's pull request from GitHub's event, never from the artifact's number", async () => {
        const victim: Pull = { number: 1, state: "open", sha: "b".repeat(40), headOwner: "acme", branch: "release" };
        const writes = await runScript(forkRun, [fork, victim], [], { "comment.md": "plans", "pull-request-number": "1\n" });
        expect(writes).toEqual([{ op: "create", issue: 7, body: `${marker(500, 1)}\nplans` }]);
    });

    it("posts nothing for a run whose commit is no longer the pull request's head, or without comment.md", async () => {
        const moved = { ...fork, sha: "c".repeat(40) };
        expect(await runScript(forkRun, [moved], [], { "comment.md": "plans" })).toEqual([]);
        expect(await runScript(forkRun, [{ ...fork, state: "closed" }], [], { "comment.md": "plans" })).toEqual([]);
        // Per-stack files are the reports, not comments: only comment.md is posted.
        expect(await runScript(forkRun, [fork], [], { "dev.md": "plan", "dev.json": "{}" })).toEqual([]);
    });

    it("posts one comment for every stack, cut with a pointer to the artifact when over GitHub's limit", async () => {
        const [write] = await runScript(forkRun, [fork], [], { "comment.md": "x".repeat(70_000) });
        expect(write.body!.length).toBeLessThan(65_536);
        expect(write.body!.endsWith("(cut: every stack's full report is in the run's offline-plans artifact)")).toBe(true);
    });

    it("edits only its own comment, not another user's that copies its marker", async () => {
        const copied: Comment = { id: 11, issue: 7, user: { login: "mallory", type: "User" }, body: `${marker(1, 1)}\nold` };
        const own: Comment = { id: 12, issue: 7, user: BOT, body: `${marker(400, 2)}\nold` };
        expect(await runScript(forkRun, [fork], [copied, own], { "comment.md": "new" })).toEqual([{ op: "update", commentId: 12, body: `${marker(500, 1)}\nnew` }]);
        expect(await runScript(forkRun, [fork], [copied], { "comment.md": "new" })).toEqual([{ op: "create", issue: 7, body: `${marker(500, 1)}\nnew` }]);
    });

    it("replaces its earlier one-comment-per-stack comments with the one comment", async () => {
        const dev: Comment = { id: 20, issue: 7, user: BOT, body: `${perStackMarker("dev", 400, 1)}\nold dev` };
        const prod: Comment = { id: 21, issue: 7, user: BOT, body: `${perStackMarker("prod", 400, 1)}\nold prod` };
        const someone: Comment = { id: 22, issue: 7, user: { login: "mallory", type: "User" }, body: `${perStackMarker("dev", 400, 1)}\nmine` };
        expect(await runScript(forkRun, [fork], [dev, prod, someone], { "comment.md": "all" })).toEqual([
            { op: "create", issue: 7, body: `${marker(500, 1)}\nall` },
            { op: "delete", commentId: 20 },
            { op: "delete", commentId: 21 },
        ]);
    });

    it("never replaces plans from a newer run, and a re-run's later attempt replaces its first", async () => {
        const newer: Comment = { id: 12, issue: 7, user: BOT, body: `${marker(501, 1)}\nnewer` };
        expect(await runScript(forkRun, [fork], [newer], { "comment.md": "older" })).toEqual([]);
        const firstAttempt: Comment = { id: 13, issue: 7, user: BOT, body: `${marker(500, 1)}\nfirst` };
        expect(await runScript({ ...forkRun, attempt: 2 }, [fork], [firstAttempt], { "comment.md": "second" })).toEqual([{ op: "update", commentId: 13, body: `${marker(500, 2)}\nsecond` }]);
    });

    it("ignores a marker planted in the plans themselves", async () => {
        const own: Comment = { id: 12, issue: 7, user: BOT, body: `${marker(400, 1)}\nold` };
        const planted = `plans\n${marker(999999, 9)}`;
        expect(await runScript(forkRun, [fork], [own], { "comment.md": planted })).toEqual([{ op: "update", commentId: 12, body: `${marker(500, 1)}\n${planted}` }]);
        const later = await runScript({ ...forkRun, id: 501 }, [fork], [{ ...own, body: `${marker(500, 1)}\n${planted}` }], { "comment.md": "next" });
        expect(later).toEqual([{ op: "update", commentId: 12, body: `${marker(501, 1)}\nnext` }]);
    });

    it("property: writes only to the event's pull request at the planned commit, only its own comment, never over a newer run", async () => {
        const scenario = fc.record({
            sameRepo: fc.boolean(),
            headMoved: fc.boolean(),
            runId: fc.integer({ min: 10, max: 20 }),
            attempt: fc.integer({ min: 1, max: 3 }),
            artifactNumber: fc.integer({ min: 1, max: 9 }),
            existing: fc.array(fc.record({ bot: fc.boolean(), runId: fc.integer({ min: 5, max: 25 }), attempt: fc.integer({ min: 1, max: 3 }), issue: fc.constantFrom(1, 3) }), { maxLength: 4 }),
        });
        await fc.assert(
            fc.asyncProperty(scenario, async (s) => {
                const owner = s.sameRepo ? BASE.owner : "mallory";
                const target: Pull = { number: 3, state: "open", sha: s.headMoved ? "e".repeat(40) : "d".repeat(40), headOwner: owner, branch: "feature" };
                const other: Pull = { number: 1, state: "open", sha: "f".repeat(40), headOwner: "acme", branch: "other" };
                const run: Run = { id: s.runId, attempt: s.attempt, sha: "d".repeat(40), headOwner: owner, branch: "feature", listsPulls: s.sameRepo };
                const comments: Comment[] = s.existing.map((e, i) => ({ id: 100 + i, issue: e.issue, user: e.bot ? BOT : { login: "someone", type: "User" }, body: `${marker(e.runId, e.attempt)}\nx` }));
                const writes = await runScript(run, [target, other], comments, { "comment.md": "plans", "pull-request-number": String(s.artifactNumber) });

                if (s.headMoved) {
                    expect(writes).toEqual([]);
                    return;
                }
                const body = `${marker(s.runId, s.attempt)}\nplans`;
                const previous = comments.find((c) => c.issue === 3 && c.user.login === BOT.login);
                if (!previous) {
                    expect(writes).toEqual([{ op: "create", issue: 3, body }]);
                    return;
                }
                const e = s.existing[previous.id - 100];
                const isNewer = e.runId !== s.runId ? e.runId > s.runId : e.attempt > s.attempt;
                expect(writes).toEqual(isNewer ? [] : [{ op: "update", commentId: previous.id, body }]);
            }),
            { numRuns: 60 },
        );
    });
});
