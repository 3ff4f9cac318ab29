// The plain JavaScript modules under cli/bin/ (loaded before any TypeScript can be, or by
// processes that run no TypeScript), typed for the plan's TypeScript side. Found next to the
// sources (cli/) or, from the compiled package (dist/cli/), in the package's cli/bin/.
import * as fs from "node:fs";
import * as path from "node:path";

export function binModulePath(file: string): string {
    const candidates = [path.resolve(__dirname, "bin", file), path.resolve(__dirname, "..", "..", "cli", "bin", file)];
    return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/** cli/bin/safe-files.js: exclusive-create file replacement and cache entries checked against their key. */
export interface SafeFiles {
    replaceFile(file: string, data: string | Iterable<string>, mode?: number): void;
    readCacheEntry(file: string, key: string): string | undefined;
    writeCacheEntry(file: string, key: string, content: string): boolean;
    sealDirectory(dir: string, key: string): void;
    isSealedDirectory(dir: string, key: string): boolean;
}

export const safeFiles = require(binModulePath("safe-files.js")) as SafeFiles;
