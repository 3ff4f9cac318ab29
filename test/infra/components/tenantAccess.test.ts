import { beforeAll, describe, expect, it } from "vitest";
import { TenantAccess } from "../../../infra/components/tenantAccess";
import { TenantConfigError } from "../../../infra/config/tenantConfigError";
import { parseTenantConfig } from "../../../infra/config/parseTenantConfig";
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

    it("takes a config parseTenantConfig returned as it is, without parsing it again, and the same resources follow", async () => {
        const parsed = parseTenantConfig(config());
        if (!parsed.ok) throw new Error("the sample config is valid");
        // Frozen: nothing can change between the check and its use.
        expect(() => Object.assign(parsed.config.apis.orders, { tokenLifetime: 10_000_000 })).toThrow(TypeError);
        let tenant: TenantAccess | undefined;
        const fromParsed = await registrations(() => (tenant = new TenantAccess("t4", parsed.config)));
        expect(tenant!.config).toBe(parsed.config);
        const fromRaw = await registrations(() => new TenantAccess("t4", config()));
        expect(shape(fromParsed)).toEqual(shape(fromRaw));
        // A copy is no longer known to be checked, so it is parsed.
        const copy = structuredClone(parsed.config);
        await registrations(() => expect(new TenantAccess("t5", copy).config).not.toBe(copy));
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

describe("renames (formerly)", () => {
    it("keep a renamed machine's and API's resources by aliasing their old names, grants included", async () => {
        const aliases: Record<string, unknown[]> = {};
        const resources = await registrations(() => {
            const tenant = new TenantAccess("acme", {
                domain: "acme.eu.auth0.com",
                apis: { sales: { identifier: "https://sales.example", formerly: "orders", scopes: { "read:sales": "Read" } } },
                machines: { exporter: { formerly: "billing-export", grants: { sales: ["read:sales"] } } },
            });
            for (const resource of [tenant.apis.sales, tenant.machines.exporter, tenant.machines.exporter.client, tenant.machines.exporter.grants.sales]) {
                aliases[(resource as unknown as { __name: string }).__name] = (resource as unknown as { __aliases: unknown[] }).__aliases;
            }
        });
        expect(resources.map((r) => r.name)).toEqual(expect.arrayContaining(["acme-sales", "acme-exporter", "acme-exporter-client", "acme-exporter-grant-sales"]));
        const names = async (list: unknown[]) => Promise.all(list.map((a) => (a as { promise(): Promise<string> }).promise()));
        expect(await names(aliases["acme-sales"])).toEqual([expect.stringMatching(/::acme-orders$/)]);
        expect(await names(aliases["acme-exporter"])).toEqual([expect.stringMatching(/::acme-billing-export$/)]);
        // The children (acme-exporter-client, ...) follow their parent's alias in the engine, which
        // renames a child's parent-name prefix (pulumi/pulumi step_generator.go generateAliases,
        // inheritedChildAlias); the SDK sends only the declared aliases when the engine does that.
        expect(aliases["acme-exporter-client"]).toEqual([]);
        expect(await names(aliases["acme-exporter-grant-sales"])).toEqual(expect.arrayContaining([expect.stringMatching(/::acme-exporter-grant-orders$/)]));
    });

    it("refuse a former name that is still in use, claimed twice, or the entry's own", () => {
        const parsed = parseTenantConfig({
            domain: "acme.eu.auth0.com",
            apis: { a: { identifier: "https://a.example", formerly: "b" }, b: { identifier: "https://b.example" } },
            machines: { x: { formerly: "x" }, y: { formerly: "old" }, z: { formerly: "old" } },
        });
        expect(parsed.ok ? [] : parsed.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
            'apis.a.formerly: "b" is still the name of apis.b; both can\'t own its resources, so rename that entry first or drop formerly',
            'machines.x.formerly: is "x", this entry\'s own name; formerly names the key it had before a rename, so remove it',
            'machines.z.formerly: "old" is already the former name of machines.y; only one entry can take over its resources',
        ]);
    });
});
