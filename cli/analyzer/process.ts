// Starts a policy pack process the way the engine does and makes sure none outlives us: killed
// when the plan exits or is interrupted, and ending itself when the plan is SIGKILL'd (it watches a
// socket from the plan, cli/bin/process-guard.js).
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { holdWatchSocket, killProcessTree, killWithPlan, liveChildPids, PROCESS_GUARD_PATH, watchSocketEnv } from "../processGuard";
import { PolicyPackError } from "./types";

/** The pack's descriptor for the plan's watch socket. */
const WATCH_FD = 3;

/**
 * The address passed as run-policy-pack's first argument, where the engine passes its own gRPC
 * address. Nothing dials it: run-policy-pack (3.248.0, cmd/run-policy-pack/index.js) shifts the
 * argument off, and the SDK's log module reaches an engine only through PULUMI_NODEJS_ENGINE,
 * which the engine doesn't set for policy packs either; a pack's own errors reach stderr, which we
 * capture. So there is no Engine service to serve, and a loopback port-0 address keeps the
 * argument well-formed without pretending one is there.
 */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

/** The most of the pack's stdout/stderr kept for error messages. */
const OUTPUT_LIMIT = 64 * 1024;

/** run-policy-pack as the engine's `pulumi-analyzer-policy` shim finds it: from the pack's directory, else ours. */
export function resolveRunPolicyPack(packDir: string): string {
    const request = "@pulumi/pulumi/cmd/run-policy-pack";
    try {
        return createRequire(path.join(packDir, "package.json")).resolve(request);
    } catch {
        try {
            return require.resolve(request);
        } catch {
            throw new PolicyPackError(
                "start",
                `Can't find ${request} from ${packDir} or from this package; run npm install in ${packDir}`,
            );
        }
    }
}

/** The pids of pack processes started here that are still running. */
export function livePolicyPackProcesses(): number[] {
    return liveChildPids("policy-pack");
}

/** Keeps the tail of a stream's output. */
class OutputTail {
    private text = "";
    append(chunk: string): void {
        this.text = (this.text + chunk).slice(-OUTPUT_LIMIT);
    }
    toString(): string {
        return this.text.trim();
    }
}

export interface PolicyPackProcess {
    readonly pid: number;
    readonly port: number;
    /** Set once the process has exited. */
    exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
    /** What the process wrote to stderr (and to stdout after the port), for error messages. */
    output(): string;
    /** Kills the process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. Idempotent. */
    kill(graceMs?: number): Promise<void>;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (signal) return `was killed by ${signal}`;
    const meaning =
        code === 32
            ? " (the pack failed to load and printed why, often a TypeScript error)"
            : code === 255
              ? " (run-policy-pack was given bad arguments)"
              : "";
    return `exited with code ${code}${meaning}`;
}

export function describeProcessEnd(process: PolicyPackProcess): string {
    const status = process.exitStatus();
    const ended = status ? describeExit(status.code, status.signal) : "is running";
    const output = process.output();
    return `${ended}${output ? `; its output:\n${output}` : "; it printed nothing"}`;
}

/**
 * Runs `node <run-policy-pack> <engine-address> .` in the pack directory (or `workingDir`, a compiled
 * copy of it) and waits for the port it prints. On any failure the child is killed before the error
 * is thrown.
 */
export function startPolicyPackProcess(
    packDir: string,
    options: { startTimeoutMs: number; env?: NodeJS.ProcessEnv; workingDir?: string },
): Promise<PolicyPackProcess> {
    // The engine loads PulumiPolicy.yaml before it starts anything; so do we, for the same clear error.
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
        return Promise.reject(
            new PolicyPackError(
                "start",
                fs.existsSync(packDir)
                    ? `${packDir} has no PulumiPolicy.yaml, so it is not a policy pack directory`
                    : `Policy pack directory ${packDir} does not exist`,
            ),
        );
    }
    const runPolicyPack = resolveRunPolicyPack(packDir);
    // The guard is preloaded: it is in place before the pack's own code runs. Its own process
    // group, so that anything the pack starts is killed with it.
    const child = spawn(process.execPath, ["--require", PROCESS_GUARD_PATH, runPolicyPack, UNUSED_ENGINE_ADDRESS, "."], {
        cwd: options.workingDir ?? packDir,
        env: { ...process.env, ...options.env, ...watchSocketEnv(WATCH_FD) },
        stdio: ["ignore", "pipe", "pipe", "pipe"],
        detached: true,
    });
    holdWatchSocket(child, WATCH_FD);
    const release = killWithPlan(child, "policy-pack");

    const tail = new OutputTail();
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exited = new Promise<void>((resolve) => {
        child.once("exit", (code, signal) => {
            exit = { code, signal };
            release();
            resolve();
        });
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => tail.append(chunk));

    let killing: Promise<void> | undefined;
    const handle = (port: number): PolicyPackProcess => ({
        pid: child.pid!,
        port,
        exitStatus: () => exit,
        output: () => tail.toString(),
        kill: (graceMs = 2_000) =>
            (killing ??= (async () => {
                // No pid: spawn itself failed, and Node may never emit "exit" for it.
                if (exit || child.pid === undefined) return;
                // Undo the unref below: until the exit is seen, it must keep this process alive.
                // Unref'd, a pack that ignores SIGTERM or is stopped left nothing pending once the
                // SIGKILL timer fired, and Node exited mid-shutdown.
                child.ref();
                child.kill("SIGTERM");
                const timer = setTimeout(() => killProcessTree(child), graceMs);
                await exited;
                clearTimeout(timer);
            })()),
    });

    return new Promise<PolicyPackProcess>((resolve, reject) => {
        let stdout = "";
        let settled = false;
        const fail = (message: string) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            const pid = child.pid;
            void handle(0)
                .kill(500)
                .then(() => reject(new PolicyPackError("start", message, pid)));
        };
        const timer = setTimeout(() => {
            fail(
                `Policy pack at ${packDir} printed no port within ${options.startTimeoutMs} ms, so it was stopped` +
                    `${tail.toString() ? `; its output:\n${tail}` : ""}`,
            );
        }, options.startTimeoutMs);

        child.once("error", (error) => {
            // No pid: spawn itself failed, and Node may never emit "exit" for it.
            if (child.pid === undefined) release();
            fail(`Can't start policy pack at ${packDir}: ${error.message}`);
        });
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
            if (settled) {
                tail.append(chunk);
                return;
            }
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline < 0) return;
            // Like the engine, the first line must be the port; anything after it is the pack's own output.
            const first = stdout.slice(0, newline).trim();
            tail.append(stdout.slice(newline + 1));
            const port = Number(first);
            if (!/^\d+$/.test(first) || port <= 0 || port > 65_535) {
                tail.append(first);
                fail(`Policy pack at ${packDir} printed ${JSON.stringify(first)} where its port should be; its output:\n${tail}`);
                return;
            }
            settled = true;
            clearTimeout(timer);
            // From here on the session is idle between calls; don't let an unclosed one hold the
            // event loop open (the exit handler still kills the child).
            child.unref();
            (child.stdout as unknown as { unref?: () => void }).unref?.();
            (child.stderr as unknown as { unref?: () => void }).unref?.();
            resolve(handle(port));
        });
        void exited.then(() => {
            if (!settled) {
                const status = describeExit(exit!.code, exit!.signal);
                fail(
                    `Policy pack at ${packDir} ${status} before it printed its port; ` +
                        `${tail.toString() || stdout.trim() ? `its output:\n${[stdout.trim(), tail.toString()].filter(Boolean).join("\n")}` : "it printed nothing"}`,
                );
            }
        });
    });
}
