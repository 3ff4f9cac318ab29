import { describe, expect, it } from "vitest";
import { buildAdoptModel, keyFor } from "../../../cli/adopt/adoptModel";
import { proposeScopes } from "../../../cli/adopt/proposals";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { GENERATED_API, generatedTenant, recordedTenant } from "../../support/fakeTenant/tenantData";

const DOMAIN = "localhost:8443";
/** What the stack's auth0:domain gets (--config-domain): the loopback host is no tenant domain. */
const CONFIG_DOMAIN = "fake-tenant.eu.auth0.com";

describe("buildAdoptModel", () => {
    const tenant = liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2, managementScopes: ["read:users", "read:roles"] }));
    const model = buildAdoptModel(tenant, CONFIG_DOMAIN);

    it("writes this project's config shape, keeping live scopes and lifetimes, with no secret", () => {
        const machines = model.config["auth0-m2m:machines"] as Record<string, { grants: Record<string, string[]>; authentication: unknown }>;
        expect(model.config["auth0:domain"]).toBe(CONFIG_DOMAIN);
        expect(model.config["auth0-m2m:apis"]).toEqual({
            "orders-api": {
                identifier: GENERATED_API,
                name: "Orders API",
                tokenLifetime: 3600,
                tokenLifetimeForWeb: 600,
                scopes: { "read:orders": "Read orders", "write:orders": "Write orders" },
                userAccessPolicy: "deny_all",
            },
        });
        expect(machines["orders-worker-0"].grants).toEqual({ "orders-api": ["read:orders"], management: ["read:users", "read:roles"] });
        expect(machines["orders-worker-0"].authentication).toEqual({ method: "client_secret_post", secretVersion: 1 });
        expect(model.secretMachines).toEqual(["orders-worker-0", "orders-worker-1"]);
        expect(JSON.stringify(model.config)).not.toMatch(/client_secret"|secret":/);
    });

    it("keeps a client_secret_basic application's method, so its first update doesn't change how it authenticates", () => {
        const basic = liveTenantOf(DOMAIN, (d) => {
            const data = generatedTenant(d, { clients: 1 });
            return { ...data, clients: data.clients.map((c) => (c.app_type === "non_interactive" ? { ...c, token_endpoint_auth_method: "client_secret_basic" } : c)) };
        });
        const machines = buildAdoptModel(basic, CONFIG_DOMAIN).config["auth0-m2m:machines"] as Record<string, { authentication: unknown }>;
        expect(machines["orders-worker-0"].authentication).toEqual({ method: "client_secret_basic", secretVersion: 1 });
    });

    it("maps each live id to the resource name the components give it, under the right parent", () => {
        expect(model.imports).toContainEqual({ type: "auth0:index/clientGrant:ClientGrant", name: "tenant-orders-worker-1-grant-orders-api", id: "cgr_gen000000001", parent: "tenant-orders-worker-1" });
        expect(model.imports).toContainEqual({ type: "auth0:index/clientGrant:ClientGrant", name: "tenant-orders-worker-0-grant-management", id: "cgr_genManagement0", parent: "tenant-orders-worker-0" });
        expect(model.imports[0]).toEqual({ type: "auth0-m2m:index:TenantAccess", name: "tenant", component: true });
        // Every non-component entry has a live id, and no two entries share a name.
        expect(model.imports.filter((i) => !i.component).every((i) => typeof i.id === "string" && i.id !== "")).toBe(true);
        expect(new Set(model.imports.map((i) => i.name)).size).toBe(model.imports.length);
        expect(model.names.get("cgr_gen000000000")).toBe("tenant-orders-worker-0-grant-orders-api");
    });

    it("leaves out what the components can't express without changing a live object, with the reason", () => {
        const recorded = buildAdoptModel(liveTenantOf(DOMAIN, recordedTenant), CONFIG_DOMAIN);
        const reasons = recorded.skipped.map((s) => `${s.kind} ${s.id}: ${s.reason}`);
        expect(reasons).toContainEqual(expect.stringMatching(/^application ZZS635abxff29S7rJrTaRU1oVNdrQiLT: grant_types .* would remove the others from a running application$/));
        expect(reasons).toContainEqual(expect.stringMatching(/^grant cgr_XB6ZHmjNC4RXBCpg: a defaultFor grant has no single application/));
        expect(recorded.imports.some((i) => i.id === "GLOBALclientIDfakeTenant0000000")).toBe(false);
    });

    it("leaves out an API that signs with anything but the component's RS256, and the grants on it", () => {
        const hs256 = liveTenantOf(DOMAIN, (d) => {
            const data = generatedTenant(d, { clients: 1 });
            return { ...data, resourceServers: data.resourceServers.map((s) => (s.identifier === GENERATED_API ? { ...s, signing_alg: "HS256" } : s)) };
        });
        const adopted = buildAdoptModel(hs256, CONFIG_DOMAIN);
        expect(adopted.config["auth0-m2m:apis"]).toBeUndefined();
        expect(adopted.skipped.map((s) => `${s.kind}: ${s.reason}`)).toEqual([
            "api: it signs tokens with HS256; the Api component signs with RS256, so adopting would break every API that verifies its tokens",
            "grant: its API is not adopted (Auth0's own, or left out with its reason)",
        ]);
    });
});

