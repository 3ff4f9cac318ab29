// The consumer's view: pack the library as npm would publish it, install the tarball into a copy
// of examples/multi-tenant, type-check that program against the published types, and plan both of
// its stacks offline with the CLI the package ships.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPolicyPack } from "../../cli/analyzer";
import { POLICY_NAMES } from "../../policy-pack/library";
import { unpackAndInstall, writeComposedPack } from "./packedPacks";

const run = promisify(execFile);

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
let workDir: string;
let project: string;

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

beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-consumer-"));
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", workDir], { cwd: repo, timeout: 120_000 });
    const tarball = JSON.parse(stdout)[0].filename;
    project = path.join(workDir, "multi-tenant");
    fs.cpSync(example, project, { recursive: true, filter: (src) => !src.includes("node_modules") });
    // The README's path: the tarball beside package.json, which names it, then a plain npm install.
    expect(JSON.parse(fs.readFileSync(path.join(example, "package.json"), "utf8")).dependencies["auth0-m2m"]).toBe(`file:${tarball}`);
    fs.renameSync(path.join(workDir, tarball), path.join(project, tarball));
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project, timeout: 120_000 });
}, 180_000);

afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 180_000);

describe("the published package, in examples/multi-tenant", () => {
    it("ships the library, its types, the compiled policy pack, the catalogue data and the CLI, and no tests or sources", () => {
        const installed = path.join(project, "node_modules", "auth0-m2m");
        for (const file of [
            "dist/infra/library.js",
            "dist/infra/library.d.ts",
            "dist/policy-pack/index.js",
            "dist/policy-pack/package.json",
            "dist/policy-pack/PulumiPolicy.yaml",
            "policy-pack/guardrails/catalogue/data/management-api-v2-endpoints.json",
            "cli/bin/auth0-m2m.js",
            "dist/cli/cli.js",
        ]) {
            expect(fs.existsSync(path.join(installed, file)), file).toBe(true);
        }
        for (const absent of ["test", "infra/index.ts", "infra/components", "policy-pack/index.ts", "cli/cli.ts", "Pulumi.dev.yaml"]) {
            expect(fs.existsSync(path.join(installed, absent)), absent).toBe(false);
        }
    });

    it("type-checks the consumer program, and a program passing Outputs for pem and identifier, against the published types", async () => {
        // One tsc run over three files, with the example's own tsconfig: its program, a program
        // passing Outputs, and that program with a number where a string Input belongs, which must
        // be the only error, so the check can fail.
        fs.writeFileSync(path.join(project, "outputs.ts"), OUTPUTS_PROGRAM);
        fs.writeFileSync(path.join(project, "wrong.ts"), OUTPUTS_PROGRAM.replace("identifier: apiHost", "identifier: 42"));
        const files = ["index.ts", "outputs.ts", "wrong.ts"];
        fs.writeFileSync(path.join(project, "tsconfig.check.json"), JSON.stringify({ extends: "./tsconfig.json", files }));
        const checked = await run(path.join(project, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.check.json", "--noEmit"], { cwd: project }).then(
            () => ({ stdout: "" }),
            (error: { stdout: string }) => error,
        );
        const errors = checked.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
        expect(errors).toEqual([expect.stringMatching(/^wrong\.ts\(\d+,\d+\): error TS2322: /)]);
    }, 60_000);

    it("shares the consumer's newest Pulumi SDK (one copy)", () => {
        const installed = (name: string) => JSON.parse(fs.readFileSync(path.join(project, "node_modules", name, "package.json"), "utf8")).version;
        expect(installed("@pulumi/pulumi")).toMatch(/^3\.(\d+)\./);
        expect(Number(installed("@pulumi/pulumi").split(".")[1])).toBeGreaterThanOrEqual(276);
        expect(fs.existsSync(path.join(project, "node_modules", "auth0-m2m", "node_modules", "@pulumi", "pulumi"))).toBe(false);
    });

    it("plans both stacks offline, prod under its tightened policy config, and catches staging's longer tokens there", async () => {
        const [staging, prod, stagingUnderProdPolicy] = await Promise.all([
            plan(["--stack", "staging"]),
            plan(["--stack", "prod", "--policy-pack", "node_modules/auth0-m2m/dist/policy-pack", "--policy-config", "policy-config/prod.json"]),
            plan(["--stack", "staging", "--policy-config", "policy-config/prod.json"]),
        ]);
        expect([staging.code, prod.code, stagingUnderProdPolicy.code], staging.stderr + prod.stderr).toEqual([0, 0, 1]);

        const lifetimes = (report: any) => Object.fromEntries(report.apis.map((api: any) => [api.identifier, api.tokenLifetime]));
        expect(lifetimes(staging.report)).toEqual({
            "https://acme-staging.eu.auth0.com/api/v2/": 7200,
            "https://orders.staging.acme.example": 7200,
        });
        expect(lifetimes(prod.report)).toEqual({ "https://acme.eu.auth0.com/api/v2/": 900, "https://orders.acme.example": 900 });
        // The same machines and scopes in both tenants: the stacks differ only in config.
        const grants = (report: any) => report.grants.map((g: any) => `${g.machine} ${g.scopes.join(",")}`).sort();
        expect(grants(prod.report)).toEqual(grants(staging.report));

        const violations = stagingUnderProdPolicy.report.diagnostics.filter((d: any) => d.level === "mandatory");
        // The Management API's and the orders API's lifetimes, and the orders API's web lifetime.
        expect(violations.map((d: any) => d.policy)).toEqual(Array(3).fill("auth0-token-lifetime-limits"));
        const messages = violations.map((d: any) => d.message).join("\n");
        expect(messages).toContain("tokenLifetime 7200 s exceeds the maximum of 3600 s");
        expect(messages).toContain("tokenLifetimeForWeb 7200 s exceeds the maximum of 900 s");
    }, 60_000);

    it("ships a policy pack of JavaScript only, which starts from its packed files with no TypeScript toolchain", async () => {
        const shipped = path.join(project, "node_modules", "auth0-m2m", "dist", "policy-pack");
        const { packed, dir } = await unpackAndInstall(shipped, path.join(workDir, "shipped-pack"));
        expect(packed.filter((f) => !f.endsWith(".js"))).toEqual(["LICENSE", "PulumiPolicy.yaml", "README.md", "package.json"]);
        expect(packed.filter((f) => f.endsWith(".d.ts") || f.endsWith(".ts"))).toEqual([]);
        expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies)).toEqual(["@pulumi/policy", "@pulumi/pulumi"]);
        for (const absent of ["ts-node", "typescript"]) expect(fs.existsSync(path.join(dir, "node_modules", absent)), absent).toBe(false);

        const pack = await startPolicyPack(dir);
        try {
            expect(pack.info).toMatchObject({ name: "auth0-m2m-guardrails", version: "0.1.0" });
            const wide = { urn: "urn:pulumi:prod::acme::auth0:index/clientGrant:ClientGrant::wide", type: "auth0:index/clientGrant:ClientGrant", name: "wide" };
            const diagnostics = await pack.analyze({ ...wide, properties: { clientId: "abc", audience: "https://orders.acme.example", scopes: ["read:*"] } });
            expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["auth0-no-wildcard-scopes", "mandatory"]]);
        } finally {
            await pack.close();
        }
    }, 120_000);

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
            // Every guardrail, plus the consumer's own rule.
            expect(Object.keys(levels)).toHaveLength(POLICY_NAMES.length + 1);
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
