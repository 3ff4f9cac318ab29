// `auth0-m2m audit` as a user runs it: a child process, the real auth0 SDK over real TLS, against
// the fake tenant built from recorded Management API traffic.
import { afterEach, describe, expect, it } from "vitest";
import { untrustedCaFile } from "../../support/fakeTenant/certificates";
import { runCli } from "../../support/fakeTenant/runCli";
import { FakeTenant, type FakeTenantOptions } from "../../support/fakeTenant/server";
import { generatedTenant, recordedTenant, type TenantData } from "../../support/fakeTenant/tenantData";

const tenants: FakeTenant[] = [];
afterEach(async () => {
    for (const t of tenants) expect(t.writes, "the audit wrote to the tenant").toEqual([]);
    await Promise.all(tenants.splice(0).map((t) => t.close()));
});

async function tenant(data: (domain: string) => TenantData, options: FakeTenantOptions = {}): Promise<FakeTenant> {
    const t = await FakeTenant.start(data, options);
    tenants.push(t);
    return t;
}

const small = (domain: string) => generatedTenant(domain, { clients: 5, managementScopes: ["read:users"] });
const json = (stdout: string) => JSON.parse(stdout) as { verdict: string; access: { application: string }[]; findings: { policy: string; object: { id: string; name: string } | null }[]; read: { rateLimited: number; serverErrors: number; waitedMs: number }; system: { id: string }[] };

// Each case starts the CLI (and, on success, the policy pack): seconds each on a busy machine.
describe("auth0-m2m audit", { timeout: 90_000 }, () => {
    it("judges the recorded tenant with the pack: findings name the live object and the fix; Auth0's own objects are not judged", async () => {
        const t = await tenant(recordedTenant);
        const run = await runCli(["audit", "--domain", t.domain, "--format", "json"], t);
        expect(run.code, run.stderr).toBe(1);
        const report = json(run.stdout);
        const defaultFor = report.findings.find((f) => f.policy === "auth0-no-default-for-grants");
        expect(defaultFor?.object).toMatchObject({ id: "cgr_XB6ZHmjNC4RXBCpg" });
        expect(report.findings.filter((f) => f.policy === "auth0-grant-client-is-m2m").map((f) => f.object?.id)).toContain("cgr_Pl14LRDFbzd8W494");
        expect(report.system.map((o) => o.id)).toEqual(["GLOBALclientIDfakeTenant0000000"]);
        expect(run.stdout + run.stderr).not.toContain(t.clientSecret);
        expect(t.requests.every((r) => r.method === "GET" || r.path === "/oauth/token")).toBe(true);
    });

    it("reads every page: clients and resource servers by offset, grants by checkpoint", async () => {
        const t = await tenant((d) => generatedTenant(d, { clients: 7 }), { maxPageSize: 3 });
        const run = await runCli(["audit", "--domain", t.domain, "--format", "json", "--page-size", "3"], t);
        expect(run.code, run.stderr).toBe(0);
        expect(json(run.stdout).access).toHaveLength(7);
        expect(t.requests.filter((r) => r.path === "/api/v2/clients").length).toBe(3);
        expect(t.requests.filter((r) => r.path === "/api/v2/client-grants").length).toBe(3);
        expect(t.requests.filter((r) => r.path === "/api/v2/client-grants").map((r) => r.query.includes("from="))).toEqual([false, true, true]);
    });

    it("backs off on 429 (retry-after, x-ratelimit-reset) and says how long it waited", async () => {
        const limited = () => tenant(small, { faults: [{ path: "/api/v2/clients", kind: "rate-limit", times: 1, retryAfterSeconds: 1 }] });
        const [t, u] = await Promise.all([limited(), limited()]);
        const [run, text] = await Promise.all([runCli(["audit", "--domain", t.domain, "--format", "json"], t), runCli(["audit", "--domain", u.domain], u)]);
        expect(run.code, run.stderr).toBe(0);
        const { read } = json(run.stdout);
        expect(read.rateLimited).toBe(1);
        // retry-after: 1 is honoured (the SDK waits at least that long).
        expect(read.waitedMs).toBeGreaterThanOrEqual(900);
        expect(text.stdout).toMatch(/1 rate-limit answer \(429\) .* waited \d+\.\d s in total/);
    });

    it("retries a 5xx then succeeds, and gives up with exit 2 after --max-retries", async () => {
        const t = await tenant(small, { faults: [{ path: "/api/v2/resource-servers", kind: "server-error", times: 1 }] });
        const run = await runCli(["audit", "--domain", t.domain, "--format", "json"], t);
        expect(run.code, run.stderr).toBe(0);
        expect(json(run.stdout).read.serverErrors).toBe(1);

        const down = await tenant(small, { faults: [{ path: "/api/v2/client-grants", kind: "server-error" }] });
        const failed = await runCli(["audit", "--domain", down.domain, "--max-retries", "0"], down);
        expect(failed.code).toBe(2);
        expect(failed.stderr).toContain(`error: ${down.domain} answered GET /api/v2/client-grants with 503 after 0 retries`);
    });

    it("ends with exit 2 and a clear message on a malformed body", async () => {
        const t = await tenant(small, { faults: [{ path: "/api/v2/clients", kind: "malformed" }] });
        const run = await runCli(["audit", "--domain", t.domain], t);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`error: ${t.domain} answered GET /api/v2/clients with a body the Management API does not send (not JSON)`);
        expect(run.stdout).toBe("");
    });

    it("ends with exit 2 on a TLS failure (a CA that is not the tenant's)", async () => {
        const t = await tenant(small);
        const run = await runCli(["audit", "--domain", t.domain], t, { caFile: await untrustedCaFile() });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/error: TLS failed talking to localhost:\d+ \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    });

    it("ends with exit 2 on refused credentials (401) and a missing scope (403), naming the fix and never the secret", async () => {
        const t = await tenant(small);
        const wrong = await runCli(["audit", "--domain", t.domain], t, { credentials: { AUTH0_CLIENT_ID: t.clientId, AUTH0_CLIENT_SECRET: "not-the-secret-value" } });
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toContain(`error: ${t.domain} refused the client credentials (401: Unauthorized). Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET`);
        expect(wrong.stderr).not.toContain("not-the-secret-value");

        const scoped = await tenant(small, { faults: [{ path: "/api/v2/client-grants", kind: "forbidden" }] });
        const forbidden = await runCli(["audit", "--domain", scoped.domain], scoped);
        expect(forbidden.code).toBe(2);
        expect(forbidden.stderr).toContain("needs the Management API scope read:client_grants");

        const none = await runCli(["audit", "--domain", t.domain], t, { credentials: {} });
        expect(none.code).toBe(2);
        expect(none.stderr).toContain("error: No credentials: set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET");
    });

    it("accepts AUTH0_API_TOKEN", async () => {
        const t = await tenant(small);
        const run = await runCli(["audit", "--domain", t.domain, "--format", "markdown"], t, { credentials: { AUTH0_API_TOKEN: t.issueToken() } });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain(`## auth0-m2m audit: \`${t.domain}\``);
        expect(t.requests.some((r) => r.path === "/oauth/token")).toBe(false);
    });
});
