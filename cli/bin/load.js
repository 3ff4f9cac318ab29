"use strict";
// Loads a module of the plan: the TypeScript source in a development checkout, transpiled without
// type-checking (type errors are `tsc`'s job, not the CLI's), or the compiled JavaScript under
// dist/ in the published package, which ships no sources.
//
// Source is transpiled with TypeScript's transpileModule and kept in the content cache
// (content-cache.js): ts-node has no cache, and transpiling the plan's modules on every start was
// most of its start-up time (bench/CHANGES.md).
const fs = require("node:fs");
const path = require("node:path");
const { openContentCache } = require("./content-cache");

const packageRoot = path.resolve(__dirname, "..", "..");
const cacheDir = path.join(packageRoot, "node_modules", ".cache", "auth0-m2m-plan", "cli");
/** Bumped when the compiler options below change. */
const OPTIONS_VERSION = "1";
/** Entries kept: several versions of every module of the CLI. */
const KEEP_ENTRIES = 500;
let sourceHook;

function loadPlanModule(name) {
    // Sources win where they exist: in a checkout, a dist/ left by `npm run build` may be stale.
    // The published package ships dist/ and no sources.
    const source = path.join(packageRoot, "cli", `${name}.ts`);
    if (!fs.existsSync(source)) return require(path.join(packageRoot, "dist", "cli", `${name}.js`));
    sourceHook ??= installSourceHook();
    return require(source);
}

/**
 * Stops transpiling this package's sources. The program child calls it once its own modules are
 * loaded: the program registers its own compiler with its own tsconfig, and two compilers
 * claiming one file would compile it twice and break its source map (so every reported line).
 */
function stopCompilingPlanSources() {
    if (sourceHook) sourceHook.enabled = false;
}

function installSourceHook() {
    const hook = { enabled: true };
    const typescriptPath = require.resolve("typescript", { paths: [packageRoot] });
    const typescriptVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(typescriptPath), "..", "package.json"), "utf8")).version;
    const cache = openContentCache(cacheDir, { version: `${OPTIONS_VERSION}\0${typescriptVersion}`, keep: KEEP_ENTRIES });
    let ts;
    const options = () => ({
        // What the root tsconfig means for this package's CommonJS sources.
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        resolveJsonModule: true,
        inlineSourceMap: true,
        inlineSources: true,
    });
    const ours = (filename) => filename.startsWith(packageRoot + path.sep) && !filename.includes(`${path.sep}node_modules${path.sep}`);
    const previous = require.extensions[".ts"];

    require.extensions[".ts"] = function (module, filename) {
        if (!hook.enabled || !ours(filename)) {
            if (previous) return previous(module, filename);
            // Someone else's compiler (registered after this hook) has patched _compile.
            return module._compile(fs.readFileSync(filename, "utf8"), filename);
        }
        const source = fs.readFileSync(filename, "utf8");
        const output = cache.text(cache.key(filename, source), () => {
            ts ??= require(typescriptPath);
            return ts.transpileModule(source, { compilerOptions: options(), fileName: filename }).outputText;
        });
        module._compile(output, filename);
    };
    // Stack traces of the plan's own code point at the TypeScript lines (inline source maps).
    process.setSourceMapsEnabled(true);
    return hook;
}

module.exports = { loadPlanModule, stopCompilingPlanSources, packageRoot };
