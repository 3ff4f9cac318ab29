// Loads the @pulumi/pulumi the PROJECT resolves (a consumer has its own node_modules, and resources
// only register with the SDK copy the program imports), registers the program's TypeScript
// compiler, and turns off SDK bookkeeping a plan does not need. Runs in the program child.
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as url from "node:url";
import type { ProgramJob } from "./protocol";
import { type SdkSettings, unsupportedSdkMessage } from "./sdkEntryPoints";
import { cacheTsNodeOutput } from "./transpileCache";

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

export interface Sdk {
    readonly pulumi: typeof import("@pulumi/pulumi");
    /** `runtime/settings`: internal to the SDK, so typed here; what differs by release is optional. */
    readonly settings: SdkSettings;
    readonly stack: { runInPulumiStack?(init: () => Promise<unknown>): Promise<unknown> };
    /** `runtime/invoke`, whose exports the SDK's own callers read at each call. */
    readonly invoke: Record<string, unknown>;
    readonly debuggable: { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
    readonly version: string;
    readonly dir: string;
}

export function loadSdk(currentJob: ProgramJob): Sdk {
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
    const version = (sdkModule("package.json") as { version: string }).version;
    // Before anything of the SDK loads: a 2.x runtime differs too much to guess at.
    const unsupported = unsupportedSdkMessage(version, dir);
    if (unsupported) throw new Error(unsupported);
    if (currentJob.typescript) registerTypeScript(currentJob, dir);
    return {
        pulumi: require(entry),
        settings: sdkModule("runtime/settings"),
        stack: sdkModule("runtime/stack"),
        invoke: sdkModule("runtime/invoke"),
        debuggable: sdkModule("runtime/debuggable"),
        version,
        dir,
    };
}

/**
 * Two SDK habits that cost more than the program itself on large plans, neither of which a plan
 * needs (figures in bench/CHANGES.md):
 * - every tracked promise gets a second promise chain and a formatted stack trace, kept for a leak
 *   report at exit; the plan detects unsettled work itself (see main's beforeExit);
 * - every resource records its declaration site from an unlimited, source-mapped stack trace.
 */
export function skipSdkDebugBookkeeping(sdk: Sdk): void {
    sdk.debuggable.debuggablePromise = <T>(promise: Promise<T>): Promise<T> => promise;
    const resourceClass = sdk.pulumi.Resource as unknown as { callsites?: () => unknown[] };
    if (typeof resourceClass.callsites === "function") resourceClass.callsites = () => [];
}
