// The consumer's view: the package as `npm pack` publishes it, "installed" into a copy of
// examples/multi-tenant, type-checked against its published types, and both stacks planned with
// the CLI it ships, from dist/ with no sources beside it.
//
// What this proves: the tarball's file list, as npm itself computes it (package.json `files`,
// `exports`, `bin`); that `prepack` is the build this test runs; that a consumer's TypeScript
// compiles against the shipped .d.ts; that every runtime `require`/`import` of the shipped
// JavaScript names a declared dependency or peer dependency (read statically, so untaken paths
// count too); that the shipped CLI and pack plan both stacks with the right exit codes; that the
// shipped pack starts from its own tarball with only its declared dependencies, typescript and
// ts-node unresolvable; and that a consumer can compose the exported policies into its own pack.
//
// What it no longer does: a registry install. The tarball is extracted, not `npm install`ed, and
// the dependencies come from this repository's node_modules (packedInstall.ts): symlinked, or
// copied where they depend on the SDK, with @pulumi/pulumi the newest 3.x the repository installs
// (a devDependency alias). So npm's resolution of the tree, its peer-dependency placement and its
// bin linking are not exercised; instead the peer ranges, that one SDK copy is resolved, the
// lockfile's install closure and the bin's mode and shebang are checked.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPolicyPack } from "../../cli/analyzer";
import { writeComposedPack } from "./composedPack";
import { installClosure, requiredPackages } from "./dependencyChecks";
import { testSdk } from "../cli/testSdks";
import { buildAndPack, declaredNames, installConsumer, linkInstalled, type Packed, writeModuleBlocker } from "./packedInstall";

const run = promisify(execFile);
/** The consumer's @pulumi/pulumi: the newest 3.x this repository installs (a devDependency alias), as npm would pick for the example. */
const CONSUMER_SDK = "3.276.0";

/** A consumer program whose pem and identifier come from other resources, as Outputs. */
const OUTPUTS_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Api, MachineClient } from "auth0-m2m";

const suffix = new random.RandomPet("api-host");
const apiHost: pulumi.Output<string> = pulumi.interpolate\`https://\${suffix.id}.acme.example\`;
// As tls.PrivateKey(...).publicKeyPem would give it.
const publicKeyPem: pulumi.Output<string> = pulumi.secret(process.env.WORKER_PUBLIC_KEY ?? "");

const orders = new Api("orders", { identifier: apiHost, scopes: { "read:orders": "Read orders" } });
export const worker = new MachineClient("worker", {
    description: pulumi.interpolate\`Reads orders from \${apiHost}\`,
    authentication: { method: "private_key_jwt", publicKeys: { current: { pem: publicKeyPem } } },
    grants: { orders: { api: orders, scopes: ["read:orders"] } },
}).clientId;
`;
const repo = path.join(__dirname, "..", "..");
const example = path.join(repo, "examples", "multi-tenant");
const manifest = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
let workDir: string;
let project: string;
let installed: string;
let library: Packed;
let shippedPack: Packed;
/** The shipped pack's policies, as its server lists them (set by its test, which runs first). */
let shippedPolicies: string[] = [];
/** Started once the package is in place, side by side, and awaited by their tests. */
let typeErrors: Promise<string[]>;
let plans: ReturnType<typeof startPlans>;

/** Runs the installed `auth0-m2m plan` with JSON output; resolves with its exit code and report. */
async function plan(args: string[]): Promise<{ code: number; report: any; stderr: string }> {
    const bin = path.join(project, "node_modules", ".bin", "auth0-m2m");
    try {
        const { stdout, stderr } = await run(bin, ["plan", "--format", "json", ...args], { cwd: project, timeout: 60_000 });
        return { code: 0, report: JSON.parse(stdout), stderr };
    } catch (error: any) {
        if (typeof error.code !== "number") throw error;
        return { code: error.code, report: error.stdout ? JSON.parse(error.stdout) : undefined, stderr: error.stderr };
    }
}

/**
 * One tsc run over three files, with the example's own tsconfig: its program, a program passing
 * Outputs, and that program with a number where a string Input belongs, which must be the only
 * error, so the check can fail. Resolves with tsc's error lines.
 */
