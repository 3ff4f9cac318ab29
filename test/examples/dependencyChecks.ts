// Static stand-ins for what a registry install proved in the consumer test: which packages the
// shipped JavaScript requires, and what installing a set of packages at the lockfile's versions
// brings with it.
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { isBuiltin, packageOf } from "../support/packageSpecifiers";


/**
 * Every bare `require(...)`/`import ...`/`import(...)` in `files` (under `root`) that is not a Node
 * builtin, as `package -> files that require it`. TypeScript's own pre-processor reads them, so
 * comments and strings are not mistaken for requires. `require.resolve` calls are not requires:
 * the CLI uses them to look for the project's optional tools (typescript, ts-node) and handles
 * their absence.
 */
export function requiredPackages(root: string, files: string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const file of files) {
        const text = fs.readFileSync(path.join(root, file), "utf8");
        for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
            if (fileName.startsWith(".") || path.isAbsolute(fileName) || isBuiltin(fileName)) continue;
            const name = packageOf(fileName);
            found.set(name, [...(found.get(name) ?? []), file]);
        }
    }
    return found;
}

/** The `dependencies` of the top-level `name` in a lockfile (v2/v3 `packages`) that it takes from the top level, not nested under it. */
export function lockedDependencies(lockfile: string, name: string): string[] {
    const packages = readPackages(lockfile);
    const key = `node_modules/${name}`;
    if (!packages[key]) throw new Error(`${lockfile}: no entry for ${name}`);
    return Object.keys(packages[key].dependencies ?? {}).filter((dependency) => !packages[`${key}/node_modules/${dependency}`]);
}

const parsed = new Map<string, Record<string, LockEntry>>();

function readPackages(lockfile: string): Record<string, LockEntry> {
    let packages = parsed.get(lockfile);
    if (!packages) {
        packages = (JSON.parse(fs.readFileSync(lockfile, "utf8")) as { packages: Record<string, LockEntry> }).packages;
        parsed.set(lockfile, packages);
    }
    return packages;
}

interface LockEntry {
    version?: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
}

/**
 * The packages an install of `roots` brings, by the lockfile's (v2/v3 `packages`) tree: each
 * package's `dependencies` and `optionalDependencies`, resolved as Node does, from the package's
 * own node_modules up to the top. Peer dependencies are left out, as `npm install --omit=peer`
 * leaves them.
 */
export function installClosure(lockfile: string, roots: string[]): Set<string> {
    const packages = readPackages(lockfile);
    const seen = new Set<string>();
    const names = new Set<string>();
    const visit = (from: string, name: string, optional: boolean) => {
        let dir = from;
        for (;;) {
            const key = `${dir ? `${dir}/` : ""}node_modules/${name}`;
            if (packages[key]) {
                if (seen.has(key)) return;
                seen.add(key);
                names.add(name);
                const entry = packages[key];
                for (const dependency of Object.keys(entry.dependencies ?? {})) visit(key, dependency, false);
                for (const dependency of Object.keys(entry.optionalDependencies ?? {})) visit(key, dependency, true);
                return;
            }
            if (!dir && optional) return;
            if (!dir) throw new Error(`${lockfile}: ${name} (needed by ${from || "the root"}) has no entry`);
            const parent = dir.lastIndexOf("/node_modules/");
            dir = parent < 0 ? "" : dir.slice(0, parent);
        }
    };
    for (const root of roots) visit("", root, false);
    return names;
}
