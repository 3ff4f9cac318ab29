// The plan's side of the program child process: forks it, hands it the job, collects the
// resources it streams, and stops it when it fails, goes quiet past the timeout, or the plan ends.
// The program runs as a process-group leader and watches a socket from the plan
// (cli/bin/process-guard.js), so neither it nor what it starts outlives the plan.
import { fork, type ChildProcess } from "node:child_process";
import { binModulePath } from "../binModules";
import { ProgramError } from "../errors";
import { holdWatchSocket, killProcessTree, killWithPlan, watchSocketEnv } from "../processGuard";
import type { Readable } from "node:stream";
import * as v8 from "node:v8";
import type { CapturedResource, ChildMessage, DataSourceCall, ParentMessage, ProgramFailure, ProgramJob } from "./protocol";
import { FRAME_HEADER_BYTES, RESOURCE_STREAM_FD } from "./protocol";

export { ProgramError };

/** Output kept from the program's stdout/stderr; more than this is cut (with a note). */
const MAX_PROGRAM_OUTPUT = 256 * 1024;

/** The child's descriptor for the plan's watch socket (after the resource stream). */
const WATCH_FD = RESOURCE_STREAM_FD + 1;

/**
 * How long the plan waits, once the program has exited, for the rest of what it printed. A
 * process the program left behind may hold its stdout open; the plan kills it, and doesn't wait
 * on it beyond this.
 */
const OUTPUT_DRAIN_MS = 1_000;

export interface ProgramRunOptions {
    /** The program is stopped once it has registered nothing and printed nothing for this long. */
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
    /** The program's data source calls, each answered "unknown" (see dataSources.ts). */
    readonly dataSources: readonly DataSourceCall[];
    readonly pulumiPath?: string;
    readonly childPid?: number;
}

/** The child's bootstrap. */
const CHILD_BOOTSTRAP = binModulePath("program-child.js");

/**
 * The plan's Node flags minus debugger flags (the program would wait for a debugger too), plus a
 * larger young generation: the SDK allocates many short-lived promises per resource, and garbage
 * collection was the largest cost on large plans (bench/CHANGES.md).
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

/**
 * A program child, started before it has a job: Node and the plan's host code boot while the plan
 * still reads the project, off the critical path (bench/CHANGES.md). `run` hands it the job once;
 * `stop` kills it if it is still running (call it on every path).
 */
export class ProgramRunner {
    private readonly child: ChildProcess;
    private readonly resources: CapturedResource[] = [];
    private output = "";
    private outputCut = false;
    private pulumiVersion: string | undefined;
    private pulumiPath: string | undefined;
    private failure: ProgramFailure | undefined;
    private done = false;
    private dataSources: readonly DataSourceCall[] = [];
    private ended: { code: number | null; signal: NodeJS.Signals | null } | { error: Error } | undefined;
    private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    private framesEnded = false;
    private onEnd: (() => void) | undefined;
    private onResources: ((batch: readonly CapturedResource[]) => void) | undefined;
    /** Called whenever the program shows a sign of life (a resource, some output). */
    private onActivity: (() => void) | undefined;
    private started = false;
    /** Ends the plan's duty to kill the child on exit (processGuard.ts). */
    private readonly release: () => void;

    constructor() {
        this.child = fork(CHILD_BOOTSTRAP, [], {
            // The child moves to the project's directory when it gets its job.
            stdio: ["ignore", "pipe", "pipe", "ipc", "pipe", "pipe"],
            execArgv: childExecArgv(),
            env: { ...process.env, AUTH0_M2M_PLAN_CHILD: "1", ...watchSocketEnv(WATCH_FD) },
            serialization: "advanced",
            // Its own process group, killed as one: what the program starts through exec or with
            // shared stdio stays in it.
            detached: true,
        });
        holdWatchSocket(this.child, WATCH_FD);
        // However the plan ends, the program does not outlive it.
        this.release = killWithPlan(this.child, "program");
        const collect = (chunk: Buffer) => {
            this.onActivity?.();
            if (this.outputCut) return;
            this.output += chunk.toString("utf8");
            if (this.output.length > MAX_PROGRAM_OUTPUT) {
                this.output = this.output.slice(0, MAX_PROGRAM_OUTPUT) + "\n[program output cut: more than 256 KiB]\n";
                this.outputCut = true;
            }
        };
        this.child.stdout?.on("data", collect);
        this.child.stderr?.on("data", collect);
        const frames = this.child.stdio[RESOURCE_STREAM_FD] as Readable;
        readFrames(frames, (batch) => {
            for (const resource of batch) this.resources.push(resource);
            this.onActivity?.();
            this.onResources?.(batch);
        });
        frames.once("close", () => {
            this.framesEnded = true;
            this.settleAfterExit();
        });
        this.child.on("message", (message: ChildMessage) => {
            switch (message.kind) {
                case "ready":
                    this.pulumiVersion = message.pulumiVersion;
                    this.pulumiPath = message.pulumiPath;
                    break;
                case "failed":
                    this.failure = message.failure;
                    break;
                case "done":
                    this.done = true;
                    this.dataSources = message.dataSources;
                    break;
            }
        });
        this.child.on("error", (error) => this.end({ error }));
        // The run is over once the process has exited and its frames and IPC messages have all
        // arrived. Not on "close": that waits for stdout and stderr, which a process the program
        // started may share and keep open for as long as it lives.
        this.child.on("exit", (code, signal) => {
            this.exit = { code, signal };
            // What the program left running in its group (sharing stdout, say) goes now.
            killProcessTree(this.child);
            this.settleAfterExit();
        });
        this.child.on("disconnect", () => this.settleAfterExit());
    }

