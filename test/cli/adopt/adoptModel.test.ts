import { describe, expect, it } from "vitest";
import { buildAdoptModel, keyFor } from "../../../cli/adopt/adoptModel";
import { proposeScopes } from "../../../cli/adopt/proposals";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { GENERATED_API, generatedTenant, recordedTenant } from "../../support/fakeTenant/tenantData";

const DOMAIN = "localhost:8443";

describe("buildAdoptModel", () => {
    const tenant = liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2, managementScopes: ["read:users", "read:roles"] }));
    const model = buildAdoptModel(tenant, DOMAIN);

    it("writes this project's config shape, keeping live scopes and lifetimes, with no secret", () => {
        const machines = model.config["auth0-m2m:machines"] as Record<string, { grants: Record<string, string[]>; authentication: unknown }>;
        expect(model.config["auth0:domain"]).toBe("localhost");
        expect(model.config["auth0-m2m:apis"]).toEqual({
            "orders-api": { identifier: GENERATED_API, name: "Orders API", tokenLifetime: 3600, tokenLifetimeForWeb: 600, scopes: { "read:orders": "Read orders", "write:orders": "Write orders" } },
        });
        expect(machines["orders-worker-0"].grants).toEqual({ "orders-api": ["read:orders"], management: ["read:users", "read:roles"] });
        expect(machines["orders-worker-0"].authentication).toEqual({ method: "client_secret_post", secretVersion: 1 });
        expect(model.secretMachines).toEqual(["orders-worker-0", "orders-worker-1"]);
        expect(JSON.stringify(model.config)).not.toMatch(/client_secret"|secret":/);
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
        const recorded = buildAdoptModel(liveTenantOf(DOMAIN, recordedTenant), DOMAIN);
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
        const adopted = buildAdoptModel(hs256, DOMAIN);
        expect(adopted.config["auth0-m2m:apis"]).toBeUndefined();
        expect(adopted.skipped.map((s) => `${s.kind}: ${s.reason}`)).toEqual([
            "api: it signs tokens with HS256; the Api component signs with RS256, so adopting would break every API that verifies its tokens",
            "grant: its API is not adopted (Auth0's own, or left out with its reason)",
        ]);
    });
});

describe("keyFor", () => {
    it("makes a unique resource key from a display name", () => {
        const taken = new Set<string>();
        expect(["Billing Export", "billing export", "!!!", "Ünïcode API"].map((n) => keyFor(n, taken))).toEqual(["billing-export", "billing-export-2", "item", "n-code-api"]);
    });
});

describe("proposeScopes", () => {
    const machines = buildAdoptModel(liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2, managementScopes: ["read:users", "read:roles"] })), DOMAIN).machineClients;
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
