// The child process that runs a Pulumi program for the plan. It loads the program with the SDK the
// PROJECT resolves (a consumer has its own node_modules, and resources only register with the SDK
// copy the program imports), runs it under the SDK's mock runtime in preview mode the way the
// CLI's `cmd/run` does, and streams every RegisterResource request to the parent over IPC.
//
// It runs in its own process so each plan gets fresh SDK state, a hung program can be killed, and
// nothing the program does (globals, handlers, timers) leaks into the plan.
import * as fs from "node:fs";
import * as path from "node:path";
import * as url from "node:url";
import * as v8 from "node:v8";
import { answerDataSourcesUnknown, DataSourceLog } from "./dataSources";
import { makeOutputsLazy } from "./lazyOutputs";
import { interceptMonitor } from "./monitorCapture";
import {
    type CapturedResource,
    type ChildMessage,
    FRAME_HEADER_BYTES,
    type ParentMessage,
    type ProgramFailure,
    type ProgramJob,
    RESOURCE_STREAM_FD,
} from "./protocol";
import { rpcWaiter, unsupportedSdkMessage } from "./sdkEntryPoints";
import { loadSdk, skipSdkDebugBookkeeping } from "./sdkLoader";
import { unsettledWorkMessage } from "./unsettledWork";

/**
 * Resources per frame: small enough that the pack starts on the first ones while the program still
 * registers the rest, large enough that framing costs nothing.
 */
const BATCH_SIZE = 100;

/** Everything this process knows about its one run, in one place. */
const state = {
    job: undefined as ProgramJob | undefined,
    /** The program's @pulumi/pulumi version, once loaded. */
    sdkVersion: undefined as string | undefined,
    programStarted: false,
    finished: false,
    failing: false,
    pending: [] as CapturedResource[],
    flushScheduled: false,
    dataSources: new DataSourceLog(),
};

function send(message: ChildMessage): Promise<void> {
    return new Promise((resolve) => {
        if (!process.send || !process.connected) return resolve();
        process.send(message, undefined, {}, () => resolve());
    });
}

function capture(resource: CapturedResource): void {
    state.pending.push(resource);
    if (state.pending.length >= BATCH_SIZE) flush();
    else if (!state.flushScheduled) {
        state.flushScheduled = true;
        setImmediate(flush);
    }
}

/**
 * Writes the pending resources as one frame with a blocking write (see protocol.ts), so they
 * reach the plan even while the SDK keeps this process's event loop from running.
 */
function flush(): void {
    state.flushScheduled = false;
    if (state.pending.length === 0) return;
    const payload = v8.serialize(state.pending);
    state.pending = [];
    const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
    frame.writeUInt32BE(payload.length, 0);
    payload.copy(frame, FRAME_HEADER_BYTES);
    try {
        for (let written = 0; written < frame.length; ) written += fs.writeSync(RESOURCE_STREAM_FD, frame, written);
    } catch (error) {
        // The plan went away (it reads until this process exits); nobody is left to report to.
        if ((error as NodeJS.ErrnoException).code === "EPIPE") process.exit(1);
        throw error;
    }
}

async function fail(error: unknown, kind: ProgramFailure["kind"] = state.programStarted ? "threw" : "setup"): Promise<void> {
    // One error often surfaces as several rejections (every output that depended on it); report the first.
    if (state.failing || state.finished) return;
    state.failing = true;
    // Registrations already under way (a resource built just before a synchronous throw) reach the
    // monitor a few turns later; the plan needs their secrets to scrub the error and the output.
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    flush();
    await send({ kind: "failed", failure: describeFailure(error, kind) });
    process.exit(1);
}

/** The message, and the first stack frame in the program's own code (not the SDK, not the plan). */
export function describeFailure(error: unknown, kind: ProgramFailure["kind"], projectDir = state.job?.projectDir): ProgramFailure {
    const message = offlineMessage(error instanceof Error ? error.message : String(error));
    const stack = error instanceof Error ? error.stack : undefined;
    return { kind, message, location: stack && projectDir && kind === "threw" ? programLocation(stack, projectDir) : undefined, stack };
}

/** Rewrites the SDK's "update your CLI" advice, which is wrong here: the plan runs without a CLI. */
function offlineMessage(message: string): string {
    const unsupported = /The Pulumi CLI does not support ([^.]+)\. Please update the Pulumi CLI\.?/.exec(message);
    if (!unsupported) return message;
    return message.replace(
        unsupported[0],
        `auth0-m2m plan does not support ${unsupported[1]}: they need the Pulumi engine, which the offline plan does not run.`,
    );
}