    private settleAfterExit(): void {
        const exit = this.exit;
        if (!exit || !this.framesEnded || this.child.connected || this.ended) return;
        const streams = [this.child.stdout, this.child.stderr].filter((stream): stream is Readable => stream !== null && !stream.closed);
        const drained = Promise.all(streams.map((stream) => new Promise((resolve) => stream.once("close", resolve))));
        let timer: NodeJS.Timeout | undefined;
        const cut = new Promise((resolve) => (timer = setTimeout(resolve, OUTPUT_DRAIN_MS)));
        void Promise.race([drained, cut]).then(() => {
            clearTimeout(timer);
            for (const stream of streams) stream.destroy();
            this.end(exit);
        });
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    private end(how: NonNullable<ProgramRunner["ended"]>): void {
        if (this.ended) return;
        this.ended = how;
        this.release();
        this.onEnd?.();
    }

    /** Kills the child, its process group and its descendants. Idempotent. */
    stop(): void {
        killProcessTree(this.child);
    }

    /** Hands the child its job; resolves once it has run the program. Only once per host. */
    run(job: ProgramJob, options: ProgramRunOptions): Promise<ProgramRunResult> {
        if (this.started) return Promise.reject(new Error("a program host runs one program"));
        this.started = true;
        if (this.child.pid !== undefined) options.onChildStarted?.(this.child.pid);
        return new Promise((resolve, reject) => {
            let settled = false;
            const quiet = () =>
                finish(
                    new ProgramError(
                        `The program registered no resource and printed nothing for ${options.timeoutSeconds} s, so it was stopped. ` +
                            `Look for a promise or output that never settles, or raise the limit with --timeout SECONDS.`,
                        undefined,
                        this.output,
                        "timeout",
                    ),
                );
            const timer = setTimeout(quiet, options.timeoutSeconds * 1000);
            // A limit on silence, not on total time: a large healthy program keeps registering.
            this.onActivity = () => timer.refresh();
            const onAbort = () => finish(new ProgramError("The plan was interrupted; the program was stopped.", undefined, this.output));
            options.signal?.addEventListener("abort", onAbort, { once: true });

            const finish = (error?: Error) => {
                if (settled) return;
                settled = true;
                clearTimeout(timer);
                options.signal?.removeEventListener("abort", onAbort);
                this.onEnd = undefined;
                this.onActivity = undefined;
                this.onResources = undefined;
                this.stop();
                if (error) reject(error);
                else {
                    resolve({
                        resources: this.resources,
                        output: this.output,
                        pulumiVersion: this.pulumiVersion,
                        dataSources: this.dataSources,
                        pulumiPath: this.pulumiPath,
                        childPid: this.child.pid,
                    });
                }
            };
            const onEnd = () => {
                const ended = this.ended!;
                if ("error" in ended) return finish(new ProgramError(`Could not start the program process: ${ended.error.message}`, undefined, this.output));
                if (this.done) return finish();
                if (this.failure) return finish(new ProgramError(this.failure.message, this.failure, this.output));
                const how = ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.code}`;
                finish(new ProgramError(`The program ${how} before it finished.`, undefined, this.output));
            };
            if (this.ended) return onEnd();
            this.onEnd = onEnd;
            this.onResources = options.onResources;

            const run: ParentMessage = { kind: "run", job };
            this.child.send(run);
        });
    }
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
