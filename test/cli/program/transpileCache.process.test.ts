// The program's ts-node output, cached by content (cli/program/transpileCache.ts): a cache hit must
// give the program exactly what ts-node gave, and stack traces must still point at the TypeScript
// lines, which ts-node maps from its own in-memory cache that a hit never fills. Each run is a
// fresh process, as a plan's program child is.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-transpile-cache-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Types and blank lines make the JavaScript's lines differ from the TypeScript's.
const PROGRAM = [
    "interface Limits {",
    "    readonly seconds: number;",
    "}",
    "",
    "const limits: Limits = { seconds: 3600 };",
    "export const doubled: number = limits.seconds * 2;",
    "",
    "type Unused = { readonly x: string };",
    "function fail(reason: string): never {",
    '    throw new Error(`refused: ${reason}`);',
    "}",
    'fail("the test");',
].join("\n");

/** Loads `file` in a new process through ts-node with the cache in `cacheDir`; reports what happened. */
function loadThroughCache(file: string, cacheDir: string, module = "commonjs"): { used: boolean; frame: string; entries: number } {
    const script = `
        const { loadPlanModule, stopCompilingPlanSources } = require(${JSON.stringify(path.join(ROOT, "cli", "bin", "load.js"))});
        const { cacheTsNodeOutput } = loadPlanModule("program/transpileCache");
        stopCompilingPlanSources();
        const tsNodePath = require.resolve("ts-node", { paths: [${JSON.stringify(ROOT)}] });
        const service = require(tsNodePath).register({
            transpileOnly: true,
            skipProject: true,
            compilerOptions: { target: "ES2020", module: ${JSON.stringify(module)}, moduleResolution: "node", sourceMap: true },
        });
        const used = cacheTsNodeOutput(service, tsNodePath, ${JSON.stringify(cacheDir)});
        try {
            require(${JSON.stringify(file)});
        } catch (error) {
            const frame = error.stack.split("\\n").find((line) => line.includes(${JSON.stringify(path.basename(file))}));
            process.stdout.write(JSON.stringify({ used, frame: frame.trim() }));
        }
    `;
    const result = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as { used: boolean; frame: string };
    return { ...result, entries: fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).length : 0 };
}

describe("the program's transpile cache", () => {
    it("compiles once, maps stack traces to the TypeScript lines on a hit, and keys entries by content and options", () => {
        const file = path.join(tmp, "program.ts");
        fs.writeFileSync(file, PROGRAM);
        const cache = path.join(tmp, "cache");
        const where = `${file}:10:11`;

        const miss = loadThroughCache(file, cache);
        expect(miss).toEqual({ used: true, frame: `at fail (${where})`, entries: 1 });
        const hit = loadThroughCache(file, cache);
        expect(hit).toEqual({ used: true, frame: `at fail (${where})`, entries: 1 });

        fs.writeFileSync(file, `${PROGRAM}\n// changed\n`);
        expect(loadThroughCache(file, cache).entries).toBe(2);
        expect(loadThroughCache(file, cache, "es2015").entries).toBe(3);
    }, 20_000);
});
