// One pull-request comment for every stack: a line each, a section per changed stack, the whole
// within the comment budget, and every report file shown whatever it holds.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readStackPlan } from "../../../cli/comment";
import { parseCommentCommand } from "../../../cli/commentArgs";
import { COMBINED_MARKER, combineComments, type StackPlan } from "../../../cli/diff/combineComments";
import { stackDiff } from "../../../cli/diff/stackDiff";
import { buildReport, type PlanReport } from "../../../cli/report/report";
import { AUTH0_TYPES } from "../../../policy-pack/guardrails";
import { INPUT, resource } from "../report/reportFixtures";

const NOW = new Date("2026-06-01T00:00:00Z");
const head = buildReport(INPUT);
const withDiff = (stack: string, base: PlanReport, report: PlanReport = head): StackPlan => {
    const named = { ...report, stack };
    const diff = stackDiff(named.project, stack, { status: "planned", source: "origin/main (abc123)", report: { ...base, stack } }, { status: "planned", source: "working tree", report: named }, NOW);
    return { stack, file: `${stack}.json`, status: "report", report: { ...named, diff } };
};
const noGrants = { ...head, grants: [] };

describe("combineComments", () => {
    it("gives every stack one line, a section only to changed ones, under one marker", () => {
        const markdown = combineComments([
            withDiff("dev", noGrants),
            withDiff("prod", head),
            { stack: "staging", file: "staging.json", status: "failed", error: { kind: "program", message: "the program failed: <b>boom</b>" } },
        ]);
        const lines = markdown.split("\n");
        expect(lines.slice(0, 3)).toEqual([COMBINED_MARKER, "## auth0-m2m access diff: 3 stacks", ""]);
        expect(lines[3]).toMatch(/^- :warning: `dev`: This change WIDENS access with SENSITIVE scopes against origin\/main \(abc123\); 0 new mandatory findings\. Verdict: FAIL \(1 mandatory\)\.$/);
        expect(lines[4]).toMatch(/^- :white_check_mark: `prod`: No access change against origin\/main \(abc123\)\./);
        expect(lines[5]).toBe("- :x: `staging`: **failed to plan** (program): the program failed: \\<b\\>boom\\</b\\>");
        expect(markdown.match(/^## auth0-m2m access diff: `[^`]+` \/ `(\w+)`$/gm)).toEqual(["## auth0-m2m access diff: `proj` / `dev`"]);
        expect(markdown).not.toContain("<!-- auth0-m2m-plan:");
    });

    it("keeps each stack's section apart when two report files share a name (a/dev.json, b/dev.json)", () => {
        const sameFile = (stack: string): StackPlan => ({ ...withDiff(stack, noGrants), file: "dev.json" });
        const markdown = combineComments([sameFile("dev"), sameFile("qa")]);
        expect(markdown.match(/^## auth0-m2m access diff: `[^`]+` \/ `(\w+)`$/gm)).toEqual(["## auth0-m2m access diff: `proj` / `dev`", "## auth0-m2m access diff: `proj` / `qa`"]);
    });

    it("shares the budget between changed stacks, cutting each at a line with its fences closed and a pointer to its report", () => {
        const many = Array.from({ length: 300 }, (_, i) =>
            resource(AUTH0_TYPES.clientGrant, `grant-${String(i).padStart(3, "0")}`, { clientId: `client-${i}`, audience: "https://orders.example", scopes: ["read:orders", `write:orders-${i}`] }),
        );
        const big = buildReport({ ...INPUT, resources: [...INPUT.resources, ...many] });
        const plans = [withDiff("dev", noGrants, big), withDiff("prod", noGrants, big), withDiff("small", head), withDiff("test", noGrants)];
        for (const budget of [12_000, 30_000, 60_000]) {
            const markdown = combineComments(plans, budget);
            expect(markdown.length).toBeLessThanOrEqual(budget);
            for (const stack of ["dev", "prod", "test"]) expect(markdown).toContain(`## auth0-m2m access diff: \`proj\` / \`${stack}\``);
            expect(markdown).not.toContain("## auth0-m2m access diff: `proj` / `small`");
            expect((markdown.match(/^```/gm) ?? []).length % 2).toBe(0);
            expect((markdown.match(/<details>/g) ?? []).length).toBe((markdown.match(/<\/details>/g) ?? []).length);
        }
        const tight = combineComments(plans, 12_000);
        expect(tight).toContain("_Cut to fit one pull-request comment; the whole report is `dev.json` (in CI, the run's artifact)._");
        expect(tight).toContain("`prod.json`");
    });

    it("renders a plan made without --base as its plan", () => {
        const markdown = combineComments([{ stack: "dev", file: "dev.json", status: "report", report: head }]);
        expect(markdown).toContain("## auth0-m2m plan: `proj` / `dev`");
        expect(markdown.split("\n")[3]).toMatch(/^- :x: `dev`: FAIL/);
    });
});

describe("auth0-m2m comment's inputs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comment-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads a report, an error document, a missing file and a stray file each as a stack", () => {
        const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
        write("dev.json", JSON.stringify({ ...head, stack: "dev" }));
        write("prod.json", JSON.stringify({ error: { kind: "config", message: "bad config", exitCode: 2 } }));
        write("notes.json", "not json");
        expect(readStackPlan(path.join(dir, "dev.json"))).toMatchObject({ stack: "dev", status: "report" });
        expect(readStackPlan(path.join(dir, "prod.json"))).toEqual({ stack: "prod", file: "prod.json", status: "failed", error: { kind: "config", message: "bad config" } });
        expect(readStackPlan(path.join(dir, "gone.json"))).toEqual({ stack: "gone", file: "gone.json", status: "failed", error: { kind: "missing", message: "the plan wrote no report (gone.json); see its log" } });
        expect(readStackPlan(path.join(dir, "notes.json"))).toMatchObject({ stack: "notes", status: "failed", error: { kind: "usage", message: expect.stringContaining("is not a JSON report") } });
    });

    it("needs at least one report, and resolves paths against the working directory", () => {
        expect(() => parseCommentCommand([], "/w")).toThrow("comment needs at least one REPORT.json");
        expect(parseCommentCommand(["plans/dev.json", "--out", "c.md"], "/w")).toEqual({ command: "comment", options: { reports: ["/w/plans/dev.json"], outFile: "/w/c.md" } });
    });
});
