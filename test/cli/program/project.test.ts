import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProject, parseStackSelection } from "../../../cli/program/project";
import { MAX_YAML_BYTES } from "../../../cli/program/yamlFile";
import { configValueString, namespacedConfigKey, replaceSecureValues, SECURE_CONFIG_PLACEHOLDER } from "../../../cli/program/stackConfig";

let root: string;
let counter = 0;

/** A throwaway project directory with the given files. */
function project(files: Record<string, string>): string {
    const dir = path.join(root, `p${counter++}`);
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

const minimal = { "Pulumi.yaml": "name: proj\nruntime: nodejs\n", "index.ts": "export {};\n", "Pulumi.dev.yaml": "config: {}\n" };

beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-project-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("loadProject", () => {
    it("reads the project, the stack's config and the defaults", () => {
        const dir = project({
            ...minimal,
            "Pulumi.dev.yaml": [
                "config:",
                "  auth0:domain: acme.eu.auth0.com",
                "  count: 3",
                "  enabled: true",
                "  auth0-m2m:apis:",
                "    orders: { identifier: https://orders.example, tokenLifetime: 900 }",
                "",
            ].join("\n"),
        });
        const loaded = loadProject({ projectDir: dir, stack: "dev" });
        expect(loaded).toMatchObject({
            dir,
            name: "proj",
            stack: "dev",
            organization: "organization",
            mainPath: path.join(dir, "index.ts"),
            typescript: true,
            moduleType: "commonjs",
            stackConfigFile: path.join(dir, "Pulumi.dev.yaml"),
            secretKeys: [],
            warnings: [],
        });
        expect(loaded.config).toEqual({
            "auth0:domain": "acme.eu.auth0.com",
            "proj:count": "3",
            "proj:enabled": "true",
            "auth0-m2m:apis": JSON.stringify({ orders: { identifier: "https://orders.example", tokenLifetime: 900 } }),
        });
    });

    it("stands a secret placeholder in for secure values, at any depth, and marks the keys secret", () => {
        const dir = project({
            ...minimal,
            "Pulumi.dev.yaml": [
                "config:",
                "  auth0:clientSecret:",
                "    secure: v1:AAAA",
                "  proj:hook:",
                "    url: https://hooks.example",
                "    token: { secure: v1:BBBB }",
                "  proj:plain: visible",
                "",
            ].join("\n"),
        });
        const loaded = loadProject({ projectDir: dir, stack: "dev" });
        expect(loaded.config["auth0:clientSecret"]).toBe(SECURE_CONFIG_PLACEHOLDER);
        expect(JSON.parse(loaded.config["proj:hook"])).toEqual({ url: "https://hooks.example", token: SECURE_CONFIG_PLACEHOLDER });
        expect(loaded.secretKeys).toEqual(["auth0:clientSecret", "proj:hook"]);
        expect(JSON.stringify(loaded.config)).not.toContain("v1:");
    });

    it("applies project-level config under the stack's, in its plain, value and default forms", () => {
        const dir = project({
            ...minimal,
            "Pulumi.yaml": [
                "name: proj",
                "runtime: nodejs",
                "config:",
                "  region: eu",
                "  tier: { value: gold }",
                "  retries: { type: integer, default: 2 }",
                "  declaredOnly: { type: string, description: set per stack }",
                "  apiKey: { type: string, secret: true, default: x }",
                "  auth0:domain: project.eu.auth0.com",
                "",
            ].join("\n"),
            "Pulumi.dev.yaml": "config:\n  auth0:domain: stack.eu.auth0.com\n",
        });
        const loaded = loadProject({ projectDir: dir, stack: "dev" });
        expect(loaded.config).toEqual({
            "proj:region": "eu",
            "proj:tier": "gold",
            "proj:retries": "2",
            "proj:apiKey": "x",
            "auth0:domain": "stack.eu.auth0.com",
        });
        expect(loaded.secretKeys).toEqual(["proj:apiKey"]);
    });

    it("uses --config-file instead of the stack file, and stackConfigDir for stack files", () => {
        const dir = project({ ...minimal, "Pulumi.yaml": "name: proj\nruntime: nodejs\nstackConfigDir: stacks\n", "stacks/Pulumi.prod.yaml": "config:\n  a: from-dir\n" });
        expect(loadProject({ projectDir: dir, stack: "prod" }).config).toEqual({ "proj:a": "from-dir" });
        const other = path.join(dir, "elsewhere.yaml");
        fs.writeFileSync(other, "config:\n  a: from-file\n");
        expect(loadProject({ projectDir: dir, stack: "prod", configFile: other })).toMatchObject({ stackConfigFile: other, config: { "proj:a": "from-file" } });
    });

    it("resolves main from Pulumi.yaml, then package.json, then the directory's index", () => {
        const fromPulumi = project({ ...minimal, "Pulumi.yaml": "name: proj\nruntime: nodejs\nmain: src/\n", "src/index.ts": "" });
        expect(loadProject({ projectDir: fromPulumi, stack: "dev" }).mainPath).toBe(path.join(fromPulumi, "src", "index.ts"));
        const fromPackage = project({ ...minimal, "package.json": '{"main": "lib/program.js", "type": "module"}', "lib/program.js": "" });
        expect(loadProject({ projectDir: fromPackage, stack: "dev" })).toMatchObject({ mainPath: path.join(fromPackage, "lib", "program.js"), moduleType: "module" });
        const javascript = project({ ...minimal, "Pulumi.yaml": "name: proj\nruntime: { name: nodejs, options: { typescript: false } }\n", "index.js": "" });
        expect(loadProject({ projectDir: javascript, stack: "dev" })).toMatchObject({ mainPath: path.join(javascript, "index.js"), typescript: false });
    });


    // As the engine's getPwdMain: the program runs in `main`'s directory (or a main file's folder),
    // and its default tsconfig.json is looked for there, not in the project directory.
    // Shape from pulumi/templates auth0-javascript (b69da59f) moved under `main: src/`.
    it("runs the program in Pulumi.yaml main's directory and finds tsconfig.json there", () => {
        const mainDir = project({ "Pulumi.yaml": "name: proj\nruntime: nodejs\nmain: src/\n", "src/index.ts": "", "tsconfig.json": "{}" });
        expect(loadProject({ projectDir: mainDir, stack: "dev" })).toMatchObject({ programDir: path.join(mainDir, "src"), tsconfigPath: undefined });
        const mainFile = project({ "Pulumi.yaml": "name: proj\nruntime: nodejs\nmain: app/stack.ts\n", "app/stack.ts": "", "app/tsconfig.json": "{}" });
        expect(loadProject({ projectDir: mainFile, stack: "dev" })).toMatchObject({
            programDir: path.join(mainFile, "app"),
            tsconfigPath: path.join(mainFile, "app", "tsconfig.json"),
        });
        const declared = project({ "Pulumi.yaml": "name: proj\nruntime: { name: nodejs, options: { tsconfig: tsconfig.pulumi.json } }\nmain: src\n", "src/index.ts": "", "src/tsconfig.pulumi.json": "{}" });
        expect(loadProject({ projectDir: declared, stack: "dev" }).tsconfigPath).toBe(path.join(declared, "src", "tsconfig.pulumi.json"));
        const noMain = project({ ...minimal, "package.json": '{"main": "lib/program.js"}', "lib/program.js": "", "tsconfig.json": "{}" });
        expect(loadProject({ projectDir: noMain, stack: "dev" })).toMatchObject({ programDir: noMain, tsconfigPath: path.join(noMain, "tsconfig.json") });
    });
    it("takes the organization and checks the project from org/project/stack", () => {
        const dir = project(minimal);
        expect(loadProject({ projectDir: dir, stack: "acme/proj/dev" })).toMatchObject({ organization: "acme", stack: "dev" });
        expect(() => loadProject({ projectDir: dir, stack: "acme/other/dev" })).toThrow(/names project 'other', but .*Pulumi.yaml is project 'proj'/);
    });

    it.each([
        ["no Pulumi.yaml", {}, "dev", /No Pulumi.yaml in .*Run the plan from a Pulumi project directory or pass --project DIR/],
        ["a missing --config-file", minimal, "dev", /--config-file .*nope\.yaml does not exist/],
        ["another runtime", { ...minimal, "Pulumi.yaml": "name: proj\nruntime: python\n" }, "dev", /Pulumi.yaml: runtime is 'python'. auth0-m2m plan runs Node.js/],
        ["a missing main", { ...minimal, "Pulumi.yaml": "name: proj\nruntime: nodejs\nmain: nope.ts\n" }, "dev", /Pulumi.yaml: main is .*nope.ts, which does not exist/],
        ["bad YAML, with its line", { ...minimal, "Pulumi.dev.yaml": "config:\n  a: [1,\n b: 2\n" }, "dev", /Pulumi.dev.yaml:3:\d+: /],
        ["a duplicate key", { ...minimal, "Pulumi.dev.yaml": "config:\n  a: 1\n  a: 2\n" }, "dev", /Pulumi.dev.yaml:3:3: the key 'a' appears twice in one mapping/],
        [
            "a nested duplicate key",
            { ...minimal, "Pulumi.dev.yaml": "config:\n  auth0-m2m:machines:\n    a: {}\n    b: {}\n    a: {}\n" },
            "dev",
            /Pulumi.dev.yaml:5:5: the key 'a' appears twice in one mapping/,
        ],
        [
            "two spellings of one key",
            { ...minimal, "Pulumi.dev.yaml": "config:\n  auth0-m2m:machines: {}\n  auth0-m2m:config:machines: {}\n" },
            "dev",
            /Pulumi.dev.yaml: config.auth0-m2m:machines and config.auth0-m2m:config:machines are two spellings of the config key 'auth0-m2m:machines'/,
        ],
        [
            "an alias bomb",
            { ...minimal, "Pulumi.dev.yaml": `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i === 0 ? "*a" : `*b${i - 1}`).join(", ")}]`).join("\n")}\nconfig: {}\n` },
            "dev",
            /Pulumi.dev.yaml: its YAML aliases \(\*name\) expand too far .*"alias bomb"/,
        ],
        ["config that is not a mapping", { ...minimal, "Pulumi.dev.yaml": "config: [a]\n" }, "dev", /Pulumi.dev.yaml: 'config' must be a mapping/],
    ])("names the file and the problem for %s", (_case, files, stack, message) => {
        const dir = project(files);
        const configFile = _case === "a missing --config-file" ? path.join(dir, "nope.yaml") : undefined;
        expect(() => loadProject({ projectDir: dir, stack, configFile })).toThrow(message);
    });

    it("plans a stack without a stack file with empty config, as Pulumi does", () => {
        const dir = project({ ...minimal, "Pulumi.yaml": "name: proj\nruntime: nodejs\nconfig:\n  region: eu\n" });
        expect(loadProject({ projectDir: dir, stack: "prod" })).toMatchObject({ stackConfigFile: undefined, config: { "proj:region": "eu" } });
    });

    it("falls back to the project directory, with a warning, when package.json's entry point is not built yet (like cmd/run)", () => {
        const dir = project({ ...minimal, "package.json": '{"main": "bin/index.js"}', "index.ts": "" });
        const loaded = loadProject({ projectDir: dir, stack: "dev" });
        expect(loaded.mainPath).toBe(path.join(dir, "index.ts"));
        expect(loaded.warnings).toEqual([expect.stringMatching(/package\.json: main is 'bin\/index\.js', which does not exist \(not built yet\?\); like Pulumi, the plan runs the project directory's index instead\./)]);
        const exported = project({ ...minimal, "package.json": '{"exports": {".": {"require": "./dist/main.js"}}}', "dist/main.js": "" });
        expect(loadProject({ projectDir: exported, stack: "dev" }).mainPath).toBe(path.join(exported, "dist", "main.js"));
    });

    it("refuses a stack file larger than it reads, naming the file and the limit", () => {
        const dir = project(minimal);
        fs.truncateSync(path.join(dir, "Pulumi.dev.yaml"), MAX_YAML_BYTES + 1);
        expect(() => loadProject({ projectDir: dir, stack: "dev" })).toThrow(`Pulumi.dev.yaml: it is ${MAX_YAML_BYTES + 1} bytes, more than the ${MAX_YAML_BYTES} (16 MiB)`);
    });

    it("warns that ESC environments can't be read offline", () => {
        const dir = project({ ...minimal, "Pulumi.dev.yaml": "environment:\n  - acme/dev\nconfig: {}\n" });
        expect(loadProject({ projectDir: dir, stack: "dev" }).warnings).toEqual([expect.stringMatching(/imports Pulumi ESC environments/)]);
    });
});

describe("config helpers", () => {
    it.each([
        ["name", "proj:name"],
        ["auth0:domain", "auth0:domain"],
        ["aws:config:region", "aws:region"],
    ])("namespaces %s as %s", (key, expected) => expect(namespacedConfigKey(key, "proj")).toBe(expected));

    it("passes strings as they are and everything else as JSON, the way the CLI does", () => {
        expect(configValueString("a")).toBe("a");
        expect(configValueString(5)).toBe("5");
        expect(configValueString({ a: [1] })).toBe('{"a":[1]}');
    });

    it("only treats a lone 'secure' key as a secure value", () => {
        expect(replaceSecureValues({ secure: "v1:x" })).toEqual({ value: SECURE_CONFIG_PLACEHOLDER, secret: true });
        expect(replaceSecureValues({ secure: "v1:x", other: 1 })).toEqual({ value: { secure: "v1:x", other: 1 }, secret: false });
        expect(replaceSecureValues([{ secure: "v1:x" }, "y"])).toEqual({ value: [SECURE_CONFIG_PLACEHOLDER, "y"], secret: true });
    });

    it("parses stack references", () => {
        expect(parseStackSelection("dev")).toEqual({ stack: "dev", organization: "organization" });
        expect(parseStackSelection("acme/dev")).toEqual({ stack: "dev", organization: "acme" });
        expect(() => parseStackSelection("a/b/c/d")).toThrow("Stack 'a/b/c/d' has too many parts; use NAME or ORG/PROJECT/NAME.");
    });
});
