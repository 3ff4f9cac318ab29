import { beforeAll, describe, expect, it } from "vitest";
import { ComponentArgsError } from "../../../infra/config/argsError";
import { ManagementApi } from "../../../infra/components/managementApi";
import { installMocks, named, registrations } from "../support/mockPulumi";

beforeAll(() => installMocks());

describe("ManagementApi", () => {
    it("adopts the tenant's Management API by its audience, sends only its lifetime, and never deletes it", async () => {
        let api: ManagementApi | undefined;
        const resources = await registrations(() => {
            api = new ManagementApi("mgmt", { domain: "Acme-Dev.EU.auth0.com", tokenLifetime: 3600 });
        });
        const server = named(resources, "mgmt-resource-server");
        expect(server.type).toBe("auth0:index/resourceServer:ResourceServer");
        expect(server.inputs).toEqual({ identifier: "https://acme-dev.eu.auth0.com/api/v2/", name: "Auth0 Management API", tokenLifetime: 3600 });
        expect(server.importId).toBe("https://acme-dev.eu.auth0.com/api/v2/");
        expect(server.retainOnDelete).toBe(true);
        expect(server.parent).toBe("urn:pulumi:test::auth0-m2m::auth0-m2m:index:ManagementApi::mgmt");
        expect(api?.audience).toBe("https://acme-dev.eu.auth0.com/api/v2/");
    });

    it("does not judge a web lifetime it can't set: a lifetime under Auth0's 7,200 s web default is fine", async () => {
        const resources = await registrations(() => new ManagementApi("short", { domain: "short.eu.auth0.com", tokenLifetime: 600 }));
        expect(named(resources, "short-resource-server").inputs.tokenLifetime).toBe(600);
    });

    it.each([
        [{ domain: "https://acme.eu.auth0.com", tokenLifetime: 3600 }, 'domain: "https://acme.eu.auth0.com" includes a scheme'],
        [{ domain: "acme.eu.auth0.com/api/v2", tokenLifetime: 3600 }, 'domain: "acme.eu.auth0.com/api/v2" includes a path'],
        [{ domain: "acme.eu.auth0.com", tokenLifetime: 3_000_000 }, "tokenLifetime: tokenLifetime 3000000 s exceeds the maximum of 2592000 s"],
    ])("rejects %j and registers nothing", async (args, message) => {
        let error: unknown;
        const resources = await registrations(() => {
            try {
                new ManagementApi("bad", args);
            } catch (e) {
                error = e;
            }
        });
        expect(resources).toEqual([]);
        expect(error).toBeInstanceOf(ComponentArgsError);
        expect((error as Error).message).toContain(`  - ${message}`);
    });
});
