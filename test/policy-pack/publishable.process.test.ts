// The pack is published on its own (`pulumi policy publish` runs `npm pack` in policy-pack/), so
// it must not reach outside its directory, and its package must ship what it runs.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { isBuiltin, packageOf } from "../support/packageSpecifiers";

const PACK_DIR = path.resolve(__dirname, "../../policy-pack");
const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (entry.name === "node_modules") return [];
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(full);
        return /\.(ts|js|mts|cts|mjs|cjs)$/.test(entry.name) ? [full] : [];
    });
}


describe("policy-pack/ publishes on its own", () => {
    it("imports nothing outside policy-pack/, and only packages its package.json declares", () => {
        const declared = new Set(Object.keys(manifest.dependencies ?? {}));
        const problems: string[] = [];
        for (const file of sourceFiles(PACK_DIR)) {
            const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
            for (const { fileName: specifier } of importedFiles) {
                const where = `${path.relative(PACK_DIR, file)} imports "${specifier}"`;
                if (specifier.startsWith(".") || path.isAbsolute(specifier)) {
                    const target = path.resolve(path.dirname(file), specifier);
                    if (path.relative(PACK_DIR, target).startsWith("..") || path.isAbsolute(path.relative(PACK_DIR, target))) {
                        problems.push(`${where}, which is outside policy-pack/`);
                    }
                } else if (!isBuiltin(specifier) && !declared.has(packageOf(specifier))) {
                    problems.push(`${where}, which policy-pack/package.json doesn't declare`);
                }
            }
        }
        expect(problems).toEqual([]);
    });

    it("declares its name, version and pinned dependencies", () => {
        expect(manifest).toMatchObject({
            name: "auth0-m2m-guardrails",
            version: "0.1.0",
            dependencies: { "@pulumi/policy": "1.21.0", "@pulumi/pulumi": "3.248.0", typescript: "5.9.3", "ts-node": "10.9.2" },
        });
        const policyYaml = fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8");
        expect(policyYaml).toMatch(/^runtime: nodejs$/m);
        expect(policyYaml).toMatch(/^description: /m);
    });

    it("has a standalone strict tsconfig", () => {
        const { config } = ts.readConfigFile(path.join(PACK_DIR, "tsconfig.json"), ts.sys.readFile);
        expect(config.extends).toBeUndefined();
        expect(config.compilerOptions.strict).toBe(true);
    });

    it("packs what the pack runs, and no tests or build tools", () => {
        const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--offline", "--no-update-notifier"], { cwd: PACK_DIR, encoding: "utf8" });
        const packed = new Set((JSON.parse(output)[0].files as { path: string }[]).map((f) => f.path));
        const needed = sourceFiles(PACK_DIR)
            .map((f) => path.relative(PACK_DIR, f).split(path.sep).join("/"))
            .filter((f) => f !== "guardrails/catalogue/generate.ts");
        for (const file of [...needed, "PulumiPolicy.yaml", "package.json", "tsconfig.json", "README.md"]) {
            expect(packed, file).toContain(file);
        }
        expect(packed).not.toContain("guardrails/catalogue/generate.ts");
        expect([...packed].filter((f) => /test/i.test(f))).toEqual([]);
    });
});
