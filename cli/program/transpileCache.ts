// A disk cache in front of the program's own ts-node: the same compiler, the same options, the same
// output, computed once per file content instead of on every plan.
//
// The Pulumi CLI's Node.js host transpiles a TypeScript program with ts-node on every run, and so
// does the plan (program/sdkLoader.ts registers the project's ts-node). On this repository's program that
// was about 0.4 s of the program child's CPU, on the critical path of every plan: the program can't
// register anything before it has loaded. ts-node's output is a pure function of the source, the
// file name, and ts-node's resolved options and versions, so it is cached under that key.
//
// Stack traces stay right: ts-node maps them through source-map-support, reading each compiled
// file from its own in-memory cache, which a cache hit never fills. So the cached output (which
// carries its inline source map) is handed to source-map-support through a file handler of its own.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { safeFiles } from "../binModules";

/** What this module needs of a ts-node service (ts-node 10's `register()` result). */
interface TsNodeService {
    compile(code: string, fileName: string, lineOffset?: number): string;
    readonly ts?: { readonly version?: string };
    readonly config?: { readonly options?: unknown };
    readonly options?: unknown;
}

interface SourceMapSupport {
    install(options: { retrieveFile?: (path: string) => string | null | undefined }): void;
}

/** Bumped when the key or the entry format changes. */
const FORMAT = "2";

const normalize = (file: string) => file.replace(/\\/g, "/");

/**
 * The `type` of the package a file belongs to: under `module: nodenext` ts-node emits CommonJS or an
 * ES module by it, so it is part of the key.
 */
function packageTypeOf(fileName: string, byDir: Map<string, string>): string {
    const visited: string[] = [];
    let type = "";
    for (let dir = path.dirname(fileName); ; dir = path.dirname(dir)) {
        const known = byDir.get(dir);
        if (known !== undefined) {
            type = known;
            break;
        }
        visited.push(dir);
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest)) {
            try {
                type = String((JSON.parse(fs.readFileSync(manifest, "utf8")) as { type?: unknown }).type ?? "");
            } catch {
                type = "?";
            }
            break;
        }
        if (path.dirname(dir) === dir) break;
    }
    for (const dir of visited) byDir.set(dir, type);
    return type;
}

/**
 * Wraps `service.compile` with the cache in `cacheDir`. Does nothing (the program still compiles,
 * uncached) when the service or ts-node's source-map-support isn't the shape this expects.
 * Returns whether the cache is in use.
 */
export function cacheTsNodeOutput(service: unknown, tsNodePath: string, cacheDir: string): boolean {
    const candidate = service as Partial<TsNodeService> | undefined;
    if (!candidate || typeof candidate.compile !== "function") return false;
    let sourceMapSupport: SourceMapSupport;
    let tsNodeVersion: string;
    try {
        const from = { paths: [path.dirname(tsNodePath)] };
        sourceMapSupport = require(require.resolve("@cspotcode/source-map-support", from)) as SourceMapSupport;
        tsNodeVersion = (require(require.resolve("ts-node/package.json", from)) as { version: string }).version;
    } catch {
        return false;
    }
    const compile = candidate.compile.bind(candidate);
    const keyPrefix = createHash("sha256")
        .update(`${FORMAT}\0${tsNodeVersion}\0${candidate.ts?.version ?? "?"}\0${JSON.stringify(candidate.config?.options ?? null)}\0${JSON.stringify(candidate.options ?? null)}`)
        .digest("hex");

    // Compiled files this process loaded from the cache, for stack traces.
    const loaded = new Map<string, string>();
    const packageTypes = new Map<string, string>();
    sourceMapSupport.install({ retrieveFile: (file) => loaded.get(normalize(file)) ?? "" });

    (candidate as TsNodeService).compile = (code: string, fileName: string, lineOffset?: number): string => {
        // A line offset is ts-node's REPL; nothing to cache.
        if (lineOffset) return compile(code, fileName, lineOffset);
        const key = createHash("sha256").update(`${keyPrefix}\0${packageTypeOf(fileName, packageTypes)}\0${fileName}\0${code}`).digest("hex");
        const entry = path.join(cacheDir, `${key}.js`);
        // Checked against its key: an edited entry is recompiled, never run.
        let output = safeFiles.readCacheEntry(entry, key);
        if (output !== undefined) {
            loaded.set(normalize(fileName), output);
            return output;
        }
        // A compile error throws here, so only successful output is ever cached.
        output = compile(code, fileName);
        // A read-only cache just compiles every time.
        safeFiles.writeCacheEntry(entry, key, output);
        return output;
    };
    return true;
}
