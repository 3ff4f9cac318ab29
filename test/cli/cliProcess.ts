// Process-level test support: the real `auth0-m2m` command run as a child process, and whether a
// process it started is still alive afterwards.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
export const FIXTURES = path.join(ROOT, "test", "fixtures", "plan");

export interface CliRun {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly seconds: number;
    /** The program's and the pack's process ids, from --verbose output. */
    readonly pids: number[];
    /** The pack's process id, from --verbose output. */
    readonly packPid?: number;
}

/** Runs the CLI with `args` in `cwd`, with `env` on top of this process's environment. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    const started = Date.now();
    const options = { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: "0", ...env } };
    return new Promise((resolve) => {
        execFile(process.execPath, [BIN, ...args], options, (error, stdout, stderr) => {
            const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
            const pids = [...stderr.matchAll(/(?:Program|Policy pack .*) is process (\d+)/g)].map((m) => Number(m[1]));
            const packPid = /Policy pack .* is process (\d+)/.exec(stderr)?.[1];
            const seconds = (Date.now() - started) / 1000;
            resolve({ code, stdout, stderr, seconds, pids, packPid: packPid === undefined ? undefined : Number(packPid) });
        });
    });
}

/** Dead means gone, or a zombie nobody has reaped yet (it no longer runs). */
export function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    try {
        return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
    } catch {
        return false;
    }
}