describe("buildAdoptModel: live access policies", () => {
    const withOrdersApi = (change: Record<string, unknown>) =>
        liveTenantOf(DOMAIN, (d) => {
            const data = generatedTenant(d, { clients: 1 });
            return { ...data, resourceServers: data.resourceServers.map((s) => (s.identifier === GENERATED_API ? { ...s, ...change } : s)) };
        });
    const apiOf = (change: Record<string, unknown>) => (buildAdoptModel(withOrdersApi(change), CONFIG_DOMAIN).config["auth0-m2m:apis"] as Record<string, unknown> | undefined)?.["orders-api"];
    const skippedOf = (change: Record<string, unknown>) => buildAdoptModel(withOrdersApi(change), CONFIG_DOMAIN).skipped.map((s) => `${s.kind} ${s.id}: ${s.reason}`);

    it("never closes a live API open to every application: it is left out, with why and how to fix it, and so are the grants on it", () => {
        for (const open of [{ subject_type_authorization: { user: { policy: "allow_all" }, client: { policy: "require_client_grant" } } }, { subject_type_authorization: undefined }]) {
            const model = buildAdoptModel(withOrdersApi(open), CONFIG_DOMAIN);
            expect(model.config["auth0-m2m:apis"]).toBeUndefined();
            expect(model.imports.some((i) => i.id === "genOrdersApi000000000000")).toBe(false);
            expect(model.skipped[0]).toMatchObject({ kind: "api", id: "genOrdersApi000000000000", name: "Orders API", reason: expect.stringMatching(/user access is "allow_all" live.*adopting would close it and break the applications that sign users in to it$/) });
            expect(model.skipped[0].fix).toContain('"require_client_grant"');
            expect(model.skipped[1]).toMatchObject({ kind: "grant", id: "cgr_gen000000000", reason: "its API is not adopted (Auth0's own, or left out with its reason)" });
        }
    });

    it("keeps user access through grants with RBAC, and proof of possession, as live", () => {
        const rbac = { subject_type_authorization: { user: { policy: "require_client_grant" }, client: { policy: "require_client_grant" } }, enforce_policies: true, token_dialect: "access_token_authz" };
        expect(apiOf({ ...rbac, proof_of_possession: { mechanism: "dpop", required: false, required_for: "all_clients" } })).toMatchObject({ userAccessPolicy: "require_client_grant", proofOfPossession: { mechanism: "dpop", required: false } });
        expect(apiOf({ proof_of_possession: { mechanism: "mtls", required: true } })).toMatchObject({ userAccessPolicy: "deny_all", proofOfPossession: { mechanism: "mtls", required: true } });
    });

    it.each([
        [{ subject_type_authorization: { user: { policy: "deny_all" }, client: { policy: "deny_all" } } }, /client access is "deny_all" live; the Api component always sets "require_client_grant"/],
        [{ enforce_policies: true }, /RBAC \(enforce_policies\) is on live, but with user access "deny_all" the Api component turns it off/],
        [{ subject_type_authorization: { user: { policy: "require_client_grant" }, client: { policy: "require_client_grant" } }, enforce_policies: true, token_dialect: "rfc9068_profile_authz" }, /token dialect is "rfc9068_profile_authz" live/],
        [{ proof_of_possession: { mechanism: "dpop", required: true, required_for: "public_clients" } }, /proof-of-possession applies to "public_clients" only/],
    ])("leaves out an API whose live access the config can't hold: %j", (change, reason) => {
        expect(apiOf(change)).toBeUndefined();
        expect(skippedOf(change)[0]).toMatch(reason);
    });
});

