// Runs this project's Pulumi program (infra/index.ts) for the dev stack under the mocks.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStackTenantConfig } from "../../infra/config/loadStackConfig";
import { installMocks, registrations, type Registered } from "./support/mockPulumi";

const repo = path.join(__dirname, "..", "..");

/** Sets config the way the CLI hands it to a program: structured values as JSON strings. */
function setStackConfig(config: Record<string, unknown>): void {
    pulumi.runtime.setAllConfig(
        Object.fromEntries(Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)])),
    );
}

const devConfig = () => parse(fs.readFileSync(path.join(repo, "Pulumi.dev.yaml"), "utf8")).config as Record<string, unknown>;

beforeAll(() => installMocks("auth0-m2m", "dev"));

describe("the program, for Pulumi.dev.yaml", () => {
    let resources: Registered[];
    beforeAll(async () => {
        setStackConfig(devConfig());
        resources = await registrations(() => import("../../infra/index.js"));
    });

    const find = (name: string) => resources.find((r) => r.name === name)!;

    it("registers every resource of the dev tenant", () => {
        expect(resources.filter((r) => r.custom).map((r) => `${r.type} ${r.name}`).sort()).toEqual([
            "auth0:index/client:Client tenant-billing-export-client",
            "auth0:index/client:Client tenant-fulfilment-worker-client",
            "auth0:index/client:Client tenant-user-directory-sync-client",
            "auth0:index/clientCredentials:ClientCredentials tenant-billing-export-credentials",
            "auth0:index/clientCredentials:ClientCredentials tenant-fulfilment-worker-credentials",
            "auth0:index/clientCredentials:ClientCredentials tenant-user-directory-sync-credentials",
            "auth0:index/clientGrant:ClientGrant tenant-billing-export-grant-invoices",
            "auth0:index/clientGrant:ClientGrant tenant-billing-export-grant-orders",
            "auth0:index/clientGrant:ClientGrant tenant-fulfilment-worker-grant-orders",
            "auth0:index/clientGrant:ClientGrant tenant-user-directory-sync-grant-management",
            "auth0:index/resourceServer:ResourceServer tenant-invoices-resource-server",
            "auth0:index/resourceServer:ResourceServer tenant-management-api-resource-server",
            "auth0:index/resourceServer:ResourceServer tenant-orders-resource-server",
            "auth0:index/resourceServerScopes:ResourceServerScopes tenant-invoices-scopes",
            "auth0:index/resourceServerScopes:ResourceServerScopes tenant-orders-scopes",
            "random:index/randomPassword:RandomPassword tenant-billing-export-secret",
            "random:index/randomPassword:RandomPassword tenant-user-directory-sync-secret",
        ]);
    });

    it("derives the directory sync's least-privilege scopes from the endpoints it calls", () => {
        expect(find("tenant-user-directory-sync-grant-management").inputs).toEqual({
            clientId: "tenant-user-directory-sync-client-client-id",
            audience: "https://acme-dev.eu.auth0.com/api/v2/",
            scopes: ["read:role_members", "read:roles", "read:users"],
        });
    });

    it("adopts the Management API and shortens its tokens", () => {
        const server = find("tenant-management-api-resource-server");
        expect(server.inputs).toEqual({ identifier: "https://acme-dev.eu.auth0.com/api/v2/", name: "Auth0 Management API", tokenLifetime: 3600 });
        expect([server.importId, server.retainOnDelete]).toEqual(["https://acme-dev.eu.auth0.com/api/v2/", true]);
    });

    it("gives the invoices API its 15-minute tokens", () => {
        expect(find("tenant-invoices-resource-server").inputs).toMatchObject({ tokenLifetime: 900, tokenLifetimeForWeb: 900, signingAlg: "RS256" });
    });
});

describe("loadStackTenantConfig", () => {
    it("names an unknown auth0-m2m config key, with the key it probably meant", () => {
        setStackConfig({ ...devConfig(), "auth0-m2m:machine": {} });
        expect(() => loadStackTenantConfig()).toThrow(
            'auth0-m2m config: unknown config key "auth0-m2m:machine" (did you mean "auth0-m2m:machines"?); known: auth0-m2m:tenantDomain, auth0-m2m:managementApi, auth0-m2m:apis, auth0-m2m:machines',
        );
    });

    it("asks for auth0:domain when it is missing", () => {
        const { "auth0:domain": _domain, ...rest } = devConfig();
        setStackConfig(rest);
        expect(() => loadStackTenantConfig()).toThrow("auth0:domain: is required");
    });
});
