// `auth0-m2m audit` and `adopt` as a user runs them: child processes, the real auth0 SDK over real TLS
// (the test CA through NODE_EXTRA_CA_CERTS), against fake tenants built from recorded Management API
// traffic. One set of runs, side by side and shared by every test here: each covers several cases.
// The reader's faults one by one are tested in-process (readTenant.test.ts), the mapping, drift,
// rendering and what adopt leaves out as pure functions (adoptModel.test.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isManagementApiAudience } from "../../../policy-pack/guardrails";
import { untrustedCaFile } from "../../support/fakeTenant/certificates";
import { runCli, type CliRun } from "../../support/fakeTenant/runCli";
import { FakeTenant } from "../../support/fakeTenant/server";
import { GENERATED_API, generatedTenant, recordedTenant } from "../../support/fakeTenant/tenantData";

const DRIFT_PROJECT = path.resolve(__dirname, "../../fixtures/audit/drift");

interface Access {
    machine: string;
    audience: string;
    scopes: string[];
}
interface AuditJson {
    verdict: string;
    access: Access[];
    findings: { policy: string; object: { id: string; name: string } | null }[];
    read: { rateLimited: number; serverErrors: number; waitedMs: number };
    system: { id: string }[];
    drift?: {
        applicationsOnlyLive: { name: string }[];
        grantsOnlyDeclared: { machine: string; audience: string }[];
        scopes: { machine: string; scope: string; state: string }[];
        apis: { identifier: string; field: string; live: string | null; declared: string | null }[];
    };
}
const json = (stdout: string) => JSON.parse(stdout) as AuditJson;

let generated: FakeTenant;
let adoptable: FakeTenant;
let recorded: FakeTenant;
let out: string;
let taken: string;
let runs: Record<"drift" | "judged" | "tls" | "none" | "refused" | "adopted" | "plan", CliRun>;

beforeAll(async () => {
    // The drift fixture's stack is written against this data (test/fixtures/audit/drift/index.ts). The
    // drift audit reads it in pages of 2 and meets one 429; adopt reads the same data from a tenant of
    // its own, so the audits and the adoption run side by side and the 429 is the drift audit's alone.
    const data = (d: string) => generatedTenant(d, { clients: 3, managementScopes: ["read:users", "read:roles"] });
    [generated, adoptable, recorded] = await Promise.all([
        FakeTenant.start(data, { maxPageSize: 2, faults: [{ path: "/api/v2/clients", kind: "rate-limit", times: 1, retryAfterSeconds: 1 }] }),
        FakeTenant.start(data),
        FakeTenant.start(recordedTenant),
    ]);
    out = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-adopt-"));
    const endpoints = path.join(out, "endpoints.json");
    fs.writeFileSync(endpoints, JSON.stringify({ "orders-worker-0": ["GET /api/v2/users"] }));
    taken = path.join(out, "taken");
    fs.mkdirSync(taken);
    fs.writeFileSync(path.join(taken, "Pulumi.adopted.yaml"), "config: {}\n");
    const adoptAndPlan = async () => {
        const adopted = await runCli(["adopt", "--domain", adoptable.domain, "--config-domain", "fake-tenant.eu.auth0.com", "--stack", "adopted", "--out-dir", out, "--endpoints", endpoints], adoptable);
        // Planned as written: --config-domain gave it a tenant's host name, which the loopback fake tenant is not.
        const plan = await runCli(["plan", "--config-file", path.join(out, "Pulumi.adopted.yaml"), "--format", "json"], undefined, { credentials: {} });
        return { adopted, plan };
    };
    const t = generated;
    // A TLS failure and missing credentials never reach the tenant's handlers; a refused adopt never reads it.
    const [drift, judged, tls, none, refused, adoption] = await Promise.all([
        runCli(["audit", "--domain", t.domain, "--format", "json", "--page-size", "2", "--project", DRIFT_PROJECT, "--stack", "drift"], t, { credentials: { AUTH0_API_TOKEN: t.issueToken() } }),
        runCli(["audit", "--domain", recorded.domain, "--format", "json"], recorded),
        runCli(["audit", "--domain", t.domain], t, { caFile: await untrustedCaFile() }),
        runCli(["audit", "--domain", t.domain, "--format", "json"], t, { credentials: {} }),
        runCli(["adopt", "--domain", adoptable.domain, "--stack", "adopted", "--out-dir", taken], adoptable),
        adoptAndPlan(),
    ]);
    runs = { drift, judged, tls, none, refused, ...adoption };
}, 240_000);
afterAll(async () => {
    for (const t of [generated, adoptable, recorded]) expect(t.writes, "the audit wrote to the tenant").toEqual([]);
    await Promise.all([generated, adoptable, recorded].map((t) => t.close()));
    fs.rmSync(out, { recursive: true, force: true });
});