describe("buildAdoptModel: only config the schema accepts", () => {
    const tenant = (tokenLifetime: number, managementScopes?: string[]) => liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2, tokenLifetime, managementScopes }));

    it("leaves out each object the config check refuses, with the schema's reason, and keeps the rest", () => {
        const model = buildAdoptModel(tenant(3600, ["read:users", "update:clients"]), CONFIG_DOMAIN);
        const machines = model.config["auth0-m2m:machines"] as Record<string, { grants: Record<string, string[]> }>;
        // The escalating Management API grant is out; the application and its other grant stay.
        expect(machines["orders-worker-0"].grants).toEqual({ "orders-api": ["read:orders"] });
        expect(model.imports.some((i) => i.id === "cgr_genManagement0")).toBe(false);
        expect(model.skipped).toEqual([
            {
                kind: "grant",
                id: "cgr_genManagement0",
                name: `orders-worker-0 → https://${DOMAIN}/api/v2/`,
                reason: expect.stringMatching(/^the config check refuses it: auth0-m2m:machines\.orders-worker-0\.grants\.management\[1\]: .*update:clients/),
                fix: expect.stringContaining("run adopt again"),
            },
        ]);
    });

    it("leaves out an API over the guardrail lifetime, and so the grants on it", () => {
        const model = buildAdoptModel(tenant(30 * 86_400), CONFIG_DOMAIN);
        expect(model.config["auth0-m2m:apis"]).toBeUndefined();
        expect(model.skipped.map((s) => `${s.kind} ${s.id}`)).toEqual(["api genOrdersApi000000000000", "grant cgr_gen000000000", "grant cgr_gen000000001"]);
        expect(model.skipped[0].reason).toMatch(/^the config check refuses it: auth0-m2m:apis\.orders-api\.tokenLifetime: /);
        expect(model.skipped[1].reason).toBe('its API "Orders API" is not adopted (listed with its reason)');
        expect(Object.keys(model.config["auth0-m2m:machines"] as object)).toEqual(["orders-worker-0", "orders-worker-1"]);
    });

    it("fails whole when the domain itself is refused, and takes a custom domain's canonical one from the live Management API", () => {
        expect(() => buildAdoptModel(tenant(3600), "localhost")).toThrow(/adopt can't write a stack config this project accepts; nothing was written:\n {2}- auth0:domain: "localhost" is not a host name/);
        const custom = buildAdoptModel(liveTenantOf("acme.eu.auth0.com", (d) => generatedTenant(d, { clients: 1, managementScopes: ["read:users"] })), "login.acme.example");
        expect(custom.config).toMatchObject({ "auth0:domain": "login.acme.example", "auth0-m2m:tenantDomain": "acme.eu.auth0.com" });
    });
});

describe("keyFor", () => {
    it("makes a unique resource key from a display name", () => {
        const taken = new Set<string>();
        expect(["Billing Export", "billing export", "!!!", "Ünïcode API"].map((n) => keyFor(n, taken))).toEqual(["billing-export", "billing-export-2", "item", "n-code-api"]);
    });
});

describe("proposeScopes", () => {
    const machines = buildAdoptModel(liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2, managementScopes: ["read:users", "read:roles"] })), CONFIG_DOMAIN).machineClients;
    const live = (machine: string) => (machine === "orders-worker-0" ? ["read:users", "read:roles"] : undefined);

    it("proposes the endpoints' scopes next to the live ones, by application name or client id", () => {
        const byName = proposeScopes({ "orders-worker-0": ["GET /api/v2/users", "GET /api/v2/clients"] }, machines, live, "e.json");
        expect(byName).toEqual([{ machine: "orders-worker-0", live: ["read:users", "read:roles"], proposed: ["read:client_summary", "read:users"], unneeded: ["read:roles"], missing: ["read:client_summary"] }]);
        const clientId = machines.get("orders-worker-0")!.client_id;
        expect(proposeScopes({ [clientId]: ["GET /api/v2/users"] }, machines, live, "e.json")[0].unneeded).toEqual(["read:roles"]);
    });

    it.each([
        [{ "orders-worker-1": ["GET /api/v2/users"] }, `--endpoints e.json names "orders-worker-1", which is no adopted application with a Management API grant`],
        [{ "orders-worker-0": ["GET /api/v2/nowhere"] }, `--endpoints e.json, "orders-worker-0": `],
    ])("rejects %j", (endpoints, message) => {
        expect(() => proposeScopes(endpoints, machines, live, "e.json")).toThrow(message);
    });
});
