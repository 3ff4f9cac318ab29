// What the program child process and the plan exchange. Everything is plain JSON: properties keep
// Pulumi's wire form (secret markers and unknown sentinels).
//
// Two channels. Control messages (`run`, `ready`, `failed`, `done`) go over Node's IPC channel.
// Captured resources go over their own pipe (the child's RESOURCE_STREAM_FD) as frames written
// with blocking writes: the SDK registers a large program's resources in one long burst of
// microtasks, during which the child's event loop never runs, so data queued on the IPC channel
// only left the child after the program had finished (bench/CHANGES.md) and the pack could not
// analyze anything while the program ran. A frame is a 4-byte big-endian length and
// a v8-serialized `CapturedResource[]`. The parent has read every frame once the child's stdio has
// closed (ChildProcess "close"), so frames always land before it acts on `done` or `failed`.

/** Pulumi's wire marker: an object with this key is a special value (secret, asset, ...). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The value of SPECIAL_SIG_KEY on a secret; its plaintext is under `value`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** A value not known until the deployment runs (an output of a resource not yet created). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One RegisterResource (or ReadResource) request as the engine would have received it. */
export interface CapturedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** False for component resources (and the root Stack). */
    readonly custom: boolean;
    /** True for a `.get()` of an existing resource: read, never created, deleted or analyzed. */
    readonly read?: boolean;
    readonly parent?: string;
    /** Inputs in wire form: secrets as `{[SPECIAL_SIG_KEY]: SECRET_SIG, value}`, unknowns as UNKNOWN_VALUE. */
    readonly properties: Record<string, unknown>;
    readonly protect?: boolean;
    readonly retainOnDelete?: boolean;
    readonly deleteBeforeReplace?: boolean;
    readonly ignoreChanges?: readonly string[];
    readonly replaceOnChanges?: readonly string[];
    readonly additionalSecretOutputs?: readonly string[];
    /** The `import` option: the id of an existing resource to adopt. */
    readonly importId?: string;
    /** The id given to `.get()`. */
    readonly readId?: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /**
     * Provider reference `urn::id`: the explicit provider the program named, or, once the plan has
     * played the engine's part (defaultProviders.ts), the package's default provider.
     */
    readonly provider?: string;
    /** The package version the SDK asked for (`version` option; @pulumi/auth0 always sends its own), which names a default provider. */
    readonly version?: string;
    /** The `pluginDownloadURL` option, which also names a default provider. */
    readonly pluginDownloadURL?: string;
    readonly deletedWith?: string;
    readonly aliases?: readonly string[];
}

/** What the plan tells the child to run. */
export interface ProgramJob {
    readonly projectDir: string;
    readonly projectName: string;
    readonly stack: string;
    readonly organization: string;
    /** Absolute path of the program's entry file. */
    readonly mainPath: string;
    /** The program's working directory: the project directory, or Pulumi.yaml `main`'s directory (project.ts programDirectory). */
    readonly programDir: string;
    /** Whether .ts files are compiled (Pulumi.yaml `runtime.options.typescript`, on by default). */
    readonly typescript: boolean;
    /** The tsconfig the program is compiled with, when there is one. */
    readonly tsconfigPath?: string;
    /** `"module"` when the project's package.json says `"type": "module"`. */
    readonly moduleType: "commonjs" | "module";
    /** Namespaced config keys to their string values, as the CLI passes them in PULUMI_CONFIG. */
    readonly config: Readonly<Record<string, string>>;
    readonly secretKeys: readonly string[];
    /** Where the program's ts-node output is cached by content (transpileCache.ts); none: not cached. */
    readonly transpileCacheDir?: string;
}

export interface ProgramFailure {
    /** "threw": the program's own error; "unsettled": it stopped with work pending; "setup": it could not be started. */
    readonly kind: "threw" | "unsettled" | "setup";
    readonly message: string;
    /** `file:line:column` in the program (relative to the project) where it failed, when found. */
    readonly location?: string;
    /** The full stack, for --verbose. */
    readonly stack?: string;
}

/** Calls of one data source function from one place in the program; each was answered "unknown". */
export interface DataSourceCall {
    /** The function's Pulumi token, e.g. `auth0:index/getClient:getClient`. */
    readonly token: string;
    /** `file:line:column` in the program (relative to the project), when found. */
    readonly location?: string;
    readonly count: number;
}

export type ChildMessage =
    | { readonly kind: "ready"; readonly pulumiVersion: string; readonly pulumiPath: string }
    | { readonly kind: "done"; readonly dataSources: readonly DataSourceCall[] }
    | { readonly kind: "failed"; readonly failure: ProgramFailure };

/** The child's file descriptor for resource frames (stdio index 4: after stdin, stdout, stderr, IPC). */
export const RESOURCE_STREAM_FD = 4;

/** Bytes of a frame's length prefix. */
export const FRAME_HEADER_BYTES = 4;

export type ParentMessage = { readonly kind: "run"; readonly job: ProgramJob };
