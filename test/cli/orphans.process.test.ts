// No process outlives the plan: the program's own children (detached, started through exec, or
// sharing its stdout), the program child and the policy pack end with it, however it ends,
// SIGKILL included. A child that shares the program's stdout must not keep a finished plan waiting.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isRunning } from "./cliProcess";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
const FIXTURE = path.join(ROOT, "test", "fixtures", "plan", "spawns-children");

/** Pids whose command line holds `token` (the fixture's sleeps, `300.<token><n>`). */
function processesWith(token: string): number[] {
    return fs.readdirSync("/proc").flatMap((name) => {
        if (!/^\d+$/.test(name)) return [];
        try {
            return fs.readFileSync(`/proc/${name}/cmdline`, "utf8").includes(token) ? [Number(name)] : [];
        } catch {
            return [];
        }
    });
}

/** Polls until `done` holds or `limitMs` passed (a bound for a slow machine, not a timing assertion). */
async function waitFor(done: () => boolean, limitMs: number): Promise<boolean> {
    for (const end = Date.now() + limitMs; Date.now() < end; ) {
        if (done()) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return done();
}

function startPlan(token: string, hang: boolean): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [BIN, "plan", "--verbose", "--timeout", "120", "--project", FIXTURE], {
        cwd: ROOT,
        env: { ...process.env, ORPHAN_TOKEN: token, ORPHAN_HANG: hang ? "1" : "0" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout!.resume();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, stderr: () => stderr, exited };
}

const token = () => String(100_000 + Math.floor(Math.random() * 900_000));

describe.concurrent("processes the plan starts", () => {
    it("end with a plan that finishes, which doesn't wait for a child sharing the program's stdout", async () => {
        const id = token();
        const plan = startPlan(id, false);
        const code = await plan.exited;
        // The timeout is 120 s; a plan that waited on the stdout a child shares would end in it.
        expect(plan.stderr()).not.toContain("was stopped");
        expect([0, 1], plan.stderr()).toContain(code);
        expect(await waitFor(() => processesWith(id).length === 0, 10_000), `left running: ${processesWith(id).join(", ")}`).toBe(true);
    }, 90_000);

    it("end with a plan that is SIGKILL'd: the program's children, the program and the policy pack", async () => {
        const id = token();
        const plan = startPlan(id, true);
        const packPid = () => Number(/Policy pack .* is process (\d+)/.exec(plan.stderr())?.[1] ?? NaN);
        const programPid = () => Number(/Program is process (\d+)/.exec(plan.stderr())?.[1] ?? NaN);
        // Three sleeps and the shell that exec'd one: all started, and the pack is serving.
        const started = await waitFor(() => processesWith(id).length >= 4 && !Number.isNaN(packPid()), 60_000);
        expect(started, plan.stderr()).toBe(true);
        plan.child.kill("SIGKILL");
        await plan.exited;
        const left = () => [...processesWith(id), packPid(), programPid()].filter(isRunning);
        expect(await waitFor(() => left().length === 0, 15_000), `left running: ${left().join(", ")}`).toBe(true);
    }, 90_000);
});
