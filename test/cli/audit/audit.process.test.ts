// `auth0-m2m audit` as a user runs it: a child process, the real auth0 SDK over real TLS (the test
// CA through NODE_EXTRA_CA_CERTS), against the fake tenant built from recorded Management API
// traffic. Few runs, side by side: each covers several cases; the reader's faults one by one are
// tested in-process (readTenant.test.ts), the mapping, drift and rendering as pure functions.
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { untrustedCaFile } from "../../support/fakeTenant/certificates";
import { runCli } from "../../support/fakeTenant/runCli";
import { FakeTenant, type FakeTenantOptions } from "../../support/fakeTenant/server";
import { GENERATED_API, generatedTenant, recordedTenant, type TenantData } from "../../support/fakeTenant/tenantData";

const DRIFT_PROJECT = path.resolve(__dirname, "../../fixtures/audit/drift");

const tenants: FakeTenant[] = [];
afterAll(async () => {
    for (const t of tenants) expect(t.writes, "the audit wrote to the tenant").toEqual([]);
    await Promise.all(tenants.map((t) => t.close()));
});

async function tenant(data: (domain: string) => TenantData, options: FakeTenantOptions = {}): Promise<FakeTenant> {
    const t = await FakeTenant.start(data, options);
    tenants.push(t);
    return t;
}

interface AuditJson {
    verdict: string;
    access: { machine: string }[];
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

describe("auth0-m2m audit", { timeout: 120_000 }, () => {
    it("judges a tenant, pages, retries a 429, compares with a stack, and fails with exit 2 and a clear message", async () => {
        // The drift fixture's stack is written against this tenant (test/fixtures/audit/drift/index.ts).
        const [small, recorded, untrusted] = await Promise.all([
            tenant((d) => generatedTenant(d, { clients: 3, managementScopes: ["read:users"] }), { maxPageSize: 2, faults: [{ path: "/api/v2/clients", kind: "rate-limit", times: 1, retryAfterSeconds: 1 }] }),
            tenant(recordedTenant),
            tenant((d) => generatedTenant(d, { clients: 1 })),
        ]);
        const [drift, judged, tls, none] = await Promise.all([
            runCli(["audit", "--domain", small.domain, "--format", "json", "--page-size", "2", "--project", DRIFT_PROJECT, "--stack", "drift"], small, { credentials: { AUTH0_API_TOKEN: small.issueToken() } }),
            runCli(["audit", "--domain", recorded.domain, "--format", "json"], recorded),
            runCli(["audit", "--domain", untrusted.domain], untrusted, { caFile: await untrustedCaFile() }),
            runCli(["audit", "--domain", untrusted.domain, "--format", "json"], untrusted, { credentials: {} }),
        ]);

        // Pages, a 429 waited out, an API token, and drift per kind against the fixture stack.
        expect(drift.code, drift.stderr).toBe(0);
        const report = json(drift.stdout);
        expect(report.access).toHaveLength(4);
        expect(report.read.rateLimited).toBe(1);
        expect(report.read.waitedMs).toBeGreaterThanOrEqual(900);
        expect(small.requests.filter((r) => r.path === "/api/v2/clients").length).toBeGreaterThanOrEqual(3);
        expect(small.requests.some((r) => r.path === "/oauth/token")).toBe(false);
        expect(report.drift?.applicationsOnlyLive.map((a) => a.name)).toEqual(["orders-worker-2"]);
        expect(report.drift?.grantsOnlyDeclared).toEqual([expect.objectContaining({ machine: "Reporting job", audience: GENERATED_API })]);
        expect(report.drift?.scopes).toEqual([{ machine: "orders-worker-0", audience: GENERATED_API, subjectType: "client", scope: "write:orders", state: "declared-only" }]);
        expect(report.drift?.apis).toContainEqual({ identifier: GENERATED_API, field: "tokenLifetime", detail: "tokenLifetime", live: "3600", declared: "900" });

        // The recorded tenant: findings name the live object; Auth0's own objects are not judged.
        expect(judged.code, judged.stderr).toBe(1);
        const findings = json(judged.stdout);
        expect(findings.findings.find((f) => f.policy === "auth0-no-default-for-grants")?.object).toMatchObject({ id: "cgr_XB6ZHmjNC4RXBCpg" });
        expect(findings.findings.filter((f) => f.policy === "auth0-grant-client-is-m2m").map((f) => f.object?.id)).toContain("cgr_Pl14LRDFbzd8W494");
        expect(findings.system.map((o) => o.id)).toEqual(["GLOBALclientIDfakeTenant0000000"]);
        expect(judged.stdout + judged.stderr).not.toContain(recorded.clientSecret);

        // A CA that is not the tenant's, and no credentials: exit 2, one clear message, JSON when asked.
        expect(tls.code).toBe(2);
        expect(tls.stderr).toMatch(/error: TLS failed talking to localhost:\d+ \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
        expect(tls.stdout).toBe("");
        expect(none.code).toBe(2);
        expect(none.stderr).toContain("error: No credentials: set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET");
        expect(JSON.parse(none.stdout)).toMatchObject({ error: { kind: "usage", exitCode: 2 } });
    });
});