async function typeCheck(): Promise<string[]> {
    fs.writeFileSync(path.join(project, "outputs.ts"), OUTPUTS_PROGRAM);
    fs.writeFileSync(path.join(project, "wrong.ts"), OUTPUTS_PROGRAM.replace("identifier: apiHost", "identifier: 42"));
    const files = ["index.ts", "outputs.ts", "wrong.ts"];
    fs.writeFileSync(path.join(project, "tsconfig.check.json"), JSON.stringify({ extends: "./tsconfig.json", files }));
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    const checked = await run(process.execPath, [tsc, "-p", "tsconfig.check.json", "--noEmit"], { cwd: project }).then(
        () => ({ stdout: "" }),
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    );
    return checked.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
}

/** The lowest version a caret range (`^3.248.0`) admits, as [major, minor, patch]; fails on any other form. */
function caretFloor(range: string): number[] {
    const match = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
    expect(match, `${range} is not a caret range; update this check`).not.toBeNull();
    return match!.slice(1).map(Number);
}

/** prod by the README's script (the pack named by path); staging with the CLI's default pack, under prod's policy config. */
function startPlans() {
    return Promise.all([
        plan(["--stack", "prod", "--policy-pack", "node_modules/auth0-m2m/dist/policy-pack", "--policy-config", "policy-config/prod.json"]),
        plan(["--stack", "staging", "--policy-config", "policy-config/prod.json"]),
    ]);
}

beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-consumer-"));
    ({ library, pack: shippedPack } = await buildAndPack(repo, workDir));
    project = path.join(workDir, "multi-tenant");
    fs.cpSync(example, project, { recursive: true, filter: (src) => !src.includes("node_modules") });
    // The README's path: the tarball beside package.json, which names it.
    const consumer = JSON.parse(fs.readFileSync(path.join(example, "package.json"), "utf8"));
    expect(consumer.dependencies["auth0-m2m"]).toBe(`file:${library.filename}`);
    const nodeModules = path.join(project, "node_modules");
    const names = [...declaredNames(manifest), ...declaredNames(consumer, true).filter((name) => name !== "auth0-m2m")];
    installed = installConsumer(repo, nodeModules, library, names, testSdk(CONSUMER_SDK));
    // npm links each `bin` into node_modules/.bin, relative to it.
    fs.mkdirSync(path.join(nodeModules, ".bin"));
    for (const [name, file] of Object.entries<string>(manifest.bin)) fs.symlinkSync(path.join("..", "auth0-m2m", file), path.join(nodeModules, ".bin", name));
    linkInstalled(repo, path.join(shippedPack.dir, "node_modules"), declaredNames(JSON.parse(fs.readFileSync(path.join(shippedPack.dir, "package.json"), "utf8"))));
    // The slow checks overlap; a failure is reported by the test that awaits it, not as unhandled.
    typeErrors = typeCheck();
    plans = startPlans();
    for (const pending of [typeErrors, plans]) pending.catch(() => undefined);
}, 240_000);