const FRAME = /(?:\(|\bat )((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?\s*$/;

export function programLocation(stack: string, projectDir: string): string | undefined {
    // Frames in the plan's own code (all of cli/) are never the program's.
    const hostDir = path.resolve(__dirname, "..");
    for (const line of stack.split("\n")) {
        const match = FRAME.exec(line.trim());
        if (!match) continue;
        const file = match[1].startsWith("file://") ? url.fileURLToPath(match[1]) : match[1];
        if (file.includes(`${path.sep}node_modules${path.sep}`) || file.startsWith(hostDir + path.sep)) continue;
        const relative = path.relative(projectDir, file);
        if (relative.startsWith("..") || path.isAbsolute(relative)) continue;
        return `${relative}:${match[2]}:${match[3]}`;
    }
    return undefined;
}

// TypeScript compiles `import()` to `require()` under CommonJS; ES module programs need the real one.
const dynamicImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<Record<string, unknown>>;

async function runMain(currentJob: ProgramJob): Promise<unknown> {
    let exported: unknown;
    if (currentJob.moduleType === "module") {
        const namespace = await dynamicImport(url.pathToFileURL(currentJob.mainPath).href);
        exported = Object.getOwnPropertyDescriptor(namespace, "default") !== undefined ? namespace.default : namespace;
    } else {
        exported = require(currentJob.mainPath);
    }
    // Like `cmd/run`: a program may export a (possibly async) function that builds the stack.
    const result = typeof exported === "function" ? (exported as () => unknown)() : exported;
    return await result;
}

async function run(currentJob: ProgramJob): Promise<void> {
    state.job = currentJob;
    process.chdir(currentJob.programDir);
    // The SDK reads its settings and config from the environment when it first loads.
    for (const key of ["PULUMI_NODEJS_MONITOR", "PULUMI_NODEJS_ENGINE", "PULUMI_NODEJS_SYNC"]) delete process.env[key];
    process.env.PULUMI_CONFIG = JSON.stringify(currentJob.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(currentJob.secretKeys);
    process.env.PULUMI_NODEJS_ROOT_DIRECTORY = currentJob.projectDir;
    process.env.PULUMI_NODEJS_ORGANIZATION = currentJob.organization;

    const sdk = loadSdk(currentJob);
    state.sdkVersion = sdk.version;
    await send({ kind: "ready", pulumiVersion: sdk.version, pulumiPath: sdk.dir });
    // Entry points that moved between 3.x releases: found, or named with the program's version.
    const missing = (what: string) => new Error(unsupportedSdkMessage(sdk.version, sdk.dir, what));
    const setMocks = sdk.pulumi.runtime.setMocks as ((...args: unknown[]) => unknown) | undefined;
    const runInPulumiStack = sdk.stack.runInPulumiStack;
    if (typeof setMocks !== "function") throw missing("runtime.setMocks");
    if (typeof runInPulumiStack !== "function") throw missing("runtime/stack.runInPulumiStack");
    const waitForRPCs = rpcWaiter(sdk.settings);
    if (!waitForRPCs) throw missing("runtime/settings.waitForRPCs or rpcKeepAlive");

    // Async since 3.1xx, with the organization as a fifth argument; earlier releases ignore both.
    await setMocks(
        {
            newResource: () => {
                throw new Error("unreachable: the plan handles registrations itself");
            },
            call: () => {
                throw new Error("unreachable: the plan handles invokes itself");
            },
        },
        currentJob.projectName,
        currentJob.stack,
        true,
        currentJob.organization,
    );
    const monitor = sdk.settings.getMonitor() as Record<string, unknown> | undefined;
    if (!monitor) throw missing("mock monitor after runtime.setMocks");
    interceptMonitor(monitor, currentJob, capture);
    answerDataSourcesUnknown(sdk, state.dataSources, (stack) => programLocation(stack, currentJob.projectDir));
    skipSdkDebugBookkeeping(sdk);
    makeOutputsLazy(sdk.dir);

    state.programStarted = true;
    await runInPulumiStack(() => runMain(currentJob));
    await waitForRPCs();
    // A rejection nobody handled (say, a resource whose input came from a failed invoke) is
    // reported once the microtask queue drains; give it that turn before calling the run done.
    await new Promise((resolve) => setImmediate(resolve));
    if (state.failing) return;
    state.finished = true;
    flush();
    await send({ kind: "done", dataSources: state.dataSources.list() });
    process.exit(0);
}

/** Entry point of the child process (see cli/bin/program-child.js). */
export function main(): void {
    process.on("uncaughtException", (error) => void fail(error));
    process.on("unhandledRejection", (reason) => void fail(reason));
    // If the plan goes away (killed, crashed), so does the program.
    process.on("disconnect", () => process.exit(1));
    // With the IPC channel unreferenced, an empty event loop means the program is stuck on promises
    // that nothing will ever settle, which the parent would otherwise only learn from its timeout.
    process.on("beforeExit", () => {
        if (state.job && !state.finished) {
            void fail(new Error(unsettledWorkMessage(state.sdkVersion, process.env)), "unsettled");
        }
    });
    process.once("message", (message: ParentMessage) => {
        if (message.kind !== "run") return;
        process.channel?.unref();
        run(message.job).catch((error) => void fail(error));
    });
}
