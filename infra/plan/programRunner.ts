// The plan's side of the program child process: forks it, hands it the job, collects the
// resources it streams, and stops it when it fails, hangs past the timeout, or the plan ends.
import { fork, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ProgramError } from "./errors";
import type { Readable } from "node:stream";
import * as v8 from "node:v8";
import {
    type CapturedResource,
    type ChildMessage,
    FRAME_HEADER_BYTES,
    type ParentMessage,
    type ProgramFailure,
    type ProgramJob,
    RESOURCE_STREAM_FD,
} from "./programProtocol";

export { ProgramError };

/** Output kept from the program's stdout/stderr; more than this is cut (with a note). */
const MAX_PROGRAM_OUTPUT = 256 * 1024;

export interface ProgramRunOptions {
    readonly timeoutSeconds: number;
    /** Called with each batch as the program registers resources, before the program finishes. */
    readonly onResources?: (batch: readonly CapturedResource[]) => void;
    readonly onChildStarted?: (pid: number) => void;
    /** Aborting stops the program (for example on SIGINT). */
    readonly signal?: AbortSignal;
}

export interface ProgramRunResult {
    readonly resources: readonly CapturedResource[];
    /** What the program printed (console.log, SDK warnings), in order. */
    readonly output: string;
    readonly pulumiVersion?: string;
    readonly pulumiPath?: string;
    readonly childPid?: number;
}

/** The bootstrap sits next to this file in the source tree; compiled, this file lives under dist/. */
const HOST_BOOTSTRAP = [path.join(__dirname, "bin", "program-host.js"), path.resolve(__dirname, "..", "..", "..", "infra", "plan", "bin", "program-host.js")].find(
    (file) => fs.existsSync(file),
) ?? path.join(__dirname, "bin", "program-host.js");

/**
 * The plan's Node flags minus debugger flags (the program would wait for a debugger too), plus a
 * larger young generation: the SDK allocates many short-lived promises per resource, and garbage
 * collection was the largest cost on large plans (about 1 s less CPU on 3,000 resources).
 */
function childExecArgv(): string[] {
    // A launcher that runs this process in-process (ts-node's bin puts itself first) rewrites
    // execArgv so that its own children run through it too; those aren't Node flags, and the
    // program child has its own loader, so nothing is inherited then. Node's own execArgv always
    // starts with a flag.
    const own = process.execArgv.length === 0 || process.execArgv[0].startsWith("-") ? process.execArgv : [];
    const inherited = own.filter((arg) => !arg.startsWith("--inspect"));
    return inherited.some((arg) => arg.startsWith("--max-semi-space-size")) ? inherited : [...inherited, "--max-semi-space-size=64"];
}

export function runProgram(job: ProgramJob, options: ProgramRunOptions): Promise<ProgramRunResult> {
    return new Promise((resolve, reject) => {
        const resources: CapturedResource[] = [];
        let output = "";
        let outputCut = false;
        let pulumiVersion: string | undefined;
        let pulumiPath: string | undefined;
        let settled = false;
        let failure: ProgramFailure | undefined;
        let done = false;

        const child: ChildProcess = fork(HOST_BOOTSTRAP, [], {
            cwd: job.projectDir,
            stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"],
            execArgv: childExecArgv(),
            env: { ...process.env, AUTH0_M2M_PLAN_CHILD: "1" },
            serialization: "advanced",
        });
        if (child.pid !== undefined) options.onChildStarted?.(child.pid);

        const collect = (chunk: Buffer) => {
            if (outputCut) return;
            output += chunk.toString("utf8");
            if (output.length > MAX_PROGRAM_OUTPUT) {
                output = output.slice(0, MAX_PROGRAM_OUTPUT) + "\n[program output cut: more than 256 KiB]\n";
                outputCut = true;
            }
        };
        child.stdout?.on("data", collect);
        child.stderr?.on("data", collect);

        const stop = () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        };
        // However the plan ends, the program does not outlive it.
        const onExit = () => stop();
        process.on("exit", onExit);

        const timer = setTimeout(() => {
            finish(
                new ProgramError(
                    `The program did not finish within ${options.timeoutSeconds} s and was stopped. ` +
                        `Look for a promise or output that never settles, or raise the limit with --timeout SECONDS.`,
                    undefined,
                    output,
                ),
            );
        }, options.timeoutSeconds * 1000);

        const onAbort = () => finish(new ProgramError("The plan was interrupted; the program was stopped.", undefined, output));
        options.signal?.addEventListener("abort", onAbort, { once: true });

        function finish(error?: Error) {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener("abort", onAbort);
            stop();
            process.off("exit", onExit);
            if (error) reject(error);
            else resolve({ resources, output, pulumiVersion, pulumiPath, childPid: child.pid });
        }

        readFrames(child.stdio[RESOURCE_STREAM_FD] as Readable, (batch) => {
            for (const resource of batch) resources.push(resource);
            options.onResources?.(batch);
        });
        child.on("message", (message: ChildMessage) => {
            switch (message.kind) {
                case "ready":
                    pulumiVersion = message.pulumiVersion;
                    pulumiPath = message.pulumiPath;
                    break;
                case "failed":
                    failure = message.failure;
                    break;
                case "done":
                    done = true;
                    break;
            }
        });
        child.on("error", (error) => finish(new ProgramError(`Could not start the program process: ${error.message}`, undefined, output)));
        // "close" comes after the process exited and its stdio and IPC channel drained, so every
        // message and the program's last output have arrived.
        child.on("close", (code, signal) => {
            if (done) return finish();
            if (failure) return finish(new ProgramError(failure.message, failure, output));
            const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
            finish(new ProgramError(`The program ${how} before it finished.`, undefined, output));
        });

        const run: ParentMessage = { kind: "run", job };
        child.send(run);
    });
}

/** Reads the child's resource frames (see programProtocol.ts) as they arrive. */
export function readFrames(stream: Readable, onBatch: (batch: CapturedResource[]) => void): void {
    let buffered: Buffer[] = [];
    let bufferedBytes = 0;
    stream.on("data", (chunk: Buffer) => {
        buffered.push(chunk);
        bufferedBytes += chunk.length;
        if (bufferedBytes < FRAME_HEADER_BYTES) return;
        let data = buffered.length === 1 ? buffered[0] : Buffer.concat(buffered, bufferedBytes);
        let offset = 0;
        while (data.length - offset >= FRAME_HEADER_BYTES) {
            const length = data.readUInt32BE(offset);
            if (data.length - offset - FRAME_HEADER_BYTES < length) break;
            const start = offset + FRAME_HEADER_BYTES;
            onBatch(v8.deserialize(data.subarray(start, start + length)) as CapturedResource[]);
            offset = start + length;
        }
        data = data.subarray(offset);
        buffered = data.length > 0 ? [data] : [];
        bufferedBytes = data.length;
    });
}