afterAll(async () => {
    // Nothing may still be reading the files removed below.
    await Promise.allSettled([typeErrors, plans]);
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 180_000);

describe("the published package, in examples/multi-tenant", () => {
    it("ships the library, its types, the compiled policy pack, the catalogue data and the CLI, and no tests, sources or dependencies", () => {
        // npm pack --ignore-scripts is only the release's tarball if prepack is the build run here.
        expect(manifest.scripts.prepack).toBe("npm run build");
        const targets = [manifest.main, manifest.types, ...Object.values<string>(manifest.bin), ...Object.values<any>(manifest.exports).flatMap((e) => (typeof e === "string" ? [e] : Object.values<string>(e)))];
        for (const file of [
            ...targets.map((target) => path.normalize(target)),
            "dist/policy-pack/index.js",
            "dist/policy-pack/package.json",
            "dist/policy-pack/PulumiPolicy.yaml",
            "policy-pack/guardrails/catalogue/data/management-api-v2-endpoints.json",
            "dist/cli/cli.js",
        ]) {
            expect(library.files, file).toContain(file);
            expect(fs.existsSync(path.join(installed, file)), file).toBe(true);
        }
        for (const absent of ["test/", "infra/", "policy-pack/index.ts", "policy-pack/policies/", "cli/cli.ts", "Pulumi.dev.yaml", "node_modules/"]) {
            expect(library.files.filter((file) => file.startsWith(absent)), absent).toEqual([]);
        }
        expect(library.files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
        expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined();
        // The bin runs by its shebang, as npm's link to it does.
        for (const file of Object.values<string>(manifest.bin)) {
            expect(library.modes[file] & 0o111, `${file} is executable`).toBe(0o111);
            expect(fs.readFileSync(path.join(installed, file), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
        }
    });

    it("requires, at run time, only Node builtins and the packages it declares as dependencies or peer dependencies", () => {
        const declared = new Set(declaredNames(manifest));
        const shipped = library.files.filter((file) => file.endsWith(".js") && (file.startsWith("dist/") || file.startsWith("cli/bin/")));
        const required = requiredPackages(installed, shipped);
        const undeclared = [...required].filter(([name]) => !declared.has(name)).map(([name, files]) => `${name} (${files.join(", ")})`);
        expect(undeclared).toEqual([]);
        // The reading finds what the library and the pack really load, so it can catch a new one.
        expect([...required.keys()]).toEqual(expect.arrayContaining(["@pulumi/pulumi", "@pulumi/policy", "@pulumi/auth0"]));
    });

    it("type-checks the consumer program, and a program passing Outputs for pem and identifier, against the published types", async () => {
        expect(await typeErrors).toEqual([expect.stringMatching(/^wrong\.ts\(\d+,\d+\): error TS2322: /)]);
    }, 60_000);

    it("leaves the Pulumi SDK and provider to the consumer: peer dependencies, one SDK copy, the example's", () => {
        const consumer = JSON.parse(fs.readFileSync(path.join(example, "package.json"), "utf8"));
        for (const name of ["@pulumi/pulumi", "@pulumi/auth0"]) {
            // A dependency would let npm nest a second copy under auth0-m2m, with its own runtime state.
            expect(manifest.dependencies[name], name).toBeUndefined();
            const [peer, wanted] = [caretFloor(manifest.peerDependencies[name]), caretFloor(consumer.dependencies[name])];
            expect(wanted[0], name).toBe(peer[0]);
            expect(wanted[1] * 1e6 + wanted[2], name).toBeGreaterThanOrEqual(peer[1] * 1e6 + peer[2]);
        }
        // The SDK the example's range asks for, and the only one: the program, the library, the
        // provider and the shipped pack all resolve the same file.
        const [major, minor] = caretFloor(consumer.dependencies["@pulumi/pulumi"]);
        expect(CONSUMER_SDK.split(".").map(Number)).toEqual([major, expect.any(Number), expect.any(Number)]);
        expect(Number(CONSUMER_SDK.split(".")[1])).toBeGreaterThanOrEqual(minor);
        const resolvers = [project, installed, path.join(installed, "dist", "policy-pack"), ...["auth0", "policy", "random"].map((p) => path.join(project, "node_modules", "@pulumi", p))];
        const sdks = new Set(resolvers.map((dir) => fs.realpathSync(createRequire(path.join(dir, "package.json")).resolve("@pulumi/pulumi/package.json"))));
        expect([...sdks]).toEqual([path.join(fs.realpathSync(testSdk(CONSUMER_SDK)), "package.json")]);
    });

    it("plans both stacks offline with the shipped CLI and pack, and catches staging's longer tokens under prod's policy config", async () => {
        const [prod, staging] = await plans;
        expect([prod.code, staging.code], prod.stderr + staging.stderr).toEqual([0, 1]);

        const lifetimes = (report: any) => Object.fromEntries(report.apis.map((api: any) => [api.identifier, api.tokenLifetime]));
        expect(lifetimes(staging.report)).toEqual({
            "https://acme-staging.eu.auth0.com/api/v2/": 7200,
            "https://orders.staging.acme.example": 7200,
        });
        expect(lifetimes(prod.report)).toEqual({ "https://acme.eu.auth0.com/api/v2/": 900, "https://orders.acme.example": 900 });
        // The same machines and scopes in both tenants: the stacks differ only in config.
        const grants = (report: any) => report.grants.map((g: any) => `${g.machine} ${g.scopes.join(",")}`).sort();
        expect(grants(prod.report)).toEqual(grants(staging.report));

        const violations = staging.report.diagnostics.filter((d: any) => d.level === "mandatory");
        // The Management API's and the orders API's lifetimes, and the orders API's web lifetime.
        expect(violations.map((d: any) => d.policy)).toEqual(Array(3).fill("auth0-token-lifetime-limits"));
        const messages = violations.map((d: any) => d.message).join("\n");
        expect(messages).toContain("tokenLifetime 7200 s exceeds the maximum of 3600 s");
        expect(messages).toContain("tokenLifetimeForWeb 7200 s exceeds the maximum of 900 s");
    }, 60_000);

    it("ships a policy pack of JavaScript only, which starts from its packed files with no TypeScript toolchain", async () => {
        const { files, dir } = shippedPack;
        expect(files.filter((f) => !f.endsWith(".js"))).toEqual(["LICENSE", "PulumiPolicy.yaml", "README.md", "package.json"]);
        const dependencies = Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies);
        expect(dependencies).toEqual(["@pulumi/policy", "@pulumi/pulumi"]);
        // Installing those (peers omitted, at the lockfile's versions) brings no TypeScript toolchain...
        const closure = installClosure(path.join(repo, "package-lock.json"), dependencies);
        expect(closure.has("@pulumi/pulumi") && closure.has("@grpc/grpc-js")).toBe(true);
        for (const absent of ["ts-node", "typescript"]) expect(closure.has(absent), absent).toBe(false);

        // ...so the pack must start with both unresolvable: the SDK then takes its vendored pair.
        const blocker = writeModuleBlocker(path.join(workDir, "no-typescript.js"), ["ts-node", "typescript"]);
        const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --require ${blocker}`.trim();
        const pack = await startPolicyPack(dir, { env: { NODE_OPTIONS: nodeOptions } });
        try {
            expect(pack.info).toMatchObject({ name: "auth0-m2m-guardrails", version: "0.1.0" });
            shippedPolicies = pack.info.policies.map((p) => p.name);
            const wide = { urn: "urn:pulumi:prod::acme::auth0:index/clientGrant:ClientGrant::wide", type: "auth0:index/clientGrant:ClientGrant", name: "wide" };
            const diagnostics = await pack.analyze({ ...wide, properties: { clientId: "abc", audience: "https://orders.acme.example", scopes: ["read:*"] } });
            expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["auth0-no-wildcard-scopes", "mandatory"]]);
        } finally {
            await pack.close();
        }
        // The SDK did look for both, and was refused.
        expect(new Set(fs.readFileSync(`${blocker}.log`, "utf8").split("\n").filter(Boolean))).toEqual(new Set(["typescript", "ts-node"]));
    }, 60_000);

    it("lets a consumer compose the exported policies into its own pack, at its own levels, and run it", async () => {
        const dir = path.join(project, "acme-policies");
        writeComposedPack(dir);
        const pack = await startPolicyPack(dir);
        try {
            const levels = Object.fromEntries(pack.info.policies.map((p) => [p.name, p.enforcementLevel]));
            expect(pack.info).toMatchObject({ name: "acme-policies", version: "1.2.3" });
            expect(levels).toMatchObject({
                "auth0-no-wildcard-scopes": "mandatory",
                "auth0-m2m-token-quota": "mandatory",
                "auth0-no-default-for-grants": "advisory",
                "acme-api-identifiers": "advisory",
            });
            // Every guardrail the shipped pack runs, plus the consumer's own rule.
            expect(shippedPolicies, "the shipped pack's test, which runs first, lists its policies").toContain("auth0-no-wildcard-scopes");
            expect(Object.keys(levels).sort()).toEqual([...shippedPolicies, "acme-api-identifiers"].sort());
            const api = { urn: "urn:pulumi:prod::acme::auth0:index/resourceServer:ResourceServer::orders", type: "auth0:index/resourceServer:ResourceServer", name: "orders" };
            const diagnostics = await pack.analyze({ ...api, properties: {
                    identifier: "https://orders.example.com",
                    tokenLifetime: 172_800,
                    // Closed, as the Api component declares it, so only the lifetime and the identifier rule speak.
                    subjectTypeAuthorization: { client: { policy: "require_client_grant" }, user: { policy: "deny_all" } },
                },
            });
            expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel]).sort()).toEqual([
                ["acme-api-identifiers", "advisory"],
                ["auth0-token-lifetime-limits", "mandatory"],
            ]);
        } finally {
            await pack.close();
        }
    }, 60_000);
});
