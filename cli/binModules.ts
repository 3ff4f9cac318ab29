// The plain JavaScript modules under cli/bin/ (loaded before any TypeScript can be, or by
// processes that run no TypeScript), typed for the plan's TypeScript side. Found next to the
// sources (cli/) or, from the compiled package (dist/cli/), in the package's cli/bin/.
import * as fs from "node:fs";
import * as path from "node:path";

export function binModulePath(file: string): string {
    const candidates = [path.resolve(__dirname, "bin", file), path.resolve(__dirname, "..", "..", "cli", "bin", file)];
    return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/** cli/bin/safe-files.js: exclusive-create file replacement. */
export interface SafeFiles {
    replaceFile(file: string, data: string | Iterable<string>, mode?: number): void;
}

export const safeFiles = require(binModulePath("safe-files.js")) as SafeFiles;

/** One content-addressed cache directory (cli/bin/content-cache.js). */
export interface ContentCache {
    readonly dir: string;
    /** The key of content made of `parts`, under the cache's version. */
    key(...parts: (string | Uint8Array)[]): string;
    /** The text stored under `key`, else `make()`'s, stored. A `make` that throws stores nothing. */
    text(key: string, make: () => string): string;
    /** The directory stored under `key`, else one `build(staging)` fills, sealed and renamed into place. */
    directory(key: string, build: (staging: string) => void): string;
}

/** cli/bin/content-cache.js: the one cache behind every compiled copy the plan keeps. */
export interface ContentCacheModule {
    openContentCache(dir: string, options: { readonly version: string; readonly keep: number }): ContentCache;
    readCacheEntry(file: string, key: string): string | undefined;
    isSealedDirectory(dir: string, key: string): boolean;
}

export const contentCache = require(binModulePath("content-cache.js")) as ContentCacheModule;
