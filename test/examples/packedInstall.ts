// Helpers for the consumer test: build and pack the package as a release does, and lay out an
// "installed" copy without a registry install. The tarball is extracted as a real directory (Node
// resolves a package's own requires from its realpath, so a symlinked package would find the
// repository's node_modules and prove nothing); its dependencies are symlinks to the repository's
// installed copies, which resolve their own dependencies from there, as a hoisted install would,
// except those that depend on the SDK, which are copied so that they resolve the consumer's.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { installClosure, lockedDependencies } from "./dependencyChecks";

const run = promisify(execFile);

export interface Packed {
    /** The tarball's name, as `npm pack` wrote it. */
    readonly filename: string;
    /** The extracted package: a real directory with the tarball's files. */
    readonly dir: string;
    /** The tarball's files, as `npm pack` listed them, sorted. */
    readonly files: string[];
    /** Each file's mode in the tarball, as `npm pack` wrote it. */
    readonly modes: Record<string, number>;
}

interface PackJson {
    name: string;
    filename: string;
    files: { path: string; mode: number }[];
}

/**
 * `npm run build` once, then one `npm pack --ignore-scripts` of the package and of the pack it built
 * (dist/policy-pack), so npm itself decides what each tarball holds. `prepack` is `npm run build`
 * (the test checks that), so this is the build `npm pack` would run, without running it twice.
 * Each tarball is extracted under `into/<name>`.
 */
export async function buildAndPack(repo: string, into: string): Promise<{ library: Packed; pack: Packed }> {
    await run("npm", ["run", "build", "--silent"], { cwd: repo, timeout: 180_000 });
    const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", into, ".", "./dist/policy-pack"], {
        cwd: repo,
        timeout: 60_000,
    });
    const [library, pack] = await Promise.all((JSON.parse(stdout) as PackJson[]).map((packed) => extract(packed, into)));
    return { library, pack };
}

async function extract(packed: PackJson, into: string): Promise<Packed> {
    const dir = path.join(into, packed.name);
    fs.mkdirSync(dir, { recursive: true });
    await run("tar", ["-xzf", path.join(into, packed.filename), "-C", dir, "--strip-components=1"]);
    return {
        filename: packed.filename,
        dir,
        files: packed.files.map((f) => f.path).sort(),
        modes: Object.fromEntries(packed.files.map((f) => [f.path, f.mode])),
    };
}

/** Puts the extracted package at `nodeModules/<name>` (moved, so it stays a real directory). */
function placePackage(packed: Packed, nodeModules: string, name: string): string {
    const target = path.join(nodeModules, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(packed.dir, target);
    return target;
}

/** Symlinks each `name -> dir` into `nodeModules`, as a hoisted install places them. */
function linkPackages(nodeModules: string, packages: Record<string, string>): void {
    for (const [name, dir] of Object.entries(packages)) {
        if (!fs.existsSync(path.join(dir, "package.json"))) throw new Error(`${name}: ${dir} is not an installed package; run npm ci in the repository`);
        const link = path.join(nodeModules, name);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(dir, link, "dir");
    }
}

/** Symlinks `names` from the repository's node_modules into `nodeModules`. */
export function linkInstalled(repo: string, nodeModules: string, names: Iterable<string>): void {
    linkPackages(nodeModules, Object.fromEntries([...names].map((name) => [name, path.join(repo, "node_modules", name)])));
}

/**
 * Copies `names` from the repository's node_modules into `nodeModules` as real directories, so
 * their own requires resolve from `nodeModules` (a symlinked package would resolve from the
 * repository, and so find the repository's @pulumi/pulumi rather than the consumer's).
 */
function copyInstalled(repo: string, nodeModules: string, names: Iterable<string>): void {
    for (const name of names) fs.cpSync(path.join(repo, "node_modules", name), path.join(nodeModules, name), { recursive: true });
}

const SDK = "@pulumi/pulumi";

/**
 * A consumer's node_modules as a hoisted `npm install` lays it out, without the registry: the
 * package as a real directory, `names` (its dependencies and peers, the consumer's own) beside it,
 * and @pulumi/pulumi from `sdkDir`. The packages that depend on the SDK are copied, their other
 * dependencies linked beside them, so that they use that SDK; every linked package is checked, by
 * the lockfile, not to bring an SDK of its own. So there is one copy, as npm's peer placement gives.
 * Returns the package's directory.
 */
export function installConsumer(repo: string, nodeModules: string, library: Packed, names: string[], sdkDir: string): string {
    const lockfile = path.join(repo, "package-lock.json");
    const hoisted = new Set(names.filter((name) => name !== SDK));
    const sdkUsers = [...hoisted].filter((name) => installClosure(lockfile, [name]).has(SDK));
    copyInstalled(repo, nodeModules, sdkUsers);
    const linked = new Set([...hoisted, ...sdkUsers.flatMap((name) => lockedDependencies(lockfile, name))].filter((name) => name !== SDK && !sdkUsers.includes(name)));
    const withSdk = [...linked].filter((name) => installClosure(lockfile, [name]).has(SDK));
    if (withSdk.length > 0) throw new Error(`${withSdk.join(", ")} would bring the repository's own ${SDK}; copy them instead of linking`);
    linkInstalled(repo, nodeModules, linked);
    linkPackages(nodeModules, { [SDK]: sdkDir });
    return placePackage(library, nodeModules, "auth0-m2m");
}

/** The names under a package.json's `dependencies` and `peerDependencies` (and `devDependencies` if asked). */
export function declaredNames(manifest: Record<string, any>, withDev = false): string[] {
    const fields = withDev ? ["dependencies", "peerDependencies", "devDependencies"] : ["dependencies", "peerDependencies"];
    return fields.flatMap((field) => Object.keys(manifest[field] ?? {}));
}

/**
 * A `--require` preload that makes `names` (and their subpaths) unresolvable, as they are where
 * they were never installed. A process started with it finds only what its own declarations bring,
 * even though the symlinked dependencies' realpaths sit beside the repository's dev tools. Each
 * refused request is appended to `<file>.log`, so a test can see the refusal happened.
 */
export function writeModuleBlocker(file: string, names: string[]): string {
    fs.writeFileSync(
        file,
        [
            '"use strict";',
            'const Module = require("node:module");',
            `const blocked = ${JSON.stringify(names)};`,
            `const record = ${JSON.stringify(`${file}.log`)};`,
            "const resolve = Module._resolveFilename;",
            "Module._resolveFilename = function (request, ...rest) {",
            '    if (blocked.some((name) => request === name || request.startsWith(name + "/"))) {',
            '        require("node:fs").appendFileSync(record, request + "\\n");',
            "        const error = new Error(`Cannot find module '${request}' (not installed in this test)`);",
            '        error.code = "MODULE_NOT_FOUND";',
            "        throw error;",
            "    }",
            "    return resolve.call(this, request, ...rest);",
            "};",
            "",
        ].join("\n"),
    );
    return file;
}
