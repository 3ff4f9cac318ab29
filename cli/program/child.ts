// The child process that runs a Pulumi program for the plan. It loads the program with the SDK the
// PROJECT resolves (a consumer has its own node_modules, and resources only register with the SDK
// copy the program imports), runs it under the SDK's mock runtime in preview mode the way the
// CLI's `cmd/run` does, and streams every RegisterResource request to the parent over IPC.
//
// It runs in its own process so each plan gets fresh SDK state, a hung program can be killed, and
// nothing the program does (globals, handlers, timers) leaks into the plan.
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as url from "node:url";
import * as v8 from "node:v8";
import {
    type CapturedResource,
    type ChildMessage,
    FRAME_HEADER_BYTES,
    type ParentMessage,
    type ProgramFailure,
    type ProgramJob,
    RESOURCE_STREAM_FD,
} from "./protocol";
import { cacheTsNodeOutput } from "./transpileCache";
import { engineUrn } from "./urn";

/**
 * Features the plan answers "no" to. Transforms and hooks need the engine to call back into the
 * program; output values and resource references are what the engine would turn into plain values
 * and ids/URNs before a policy pack sees them, so the SDK sends them that way directly.
 */
const UNSUPPORTED_FEATURES = new Set(["transforms", "invokeTransforms", "resourceHooks", "errorHooks", "outputValues", "resourceReferences"]);

/**
 * Resources per frame: small enough that the pack starts on the first ones while the program still
 * registers the rest, large enough that framing costs nothing.
 */
const BATCH_SIZE = 100;

let job: ProgramJob | undefined;
let programStarted = false;
let finished = false;
let failing = false;
let pending: CapturedResource[] = [];
let flushScheduled = false;

function send(message: ChildMessage): Promise<void> {
    return new Promise((resolve) => {
        if (!process.send || !process.connected) return resolve();
        process.send(message, undefined, {}, () => resolve());
    });
}

function capture(resource: CapturedResource): void {
    pending.push(resource);
    if (pending.length >= BATCH_SIZE) flush();
    else if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
    }
}

/**
 * Writes the pending resources as one frame with a blocking write (see programProtocol.ts), so they
 * reach the plan even while the SDK keeps this process's event loop from running.
 */
