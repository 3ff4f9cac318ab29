import { beforeAll, describe, expect, it } from "vitest";
import { TenantAccess } from "../../../infra/components/tenantAccess";
import { TenantConfigError } from "../../../infra/config/tenantConfigError";
import { installMocks, registrations, type Registered } from "../support/mockPulumi";

beforeAll(() => installMocks());

const config = () => ({
    domain: "acme-dev.eu.auth0.com",
    managementApi: { tokenLifetime: 3600 },
    apis: {
        orders: { identifier: "https://orders.example", scopes: { "read:orders": "Read", "write:orders": "Write" } },
        invoices: { identifier: "https://invoices.example", tokenLifetime: 900, scopes: { "read:invoices": "Read" } },
    },
    machines: {
        export: { grants: { orders: ["read:orders"], invoices: ["read:invoices"] } },
        sync: { tokenQuota: { perDay: 10 }, grants: { management: { endpoints: ["GET /api/v2/users/{id}/roles"] } } },
    },
});

/** What would change in a deployment if it differed: identity (type, name, parent) and inputs. */
const shape = (resources: readonly Registered[]) =>
    resources
        .map((r) => JSON.stringify({ type: r.type, name: r.name, parent: r.parent, inputs: r.inputs, importId: r.importId }))
        .sort();

/** Reverses the key order of every map in the config, recursively. */
function reversed(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reversed);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe("TenantAccess", () => {
    it("builds the tenant's APIs, Management API and machines, each named from its config key", async () => {
        let tenant: TenantAccess | undefined;
        const resources = await registrations(() => (tenant = new TenantAccess("t1", config())));
        expect(resources.filter((r) => !r.custom).map((r) => `${r.type} ${r.name}`).sort()).toEqual([
            "auth0-m2m:index:Api t1-invoices",
            "auth0-m2m:index:Api t1-orders",
            "auth0-m2m:index:MachineClient t1-export",
            "auth0-m2m:index:MachineClient t1-sync",
            "auth0-m2m:index:ManagementApi t1-management-api",
            "auth0-m2m:index:TenantAccess t1",
        ]);
        const grants = resources.filter((r) => r.type === "auth0:index/clientGrant:ClientGrant");
        expect(grants.map((g) => [g.name, g.inputs.audience, g.inputs.scopes]).sort()).toEqual([
            ["t1-export-grant-invoices", "https://invoices.example", ["read:invoices"]],
            ["t1-export-grant-orders", "https://orders.example", ["read:orders"]],
            ["t1-sync-grant-management", "https://acme-dev.eu.auth0.com/api/v2/", ["read:role_members", "read:roles", "read:users"]],
        ]);
        const apiParent = "urn:pulumi:test::auth0-m2m::auth0-m2m:index:TenantAccess::t1";
        expect(resources.find((r) => r.name === "t1-orders")?.parent).toBe(apiParent);
        expect(tenant?.managementApiAudience).toBe("https://acme-dev.eu.auth0.com/api/v2/");
    });

    it("registers the same resources, by the same names, whatever order the config lists things in", async () => {
        const inOrder = await registrations(() => new TenantAccess("t2", config()));
        const reordered = await registrations(() => new TenantAccess("t2", reversed(config()) as ReturnType<typeof config>));
        expect(shape(reordered)).toEqual(shape(inOrder));
    });

    it("registers nothing at all when any part of the config is invalid", async () => {
        let error: unknown;
        const bad = config();
        (bad.machines.export.grants as Record<string, string[]>).orders = ["read:order"];
        const resources = await registrations(() => {
            try {
                new TenantAccess("t3", bad);
            } catch (e) {
                error = e;
            }
        });
        expect(resources).toEqual([]);
        expect(error).toBeInstanceOf(TenantConfigError);
        expect((error as Error).message).toBe(
            "Invalid auth0-m2m config: 1 problem; nothing was registered.\n" +
                '  - machines.export.grants.orders[0]: scope "read:order" is not declared on apis.orders (declared: read:orders, write:orders); declare it there first',
        );
    });
});
