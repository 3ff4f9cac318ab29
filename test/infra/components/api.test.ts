import { beforeAll, describe, expect, it } from "vitest";
import { Api, resolveApiArgs } from "../../../infra/components/api";
import { ComponentArgsError } from "../../../infra/config/argsError";
import { installMocks, named, registrations } from "../support/mockPulumi";

beforeAll(() => installMocks());

describe("resolveApiArgs", () => {
    it("defaults to a one-hour token, a web lifetime no longer than it, and no refresh tokens", () => {
        expect(resolveApiArgs({ identifier: "https://a" })).toEqual({
            tokenLifetime: 3600,
            tokenLifetimeForWeb: 3600,
            allowOfflineAccess: false,
            scopes: {},
            userAccessPolicy: "deny_all",
            rbac: false,
            proofOfPossession: undefined,
        });
        expect(resolveApiArgs({ identifier: "https://a", tokenLifetime: 86_400 }).tokenLifetimeForWeb).toBe(7200);
        expect(resolveApiArgs({ identifier: "https://a", tokenLifetime: 600 }).tokenLifetimeForWeb).toBe(600);
    });
});

describe("Api", () => {
    it("registers the resource server and its one scope list, parented and named from the component", async () => {
        let api: Api | undefined;
        const resources = await registrations(() => {
            api = new Api("orders", {
                identifier: "https://orders.acme.example",
                displayName: "Orders API",
                tokenLifetime: 1800,
                scopes: { "write:orders": "Change orders", "read:orders": "Read orders" },
            });
        });
        expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
            "auth0-m2m:index:Api orders",
            "auth0:index/resourceServer:ResourceServer orders-resource-server",
            "auth0:index/resourceServerScopes:ResourceServerScopes orders-scopes",
        ]);
        const component = named(resources, "orders");
        const server = named(resources, "orders-resource-server");
        expect(server.parent).toBe(`urn:pulumi:test::auth0-m2m::auth0-m2m:index:Api::orders`);
        expect(server.inputs).toEqual({
            identifier: "https://orders.acme.example",
            name: "Orders API",
            signingAlg: "RS256",
            tokenLifetime: 1800,
            tokenLifetimeForWeb: 1800,
            allowOfflineAccess: false,
            subjectTypeAuthorization: { client: { policy: "require_client_grant" }, user: { policy: "deny_all" } },
            enforcePolicies: false,
        });
        expect(named(resources, "orders-scopes").inputs).toEqual({
            resourceServerIdentifier: "https://orders.acme.example",
            scopes: [
                { name: "read:orders", description: "Read orders" },
                { name: "write:orders", description: "Change orders" },
            ],
        });
        expect(component.custom).toBe(false);
        expect(api?.scopeNames).toEqual(["read:orders", "write:orders"]);
    });

    it("opens user access only as declared, with RBAC, and binds tokens when asked", async () => {
        const resources = await registrations(() => {
            new Api("users", {
                identifier: "https://users.acme.example",
                userAccessPolicy: "require_client_grant",
                proofOfPossession: { mechanism: "mtls" },
            });
        });
        const inputs = named(resources, "users-resource-server").inputs;
        expect(inputs.subjectTypeAuthorization).toEqual({ client: { policy: "require_client_grant" }, user: { policy: "require_client_grant" } });
        expect(inputs.enforcePolicies).toBe(true);
        expect(inputs.tokenDialect).toBe("access_token_authz");
        expect(inputs.proofOfPossession).toEqual({ mechanism: "mtls", required: true });
    });

    it.each([
        [{ userAccessPolicy: "allow_all" }, 'userAccessPolicy: must be one of "deny_all", "require_client_grant"'],
        [{ proofOfPossession: { mechanism: "tls" } }, 'proofOfPossession.mechanism: must be one of "mtls", "dpop"'],
    ])("refuses an open or unknown access setting %j, registering nothing", async (extra, message) => {
        const resources = await registrations(() => {
            expect(() => new Api("bad", { identifier: "https://bad.example", ...(extra as object) })).toThrow(message);
        });
        expect(resources).toEqual([]);
    });

    it.each([
        [{ tokenLifetime: 2_592_001 }, "tokenLifetime: tokenLifetime 2592001 s exceeds the maximum of 2592000 s"],
        [{ tokenLifetime: 600, tokenLifetimeForWeb: 1200 }, "tokenLifetimeForWeb: tokenLifetimeForWeb 1200 s exceeds tokenLifetime (600 s)"],
        [{ tokenLifetime: 0 }, "tokenLifetime: must be above 0"],
        [{ scopes: { "read:*": "everything" } }, 'scopes["read:*"]: scope "read:*" contains a wildcard'],
        [{ identifier: "" }, "identifier: must be a non-empty string"],
    ])("rejects %j before registering anything", async (override, message) => {
        let error: unknown;
        const resources = await registrations(() => {
            try {
                new Api("bad", { identifier: "https://bad.example", ...override });
            } catch (e) {
                error = e;
            }
        });
        expect(resources).toEqual([]);
        expect(error).toBeInstanceOf(ComponentArgsError);
        expect((error as Error).message).toMatch(/^Api "bad" has (an invalid argument|\d invalid arguments):\n/);
        expect((error as Error).message).toContain(`\n  - ${message}`);
    });

    it("allows Auth0's own maximum, since the guardrail default is for the policy pack to enforce", async () => {
        const resources = await registrations(() => new Api("long", { identifier: "https://long.example", tokenLifetime: 2_592_000 }));
        expect(named(resources, "long-resource-server").inputs.tokenLifetime).toBe(2_592_000);
    });
});