describe("auth0-m2m audit", () => {
    it("pages, waits out a 429, uses an API token, and reports drift per kind against a stack", () => {
        const { drift } = runs;
        expect(drift.code, drift.stderr).toBe(0);
        const report = json(drift.stdout);
        expect(report.access).toHaveLength(4);
        expect(report.read.rateLimited).toBe(1);
        expect(report.read.waitedMs).toBeGreaterThanOrEqual(900);
        expect(generated.requests.filter((r) => r.path === "/api/v2/clients").length).toBeGreaterThanOrEqual(3);
        expect(generated.requests.some((r) => r.path === "/oauth/token")).toBe(false);
        expect(report.drift?.applicationsOnlyLive.map((a) => a.name)).toEqual(["orders-worker-2"]);
        expect(report.drift?.grantsOnlyDeclared).toEqual([expect.objectContaining({ machine: "Reporting job", audience: GENERATED_API })]);
        expect(report.drift?.scopes).toEqual([{ machine: "orders-worker-0", audience: GENERATED_API, subjectType: "client", scope: "write:orders", state: "declared-only" }]);
        expect(report.drift?.apis).toContainEqual({ identifier: GENERATED_API, field: "tokenLifetime", detail: "tokenLifetime", live: "3600", declared: "900" });
    });

    it("names the live object in each finding of the recorded tenant, and does not judge Auth0's own objects", () => {
        const { judged } = runs;
        expect(judged.code, judged.stderr).toBe(1);
        const findings = json(judged.stdout);
        expect(findings.findings.find((f) => f.policy === "auth0-no-default-for-grants")?.object).toMatchObject({ id: "cgr_XB6ZHmjNC4RXBCpg" });
        expect(findings.findings.filter((f) => f.policy === "auth0-grant-client-is-m2m").map((f) => f.object?.id)).toContain("cgr_Pl14LRDFbzd8W494");
        expect(findings.system.map((o) => o.id)).toEqual(["GLOBALclientIDfakeTenant0000000"]);
        expect(judged.stdout + judged.stderr).not.toContain(recorded.clientSecret);
    });

    it("fails with exit 2 and one clear message for a CA that is not the tenant's and for no credentials, in JSON when asked", () => {
        const { tls, none } = runs;
        expect(tls.code).toBe(2);
        expect(tls.stderr).toMatch(/error: TLS failed talking to localhost:\d+ \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
        expect(tls.stdout).toBe("");
        expect(none.code).toBe(2);
        expect(none.stderr).toContain("error: No credentials: set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET");
        expect(JSON.parse(none.stdout)).toMatchObject({ error: { kind: "usage", exitCode: 2 } });
    });
});

// The stack's domain has no port (the config check rejects one), so its Management API audience is
// compared by kind: the fake tenant's is https://localhost:<port>/api/v2/.
const comparable = (access: Access[]) =>
    access
        .map(({ machine, audience, scopes }) => ({ machine, audience: isManagementApiAudience(audience) ? "(management API)" : audience, scopes: [...scopes].sort() }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("auth0-m2m adopt", () => {
    it("writes the stack config and import file, keeping the live scopes and proposing least privilege in a comment", () => {
        const { adopted } = runs;
        expect(adopted.code, adopted.stderr).toBe(0);
        const config = fs.readFileSync(path.join(out, "Pulumi.adopted.yaml"), "utf8");
        expect(config).toContain("# Least privilege for orders-worker-0 (Management API), from --endpoints: read:users");
        expect(config).toMatch(/management:\n\s+- read:users\n\s+- read:roles/);
        expect(config + adopted.stdout + adopted.stderr).not.toContain(adoptable.clientSecret);
        const imports = JSON.parse(fs.readFileSync(path.join(out, "import.adopted.json"), "utf8")) as { resources: { type: string; name: string; id?: string }[] };
        expect(imports.resources).toContainEqual({ type: "auth0:index/clientGrant:ClientGrant", name: "tenant-orders-worker-1-grant-orders-api", id: "cgr_gen000000001", parent: "tenant-orders-worker-1" });
    });

    it("never overwrites without --force, and writes nothing then", () => {
        const { refused } = runs;
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(`${path.join(taken, "Pulumi.adopted.yaml")} already exists; nothing was written. Pass --force to overwrite`);
        expect(fs.readFileSync(path.join(taken, "Pulumi.adopted.yaml"), "utf8")).toBe("config: {}\n");
        expect(fs.existsSync(path.join(taken, "import.adopted.json"))).toBe(false);
    });

    // The drift audit read the same generated data from its own tenant.
    it("writes a stack that plans offline with no mandatory finding to the audit's access matrix", () => {
        const { plan, drift } = runs;
        expect(plan.code, plan.stderr).toBe(0);
        const planned = (JSON.parse(plan.stdout) as { grants: Access[] }).grants;
        expect(comparable(planned)).toEqual(comparable(json(drift.stdout).access));
    });
});
