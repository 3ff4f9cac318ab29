// The plan runs this package's own TypeScript pack from a compiled, content-addressed copy instead
// of letting run-policy-pack type-check it on every start (cli/analyzer/ownPolicyPack.ts). These tests
// pin down what that copy is, when it is reused, and that a type error in the pack still fails
// `npm test`: tsc (its first step) checks every file the copy is compiled from.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { compiledPolicyPack, isCompilableTypeScriptPack, packSources } from "../../../cli/analyzer/ownPolicyPack";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PACK = path.join(ROOT, "policy-pack");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-own-pack-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A small TypeScript pack (its dependencies needn't resolve: compiling only transpiles). */
function writePack(dir: string, helper = "export const answer = (n: number): number => n * 2;\n"): string {
    fs.mkdirSync(path.join(dir, "lib"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tiny-pack", version: "1.0.0" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022" } }));
    fs.writeFileSync(path.join(dir, "index.ts"), 'import { answer } from "./lib/helper";\nimport type { Unused } from "./lib/types";\nexport const value: number = answer(21);\n');
    fs.writeFileSync(path.join(dir, "lib", "helper.ts"), helper);
    fs.writeFileSync(path.join(dir, "lib", "types.ts"), "export interface Unused { readonly x: number }\n");
    fs.writeFileSync(path.join(dir, "lib", "data.json"), '{"kept": true}\n');
    return dir;
}

describe("the compiled copy of a TypeScript pack", () => {
    it("is JavaScript beside the pack's manifest and other files, with no tsconfig", () => {
        const pack = writePack(path.join(tmp, "pack-a"));
        const copy = compiledPolicyPack(pack, path.join(tmp, "cache-a"));
        const files = (dir: string): string[] =>
            fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
        expect(files(copy).sort()).toEqual([".auth0-m2m-plan-manifest", "PulumiPolicy.yaml", "index.js", "lib/data.json", "lib/helper.js", "lib/types.js", "package.json"]);
        const index = fs.readFileSync(path.join(copy, "index.js"), "utf8");
        expect(index).toContain('require("./lib/helper")');
        // Type-only imports vanish; source maps point at the TypeScript.
        expect(index).not.toContain("./lib/types");
        expect(index).toContain("sourceMappingURL=data:application/json;base64,");
        const exports: Record<string, unknown> = {};
        new Function("exports", "require", fs.readFileSync(path.join(copy, "lib", "helper.js"), "utf8"))(exports, require);
        expect((exports.answer as (n: number) => number)(21)).toBe(42);
    });

    it("is reused while the pack is unchanged and made anew when any file changes", () => {
        const pack = writePack(path.join(tmp, "pack-b"));
        const cache = path.join(tmp, "cache-b");
        const first = compiledPolicyPack(pack, cache);
        expect(compiledPolicyPack(pack, cache)).toBe(first);
        writePack(pack, "export const answer = (n: number): number => n * 3;\n");
        const second = compiledPolicyPack(pack, cache);
        expect(second).not.toBe(first);
        expect(fs.readFileSync(path.join(second, "lib", "helper.js"), "utf8")).toContain("n * 3");
        // Nothing half-written is left beside the entries.
        expect(fs.readdirSync(cache).filter((name) => name.includes(".tmp-"))).toEqual([]);
    });

    it("is checked before every use: an edited, added or removed file gets the copy rebuilt, never run", () => {
        const pack = writePack(path.join(tmp, "pack-poisoned"));
        const cache = path.join(tmp, "cache-poisoned");
        const copy = compiledPolicyPack(pack, cache);
        const helper = path.join(copy, "lib", "helper.js");
        const original = fs.readFileSync(helper, "utf8");
        for (const poison of [
            () => fs.writeFileSync(helper, original.replace("n * 2", "0")),
            () => fs.writeFileSync(path.join(copy, "lib", "extra.js"), "module.exports = 1;\n"),
            () => fs.rmSync(path.join(copy, "lib", "types.js")),
        ]) {
            poison();
            expect(compiledPolicyPack(pack, cache)).toBe(copy);
            expect(fs.readFileSync(helper, "utf8")).toBe(original);
            expect(fs.existsSync(path.join(copy, "lib", "extra.js"))).toBe(false);
            expect(fs.existsSync(path.join(copy, "lib", "types.js"))).toBe(true);
        }
    });

    it("keeps the eight most recently used entries", () => {
        const pack = writePack(path.join(tmp, "pack-c"));
        const cache = path.join(tmp, "cache-c");
        const entries = Array.from({ length: 10 }, (_, i) => {
            writePack(pack, `export const answer = (n: number): number => n * ${i};\n`);
            const entry = compiledPolicyPack(pack, cache);
            // Distinct last-use times, oldest first.
            const when = new Date(Date.now() - (10 - i) * 60_000);
            fs.utimesSync(entry, when, when);
            return entry;
        });
        expect(fs.readdirSync(cache).map((name) => path.join(cache, name)).sort()).toEqual(entries.slice(-8).sort());
    });

    it("is made only for CommonJS TypeScript packs: this package's, not a JavaScript or ES module one", () => {
        expect(isCompilableTypeScriptPack(PACK)).toBe(true);
        expect(isCompilableTypeScriptPack(path.join(ROOT, "test", "fixtures", "plan", "empty-pack"))).toBe(false);
        const esm = writePack(path.join(tmp, "pack-esm"));
        fs.writeFileSync(path.join(esm, "package.json"), JSON.stringify({ name: "esm-pack", version: "1.0.0", type: "module" }));
        expect(isCompilableTypeScriptPack(esm)).toBe(false);
    });
});

describe("type errors in the pack", () => {
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config, ts.sys, ROOT);

    it("are in tsc's reach: npm test's tsc checks every file the compiled copy is made from", () => {
        const checked = new Set(config.fileNames.map((file) => path.resolve(file)));
        const sources = packSources(PACK).map((file) => path.join(PACK, file));
        expect(sources.length).toBeGreaterThan(20);
        expect(sources.filter((file) => !checked.has(file))).toEqual([]);
        expect(config.options.strict).toBe(true);
    });

    it("fail that tsc: one in a pack file is reported with the repository's own compiler options", () => {
        // A pack module that misuses another, checked as `tsc -p tsconfig.json` checks policy-pack/.
        const probe = path.join(PACK, "support", "typeErrorProbe.ts");
        const host = ts.createCompilerHost(config.options);
        const getSourceFile = host.getSourceFile.bind(host);
        const fileExists = host.fileExists.bind(host);
        host.getSourceFile = (file, language, ...rest) =>
            file === probe ? ts.createSourceFile(file, 'import { asNumber } from "./props";\nexport const seconds: string = asNumber(1);\n', language) : getSourceFile(file, language, ...rest);
        host.fileExists = (file) => file === probe || fileExists(file);
        const program = ts.createProgram({ rootNames: [probe], options: { ...config.options, noEmit: true }, host });
        const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
        expect(errors).toEqual([expect.stringContaining("TS2322: Type 'Maybe<number>' is not assignable to type 'string'")]);
    });
});