function flush(): void {
    flushScheduled = false;
    if (pending.length === 0) return;
    const payload = v8.serialize(pending);
    pending = [];
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

async function fail(error: unknown, kind: ProgramFailure["kind"] = programStarted ? "threw" : "setup"): Promise<void> {
    // One error often surfaces as several rejections (every output that depended on it); report the first.
    if (failing || finished) return;
    failing = true;
    flush();
    await send({ kind: "failed", failure: describeFailure(error, kind) });
    process.exit(1);
}

/** The message, and the first stack frame in the program's own code (not the SDK, not the plan). */
export function describeFailure(error: unknown, kind: ProgramFailure["kind"], projectDir = job?.projectDir): ProgramFailure {
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

/** Registers ts-node for the program: the project's own ts-node/typescript, else ours, else the SDK's vendored pair. */
function registerTypeScript(currentJob: ProgramJob, sdkDir: string): void {
    const fromProject = createRequire(path.join(currentJob.projectDir, "package.json"));
    const fromHere = createRequire(__filename);
    const tryResolve = (from: NodeRequire, id: string) => {
        try {
            return from.resolve(id);
        } catch {
            return undefined;
        }
    };
    const tsNode = tryResolve(fromProject, "ts-node") ?? tryResolve(fromHere, "ts-node") ?? path.join(sdkDir, "vendor", "ts-node@7.0.1");
    const typescript =
        tryResolve(fromProject, "typescript") ?? tryResolve(fromHere, "typescript") ?? path.join(sdkDir, "vendor", "typescript@3.8.3", "typescript.js");
    const hasTsconfig = currentJob.tsconfigPath !== undefined;
    const options = {
        compiler: typescript,
        // Type errors are `tsc`'s job; the plan only needs the program to run.
        transpileOnly: true,
        project: currentJob.tsconfigPath,
        skipProject: !hasTsconfig,
    };
    if (currentJob.moduleType === "module") {
        // An ES module project: ts-node's ESM loader hooks, registered the way `cmd/run` does,
        // through the SDK's own hooks module.
        const hooks = path.join(sdkDir, "cmd", "run", "hooks.js");
        const register = (nodeModule as { register?: (specifier: string, options: { data: unknown }) => void }).register;
        if (!register || !fs.existsSync(hooks)) {
            throw new Error(`This @pulumi/pulumi (${sdkDir}) or Node.js ${process.version} can't load TypeScript ES modules; compile the program to JavaScript first.`);
        }
        register(url.pathToFileURL(hooks).href, {
            data: { ...options, compilerOptions: hasTsconfig ? {} : { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", sourceMap: true } },
        });
        return;
    }
    const service = (require(tsNode) as { register(options: Record<string, unknown>): unknown }).register({
        ...options,
        compilerOptions: hasTsconfig ? {} : { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: true, esModuleInterop: true },
    });
    // The same output, compiled once per file content (see transpileCache.ts).
    if (currentJob.transpileCacheDir) cacheTsNodeOutput(service, tsNode, currentJob.transpileCacheDir);
}

interface Sdk {
    readonly pulumi: typeof import("@pulumi/pulumi");
    /** `runtime/settings`; waitForRPCs is internal to the SDK, so it is typed here. */
    readonly settings: { getMonitor(): unknown; waitForRPCs(): Promise<void> };
    readonly stack: { runInPulumiStack(init: () => Promise<unknown>): Promise<unknown> };
    readonly debuggable: { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
    readonly version: string;
    readonly dir: string;
}

function loadSdk(currentJob: ProgramJob): Sdk {
    const programRequire = createRequire(currentJob.mainPath);
    let entry: string;
    try {
        entry = programRequire.resolve("@pulumi/pulumi");
    } catch {
        throw new Error(
            `The program can't resolve @pulumi/pulumi from ${path.dirname(currentJob.mainPath)}. Install the project's dependencies (for example 'npm ci' in ${currentJob.projectDir}) and run the plan again.`,
        );
    }
    const dir = path.dirname(entry);
    // Absolute paths inside the same package directory share the module cache with the SDK's own
    // relative requires, so these are the very modules the program's resources register through.
    const sdkModule = (relative: string) => require(path.join(dir, relative));
    if (currentJob.typescript) registerTypeScript(currentJob, dir);
    return {
        pulumi: require(entry),
        settings: sdkModule("runtime/settings"),
        stack: sdkModule("runtime/stack"),
        debuggable: sdkModule("runtime/debuggable"),
        version: (sdkModule("package.json") as { version: string }).version,
        dir,
    };
}

type Callback = (error: Error | null, response?: unknown) => void;
interface ProtoStruct {
    toJavaScript(): Record<string, unknown>;
}
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): ProtoStruct | undefined;
    hasProtect(): boolean;
    getProtect(): boolean | undefined;
    hasRetainondelete(): boolean;
    getRetainondelete(): boolean | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
    getReplaceonchangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getImportid(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getProvider(): string;
    getDeletedwith(): string;
    getAliasurnsList(): string[];
}
interface ReadResourceRequest {
    getId(): string;
    getType(): string;
    getName(): string;
    getParent(): string;
    getProperties(): ProtoStruct | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
}

/**
 * Takes over the mock monitor's RPCs: URNs the way the engine builds them, the full request
 * captured, inputs returned as the preview's outputs (so anything the provider computes, like a
 * client's id, stays unknown), and "no" to features only the engine can provide.
 */
function interceptMonitor(monitor: Record<string, unknown>, currentJob: ProgramJob): void {
    const seen = new Set<string>();
    const SUCCESS = 0; // pulumirpc.Result.SUCCESS
    monitor.supportsFeature = (req: { getId(): string }, callback: Callback) => {
        callback(null, { getHassupport: () => !UNSUPPORTED_FEATURES.has(req.getId()) });
    };

    monitor.registerResource = (req: RegisterResourceRequest, callback: Callback) => {
        try {
            const parent = req.getParent() || undefined;
            const urn = engineUrn(currentJob.stack, currentJob.projectName, req.getType(), req.getName(), parent);
            if (seen.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
            seen.add(urn);
            const object = req.getObject();
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps, key) => {
                propertyDependencies[key] = deps.getUrnsList();
            });
            const importId = req.getImportid() || undefined;
            capture({
                urn,
                type: req.getType(),
                name: req.getName(),
                custom: req.getCustom(),
                parent,
                properties: object ? object.toJavaScript() : {},
                protect: req.hasProtect() ? req.getProtect() : undefined,
                retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
                deleteBeforeReplace: req.getDeletebeforereplace() || undefined,
                ignoreChanges: nonEmpty(req.getIgnorechangesList()),
                replaceOnChanges: nonEmpty(req.getReplaceonchangesList()),
                additionalSecretOutputs: nonEmpty(req.getAdditionalsecretoutputsList()),
                importId,
                dependencies: req.getDependenciesList(),
                propertyDependencies,
                provider: req.getProvider() || undefined,
                deletedWith: req.getDeletedwith() || undefined,
                aliases: nonEmpty(req.getAliasurnsList()),
            });
            callback(null, {
                getUrn: () => urn,
                // In a preview only an imported resource has a known id.
                getId: () => importId ?? "",
                getObject: () => object,
                getPropertydependenciesMap: () => undefined,
                getResult: () => SUCCESS,
            });
        } catch (error) {
            callback(error as Error);
        }
    };

    monitor.readResource = (req: ReadResourceRequest, callback: Callback) => {
        try {
            const parent = req.getParent() || undefined;
            const urn = engineUrn(currentJob.stack, currentJob.projectName, req.getType(), req.getName(), parent);
            const properties = req.getProperties();
            capture({
                urn,
                type: req.getType(),
                name: req.getName(),
                custom: true,
                read: true,
                readId: req.getId(),
                parent,
                properties: properties ? properties.toJavaScript() : {},
                dependencies: req.getDependenciesList(),
                propertyDependencies: {},
                provider: req.getProvider() || undefined,
            });
            callback(null, { getUrn: () => urn, getProperties: () => properties });
        } catch (error) {
            callback(error as Error);
        }
    };

    monitor.registerResourceOutputs = (_req: unknown, callback: Callback) => callback(null, {});

    const offline = (what: string) => {
        const message =
            `auth0-m2m plan can't ${what}: it runs the program offline, without a provider or an Auth0 tenant. ` +
            `Pass the value in through stack config instead, or run 'pulumi preview' for this program.`;
        // The SDK reports a failed invoke or call by the gRPC error's `details`.
        return Object.assign(new Error(message), { details: message });
    };
    monitor.invoke = (req: { getTok(): string }, callback: Callback) => callback(offline(`call the data source '${req.getTok()}'`));
    monitor.call = (req: { getTok(): string }, callback: Callback) => callback(offline(`call the resource method '${req.getTok()}'`));
}

function nonEmpty(list: string[]): string[] | undefined {
    return list.length > 0 ? list : undefined;
}

/**
 * Two SDK habits that cost more than the program itself on large plans, neither of which a plan
 * needs (measured on 3,000 resources: about 40% less CPU and a quarter less memory without them):
 * - every tracked promise gets a second promise chain and a formatted stack trace, kept for a leak
 *   report at exit; the plan detects unsettled work itself (see main's beforeExit);
 * - every resource records its declaration site from an unlimited, source-mapped stack trace.
 */
function skipSdkDebugBookkeeping(sdk: Sdk): void {
    sdk.debuggable.debuggablePromise = <T>(promise: Promise<T>): Promise<T> => promise;
    const resourceClass = sdk.pulumi.Resource as unknown as { callsites?: () => unknown[] };
    if (typeof resourceClass.callsites === "function") resourceClass.callsites = () => [];
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
    job = currentJob;
    process.chdir(currentJob.projectDir);
    // The SDK reads its settings and config from the environment when it first loads.
    for (const key of ["PULUMI_NODEJS_MONITOR", "PULUMI_NODEJS_ENGINE", "PULUMI_NODEJS_SYNC"]) delete process.env[key];
    process.env.PULUMI_CONFIG = JSON.stringify(currentJob.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(currentJob.secretKeys);
    process.env.PULUMI_NODEJS_ROOT_DIRECTORY = currentJob.projectDir;
    process.env.PULUMI_NODEJS_ORGANIZATION = currentJob.organization;

    const sdk = loadSdk(currentJob);
    await send({ kind: "ready", pulumiVersion: sdk.version, pulumiPath: sdk.dir });

    await sdk.pulumi.runtime.setMocks(
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
    if (!monitor) throw new Error(`@pulumi/pulumi ${sdk.version} at ${sdk.dir} did not install a mock monitor; the plan needs @pulumi/pulumi 3.x.`);
    interceptMonitor(monitor, currentJob);
    skipSdkDebugBookkeeping(sdk);

    programStarted = true;
    await sdk.stack.runInPulumiStack(() => runMain(currentJob));
    await sdk.settings.waitForRPCs();
    // A rejection nobody handled (say, a resource whose input came from a failed invoke) is
    // reported once the microtask queue drains; give it that turn before calling the run done.
    await new Promise((resolve) => setImmediate(resolve));
    if (failing) return;
    finished = true;
    flush();
    await send({ kind: "done" });
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
        if (job && !finished) {
            void fail(
                new Error(
                    "The program stopped with work unfinished: some promise or output never settled " +
                        "(an apply that never returns, a promise nobody resolves, or resources that depend on each other in a cycle).",
                ),
                "unsettled",
            );
        }
    });
    process.once("message", (message: ParentMessage) => {
        if (message.kind !== "run") return;
        process.channel?.unref();
        run(message.job).catch((error) => void fail(error));
    });
}
