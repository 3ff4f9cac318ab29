// This package's own policy pack, run as JavaScript in a development checkout.
//
// run-policy-pack registers ts-node with type-checking for every pack it starts, so a TypeScript
// pack spends seconds of CPU per plan before it can answer (bench/CHANGES.md): the pack's type
// errors are found that way on every start. For its OWN pack the plan does better: the pack's
// sources are transpiled once, without type-checking, into a directory of the content cache
// (cli/bin/content-cache.js, node_modules/.cache/auth0-m2m-plan/policy-pack/<key>), and
// run-policy-pack runs that JavaScript copy. Type errors in the pack are `npm test`'s job (tsc
// covers policy-pack/, and test/policy-pack/engine.process.test.ts starts the pack as the engine
// does, type-checked). A pack given with --policy-pack is never touched: it runs in its own
// directory exactly as the engine runs it.
import * as fs from "node:fs";
import * as path from "node:path";
import { contentCache } from "../binModules";

/** Bumped when what this module writes, or the options it adds, change: older entries are not reused. */
const LAYOUT_VERSION = "3";
/** Cache entries kept; older ones (by last use) are removed. */
const KEEP_ENTRIES = 8;

/** The pack's files, relative to its directory and sorted: everything but node_modules and dot entries. */
export function packFiles(packDir: string): string[] {
    const files: string[] = [];
    const walk = (relative: string) => {
        for (const entry of fs.readdirSync(path.join(packDir, relative), { withFileTypes: true })) {
            if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
            const child = relative ? path.join(relative, entry.name) : entry.name;
            if (entry.isDirectory()) walk(child);
            else if (entry.isFile()) files.push(child);
        }
    };
    walk("");
    return files.sort();
}

/** The TypeScript sources the compiled copy is made of (`.ts`, not declarations). */
export function packSources(packDir: string): string[] {
    return packFiles(packDir).filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"));
}

/** Whether `packDir` is a TypeScript pack this module can compile: CommonJS, with an index.ts entry. */
export function isCompilableTypeScriptPack(packDir: string): boolean {
    const manifest = path.join(packDir, "package.json");
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml")) || !fs.existsSync(manifest)) return false;
    const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { type?: string; main?: string };
    // An ES module pack, or one whose entry isn't index.ts, runs as the engine runs it.
    if (pkg.type === "module") return false;
    if (pkg.main !== undefined && path.normalize(pkg.main) !== "index.ts") return false;
    return fs.existsSync(path.join(packDir, "index.ts"));
}

type TypeScript = typeof import("typescript");

function compilerOptions(ts: TypeScript, packDir: string): import("typescript").CompilerOptions {
    const tsconfigPath = path.join(packDir, "tsconfig.json");
    let options: import("typescript").CompilerOptions = {};
    if (fs.existsSync(tsconfigPath)) {
        const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
        if (read.error) throw new Error(`${tsconfigPath}: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
        options = ts.parseJsonConfigFileContent(read.config, ts.sys, packDir, undefined, tsconfigPath).options;
    }
    return {
        ...options,
        // The pack's package.json has no "type": "module", so Node runs it as CommonJS, as the engine does.
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        // Stack traces name the TypeScript lines (run-policy-pack registers source-map-support).
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: true,
        declaration: false,
        noEmit: false,
    };
}

/**
 * The directory to run `packDir` from: a transpiled copy in `cacheRoot`, made on first use and
 * reused while the pack's files, the compiler and its options are unchanged. Safe for plans that
 * run at once: an entry appears whole or not at all.
 */
export function compiledPolicyPack(packDir: string, cacheRoot: string): string {
    const typescriptPath = require.resolve("typescript", { paths: [packDir, __dirname] });
    // The key needs the compiler's version, not the compiler: loading it costs a plan CPU time.
    const typescriptVersion = (JSON.parse(fs.readFileSync(path.join(path.dirname(typescriptPath), "..", "package.json"), "utf8")) as { version: string })
        .version;
    const cache = contentCache.openContentCache(cacheRoot, { version: `${LAYOUT_VERSION}\0${typescriptVersion}`, keep: KEEP_ENTRIES });
    let ts: TypeScript | undefined;
    const parts: (string | Buffer)[] = [];
    const contents = new Map<string, Buffer>();
    for (const file of packFiles(packDir)) {
        const content = fs.readFileSync(path.join(packDir, file));
        contents.set(file, content);
        parts.push(`${file}\0${content.length}`, content);
    }
    // The options follow from the pack's tsconfig.json (one of its files, so in the key already),
    // unless it extends another file: then the resolved options go into the key too.
    const tsconfig = contents.get("tsconfig.json")?.toString("utf8");
    if (tsconfig !== undefined && /"extends"/.test(tsconfig)) {
        ts = require(typescriptPath) as TypeScript;
        parts.push(JSON.stringify(compilerOptions(ts, packDir)));
    }
    // Checked file by file against its key before every use: an edited compiled rule once turned
    // an escalation grant into a PASS. An entry that fails the check is rebuilt.
    return cache.directory(cache.key(...parts), (staging) => {
        ts ??= require(typescriptPath) as TypeScript;
        const options = compilerOptions(ts, packDir);
        for (const [file, content] of contents) {
            const isSource = file.endsWith(".ts") && !file.endsWith(".d.ts");
            const target = path.join(staging, isSource ? file.replace(/\.ts$/, ".js") : file);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            if (!isSource) {
                // The copy is JavaScript: the pack's tsconfig would only make ts-node parse it for nothing.
                if (file === "tsconfig.json") continue;
                fs.writeFileSync(target, content);
                continue;
            }
            const output = ts.transpileModule(content.toString("utf8"), { compilerOptions: options, fileName: path.join(packDir, file) });
            fs.writeFileSync(target, output.outputText);
        }
        // A pack with its own dependencies resolves them from its own node_modules, as in place.
        if (fs.existsSync(path.join(packDir, "node_modules"))) fs.symlinkSync(path.join(packDir, "node_modules"), path.join(staging, "node_modules"), "dir");
    });
}
