// The tenant reader in-process against the fake tenant over real TLS: pagination, the SDK's
// retries and every read failure, without starting the CLI or a policy pack.
import { afterAll, describe, expect, it } from "vitest";
import { readTenant, type ReadTenantOptions } from "../../../cli/audit/readTenant";
import { caFetch } from "../../support/fakeTenant/caFetch";
import { testCertificates } from "../../support/fakeTenant/certificates";
import { FakeTenant, type FakeTenantOptions } from "../../support/fakeTenant/server";
import { generatedTenant } from "../../support/fakeTenant/tenantData";

const tenants: FakeTenant[] = [];
afterAll(async () => {
    for (const t of tenants) expect(t.writes, "the reader wrote to the tenant").toEqual([]);
    await Promise.all(tenants.map((t) => t.close()));
});

async function read(options: FakeTenantOptions & { clients?: number; credentials?: (t: FakeTenant) => ReadTenantOptions["credentials"]; pageSize?: number; maxRetries?: number } = {}) {
    const t = await FakeTenant.start((d) => generatedTenant(d, { clients: options.clients ?? 2, managementScopes: ["read:users"] }), options);
    tenants.push(t);
    const fetch = caFetch((await testCertificates()).caFile);
    const credentials = options.credentials?.(t) ?? { kind: "client-credentials", clientId: t.clientId, clientSecret: t.clientSecret };
    const reading = readTenant({ domain: t.domain, credentials, pageSize: options.pageSize, maxRetries: options.maxRetries ?? 2, timeoutSeconds: 5, fetch });
    return { t, result: await reading.then((tenant) => ({ tenant }), (error: unknown) => ({ error: error as Error })) };
}

describe("readTenant", () => {
    it("reads every page: clients and resource servers by offset, grants by checkpoint", async () => {
        const { t, result } = await read({ clients: 7, maxPageSize: 3, pageSize: 3 });
        if (!("tenant" in result)) throw result.error;
        expect(result.tenant.clients).toHaveLength(8);
        expect(result.tenant.clientGrants).toHaveLength(8);
        expect(t.requests.filter((r) => r.path === "/api/v2/clients").length).toBe(3);
        expect(t.requests.filter((r) => r.path === "/api/v2/client-grants").map((r) => r.query.includes("from="))).toEqual([false, true, true]);
        expect(t.requests.every((r) => r.method === "GET" || r.path === "/oauth/token")).toBe(true);
    });

    it("retries a 429 (retry-after, x-ratelimit-reset) and a 5xx, and counts the wait; an API token needs no token request", async () => {
        const [limited, failing] = await Promise.all([
            read({ faults: [{ path: "/api/v2/clients", kind: "rate-limit", times: 1, retryAfterSeconds: 1 }] }),
            read({ faults: [{ path: "/api/v2/resource-servers", kind: "server-error", times: 1 }], credentials: (t) => ({ kind: "token", token: t.issueToken() }) }),
        ]);
        if (!("tenant" in limited.result)) throw limited.result.error;
        expect(limited.result.tenant.read).toMatchObject({ rateLimited: 1, serverErrors: 0 });
        // retry-after: 1 is honoured (the SDK waits at least that long).
        expect(limited.result.tenant.read.waitedMs).toBeGreaterThanOrEqual(900);
        if (!("tenant" in failing.result)) throw failing.result.error;
        expect(failing.result.tenant.read).toMatchObject({ rateLimited: 0, serverErrors: 1 });
        expect(failing.result.tenant.resourceServers).toHaveLength(2);
        expect(failing.t.requests.some((r) => r.path === "/oauth/token")).toBe(false);
    });

    it("ends each read failure with a message that says what failed and how to fix it", async () => {
        const cases = await Promise.all([
            read({ faults: [{ path: "/api/v2/client-grants", kind: "server-error" }], maxRetries: 0 }),
            read({ faults: [{ path: "/api/v2/clients", kind: "malformed" }] }),
            read({ faults: [{ path: "/api/v2/client-grants", kind: "forbidden" }] }),
            read({ credentials: (t) => ({ kind: "client-credentials", clientId: t.clientId, clientSecret: "not-the-secret-value" }) }),
        ]);
        const messages = cases.map(({ result }) => ("error" in result ? result.error.message : "read succeeded"));
        expect(messages[0]).toContain(`${cases[0].t.domain} answered GET /api/v2/client-grants with 503 after 0 retries`);
        expect(messages[1]).toContain(`${cases[1].t.domain} answered GET /api/v2/clients with a body the Management API does not send (not JSON)`);
        expect(messages[2]).toContain("needs the Management API scope read:client_grants");
        expect(messages[3]).toContain(`${cases[3].t.domain} refused the client credentials (401: Unauthorized). Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET`);
        expect(messages.join("\n")).not.toContain("not-the-secret-value");
    });
});
