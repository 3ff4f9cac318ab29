// The one registry of children the plan kills if it ends first (cli/processGuard.ts), shared by the
// program runner and the policy pack: one set of process handlers however many children run, gone
// once the last child is released, and a kill that reaches the child when the plan exits.
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { killWithPlan, liveChildPids } from "../../cli/processGuard";
import { isRunning } from "./cliProcess";

const started: ReturnType<typeof spawn>[] = [];
afterAll(() => started.forEach((child) => child.kill("SIGKILL")));

/** A child as the plan starts one: its own process group. */
function sleeper() {
    const child = spawn("sleep", ["60"], { stdio: "ignore", detached: true });
    started.push(child);
    return child;
}

const handlers = () => ({ exit: process.listeners("exit"), SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") });

describe("the registry of children killed with the plan", () => {
    it("installs one exit and signal handler for all children, and removes them with the last release", () => {
        const before = handlers();
        const program = sleeper();
        const pack = sleeper();
        const releaseProgram = killWithPlan(program, "program");
        const releasePack = killWithPlan(pack, "policy-pack");
        const during = handlers();
        for (const event of ["exit", "SIGINT", "SIGTERM"] as const) expect(during[event].length, event).toBe(before[event].length + 1);
        expect(liveChildPids("program")).toEqual([program.pid]);
        expect(liveChildPids("policy-pack")).toEqual([pack.pid]);
        releaseProgram();
        releaseProgram();
        expect(handlers().exit.length).toBe(before.exit.length + 1);
        releasePack();
        expect(handlers()).toEqual(before);
        expect(liveChildPids("program")).toEqual([]);
    });

    it("kills every child it holds when the plan exits", async () => {
        const before = process.listeners("exit");
        const children = [sleeper(), sleeper()];
        const releases = children.map((child) => killWithPlan(child, "program"));
        const onExit = process.listeners("exit").find((listener) => !before.includes(listener))!;
        const exited = children.map((child) => new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal))));
        (onExit as () => void)();
        expect(await Promise.all(exited)).toEqual(["SIGKILL", "SIGKILL"]);
        for (const child of children) expect(isRunning(child.pid!)).toBe(false);
        releases.forEach((release) => release());
    });
});
