// Runs pull-request.yml's "plan every stack" step as GitHub would (bash -e, the step's env), with a
// stand-in `npm` on PATH that ends each stack's plan with the code the test chooses. The step's exit
// code is the pull request's gate, so it must be the worst of the stacks' codes, whichever order
// the stacks are planned in, and the comment must be written for every stack first.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { load } from "./workflowFiles";

const PLAN_STEP = "Plan every tenant stack offline, as its access diff against the base branch";

/** The step's script, from the workflow file itself. */
function planStepScript(): string {
    const job = Object.values(load("pull-request.yml").jobs).find((j) => (j.steps ?? []).some((s) => s.name === PLAN_STEP));
    const script = job?.steps?.find((s) => s.name === PLAN_STEP)?.run;
    if (typeof script !== "string") throw new Error(`pull-request.yml: no step named "${PLAN_STEP}"`);
    return script;
}

/** `npm run --silent plan|comment -- ...`: records the call; a plan exits with PLAN_CODE_<stack>. */
const FAKE_NPM = `#!/usr/bin/env bash
echo "$*" >> "$CALLS"
[ "$3" = comment ] && { touch plans/comment.md; exit 0; }
stack="$6"
echo '{}' > "plans/$stack.json"
code_var="PLAN_CODE_$stack"
exit "\${!code_var:-0}"
`;

const dirs: string[] = [];
afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function runStep(codes: Record<string, number>): Promise<{ code: number; calls: string[]; comment: boolean }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-step-"));
    dirs.push(dir);
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "npm"), FAKE_NPM, { mode: 0o755 });
    const work = path.join(dir, "repo");
    fs.mkdirSync(work);
    for (const stack of Object.keys(codes)) fs.writeFileSync(path.join(work, `Pulumi.${stack}.yaml`), "config: {}\n");
    const calls = path.join(dir, "calls.txt");
    const env = {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        CALLS: calls,
        BASE_REF: "main",
        ...Object.fromEntries(Object.entries(codes).map(([stack, code]) => [`PLAN_CODE_${stack}`, String(code)])),
    };
    return new Promise((resolve) => {
        // GitHub runs a `run:` step with `bash -e {0}` (the default shell on Linux runners).
        execFile("bash", ["-e", "-c", planStepScript()], { cwd: work, env }, (error) => {
            resolve({
                code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
                calls: fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").trim().split("\n") : [],
                comment: fs.existsSync(path.join(work, "plans", "comment.md")),
            });
        });
    });
}

describe("pull-request.yml: the plan step's exit code", () => {
    it("is 0 when every stack passes, after planning each against the base branch and writing one comment", async () => {
        const run = await runStep({ dev: 0, prod: 0 });
        expect(run.code).toBe(0);
        expect(run.calls).toEqual([
            "run --silent plan -- --stack dev --base origin/main --format json --out plans/dev.json",
            "run --silent plan -- --stack prod --base origin/main --format json --out plans/prod.json",
            "run --silent comment -- plans/dev.json plans/prod.json --out plans/comment.md",
        ]);
        expect(run.comment).toBe(true);
    });

    it("is the worst stack's code, whichever stack has it: 2 (could not plan) over 1 (a violation)", async () => {
        for (const codes of [{ dev: 2, prod: 1 }, { dev: 1, prod: 2 }, { dev: 0, prod: 1 }, { dev: 1, prod: 0 }]) {
            const run = await runStep(codes);
            expect({ codes, code: run.code, comment: run.comment }).toEqual({ codes, code: Math.max(codes.dev, codes.prod), comment: true });
        }
    });
});
