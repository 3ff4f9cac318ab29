// A disk cache in front of the program's own ts-node: the same compiler, the same options, the same
// output, computed once per file content instead of on every plan.
//
// The Pulumi CLI's Node.js host transpiles a TypeScript program with ts-node on every run, and so
// does the plan (program/sdkLoader.ts registers the project's ts-node). On this repository's program that
// was a large part of the program child's CPU, on the critical path of every plan: the program
// can't register anything before it has loaded (bench/CHANGES.md). ts-node's output is a pure
// function of the source, the file name, and ts-node's resolved options and versions, so it is kept
// in the content cache (cli/bin/content-cache.js) under that key.
//
// Stack traces stay right: ts-node maps them through source-map-support, reading each compiled
// file from its own in-memory cache, which a cache hit never fills. So the cached output (which
// carries its inline source map) is handed to source-map-support through a file handler of its own.
import * as fs from "node:fs";
import * as path from "node:path";
import { contentCache } from "../binModules";

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
const FORMAT = "3";
/** Entries kept: the modules of a few programs, in a few versions each. */
const KEEP_ENTRIES = 2_000;

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
    const version = `${FORMAT}\0${tsNodeVersion}\0${candidate.ts?.version ?? "?"}\0${JSON.stringify(candidate.config?.options ?? null)}\0${JSON.stringify(candidate.options ?? null)}`;
    const cache = contentCache.openContentCache(cacheDir, { version, keep: KEEP_ENTRIES });

    // Compiled files this process loaded from the cache, for stack traces.
    const loaded = new Map<string, string>();
    const packageTypes = new Map<string, string>();
    sourceMapSupport.install({ retrieveFile: (file) => loaded.get(normalize(file)) ?? "" });

    (candidate as TsNodeService).compile = (code: string, fileName: string, lineOffset?: number): string => {
        // A line offset is ts-node's REPL; nothing to cache.
        if (lineOffset) return compile(code, fileName, lineOffset);
        let compiled = false;
        // A compile error throws here, so only successful output is ever cached.
        const output = cache.text(cache.key(packageTypeOf(fileName, packageTypes), fileName, code), () => {
            compiled = true;
            return compile(code, fileName);
        });
        // ts-node keeps what it compiled for its own source maps; what came from the cache is ours to give.
        if (!compiled) loaded.set(normalize(fileName), output);
        return output;
    };
    return true;
}
