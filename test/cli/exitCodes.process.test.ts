// The exit code is the contract: these plans end with a FAIL or an error while a child process
// misbehaves, and each must exit with 1 or 2, never 0, leave no pack process behind, and with
// --format json print an error document a CI step can parse.
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliRun, FIXTURES, isRunning, ROOT, runCli } from "./cliProcess";

const FAULTY_PACK = path.join(FIXTURES, "faulty-pack");

/** A plan with the faulty pack; `--verbose` (which names the processes) unless `quiet`. */
function plan(fixture: string, fault: string, extraArgs: readonly string[] = [], quiet = false): Promise<CliRun> {
    const args = ["plan", ...(quiet ? [] : ["--verbose"]), "--policy-pack", FAULTY_PACK, "--project", path.join(FIXTURES, fixture), ...extraArgs];
    return runCli(args, ROOT, { FAULTY_PACK: fault, AUTH0_M2M_POLICY_CALL_TIMEOUT: "2" });
}

const runs: Record<string, CliRun> = {};

beforeAll(async () => {
    const cases: [string, () => Promise<CliRun>][] = [
        ["packIgnoresSigterm", () => plan("violations", "ignore-sigterm")],
        ["packStopped", () => plan("violations", "stop-on-analyze", ["--format", "json"])],
        ["programThrows", () => plan("throws-at-load", "ignore-sigterm", ["--format", "json"], true)],
        ["timeout", () => plan("hangs", "", ["--timeout", "1"])],
        ["packCrashes", () => plan("violations", "crash-on-analyze")],
        ["throwsWithSecret", () => plan("throws-with-secret", "", ["--format", "json"])],
    ];
    // Three at a time: each is a CLI, a program child and a pack on two cores, and several spend seconds
    // waiting on purpose (a call timeout, a kill grace period), which the others fill.
    for (let i = 0; i < cases.length; i += 3) {
        await Promise.all(cases.slice(i, i + 3).map(async ([name, run]) => (runs[name] = await run())));
    }
}, 90_000);

describe("exit codes under faults", () => {
    it("is 1 for a FAIL when the pack ignores SIGTERM, and the pack is killed", () => {
        const run = runs.packIgnoresSigterm;
        expect(run.stdout).toContain("FAIL: 1 mandatory violation");
        expect(run.code, run.stderr).toBe(1);
        expect(run.packPid).toBeDefined();
        expect(isRunning(run.packPid!)).toBe(false);
    });

    it("is 2 when the pack is stopped and a call times out, with a JSON error document", () => {
        const run = runs.packStopped;
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain("did not answer within 2000 ms");
        const document = JSON.parse(run.stdout) as { error: { kind: string; message: string; exitCode: number } };
        expect(document.error).toMatchObject({ kind: "policy-pack", exitCode: 2 });
        expect(document.error.message).toContain("did not answer within 2000 ms");
        expect(isRunning(run.packPid!)).toBe(false);
    });

    it("is 2 when the program throws, with the program's location in the JSON error document and on stderr, without a stack trace", () => {
        const run = runs.programThrows;
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toBe("error: the program failed: the billing API has no identifier\n    at index.ts:5:7\n");
        const document = JSON.parse(run.stdout) as { error: { kind: string; message: string; location?: string } };
        expect(document.error.kind).toBe("program");
        expect(document.error.location).toMatch(/index\.ts:\d+:\d+$/);
    });

    it("is 2 after --timeout, with the program stopped and no process left behind", () => {
        const run = runs.timeout;
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain("error: The program registered no resource and printed nothing for 1 s, so it was stopped.");
        expect(run.pids).toHaveLength(2);
        expect(run.pids.filter(isRunning)).toEqual([]);
    });

    it("is 2 when the pack throws inside a policy", () => {
        const run = runs.packCrashes;
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain("faulty-pack crashed on purpose");
    });

    it("is 2 when the program throws while loading, and no path shows its secrets, even with --verbose", () => {
        const run = runs.throwsWithSecret;
        expect(run.code, run.stderr).toBe(2);
        for (const output of [run.stdout, run.stderr]) {
            expect(output).not.toContain("SENSITIVE");
            expect(output).toContain("bad token [secret] (config: [secret])");
        }
        expect(run.stderr).toContain("using [secret] and [secret]");
    });
});
