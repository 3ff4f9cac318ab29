import { beforeAll, describe, expect, it } from "vitest";
import { Api } from "../../../infra/components/api";
import { ComponentArgsError } from "../../../infra/config/argsError";
import { resolveMachineArgs } from "../../../infra/components/machineArgs";
import { MachineClient } from "../../../infra/components/machineClient";
import { ManagementApi } from "../../../infra/components/managementApi";
import { installMocks, named, ofType, registrations, valueOf } from "../support/mockPulumi";

beforeAll(() => installMocks());

const PEM = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n";
const CLIENT = "auth0:index/client:Client";
const GRANT = "auth0:index/clientGrant:ClientGrant";
const CREDENTIALS = "auth0:index/clientCredentials:ClientCredentials";

describe("MachineClient", () => {
    it("is a non_interactive client limited to client credentials, with a generated, rotatable secret by default", async () => {
        let machine: MachineClient | undefined;
        const resources = await registrations(() => {
            machine = new MachineClient("export", { description: "Nightly export", tokenQuota: { perHour: 20, perDay: 200 } });
        });
        expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
            "auth0-m2m:index:MachineClient export",
            `${CLIENT} export-client`,
            `${CREDENTIALS} export-credentials`,
            "random:index/randomPassword:RandomPassword export-secret",
        ]);
        expect(named(resources, "export-client").inputs).toEqual({
            name: "export",
            description: "Nightly export",
            appType: "non_interactive",
            grantTypes: ["client_credentials"],
            isFirstParty: true,
            oidcConformant: true,
            tokenQuota: { clientCredentials: { perHour: 20, perDay: 200, enforce: true } },
        });
        expect(named(resources, "export-secret").inputs).toEqual({ length: 64, special: false, keepers: { secretVersion: "1" } });
        const credentials = named(resources, "export-credentials");
        expect(credentials.inputs).toMatchObject({
            clientId: "export-client-client-id",
            authenticationMethod: "client_secret_post",
            clientSecretWoVersion: 1,
        });
        // The secret travels as a Pulumi secret and the component exposes it only as one.
        expect(JSON.stringify(credentials.inputs.clientSecretWo)).toContain("4dabf18193072939515e22adb298388d");
        expect(await pulumiIsSecret(machine!.clientSecret!)).toBe(true);
        expect(await valueOf(machine!.clientSecret!)).toBe("generated-secret-of-export-secret");
        expect(machine!.authenticationMethod).toBe("client_secret_post");
    });

    it("rotates the secret by bumping secretVersion, which changes the generator's keepers", async () => {
        const resources = await registrations(
            () => new MachineClient("rotated", { authentication: { method: "client_secret_post", secretVersion: 3 } }),
        );
        expect(named(resources, "rotated-secret").inputs.keepers).toEqual({ secretVersion: "3" });
        expect(named(resources, "rotated-credentials").inputs.clientSecretWoVersion).toBe(3);
    });

    it("uses private_key_jwt with the declared public keys, sorted by name, and no secret at all", async () => {
        const resources = await registrations(
            () =>
                new MachineClient("worker", {
                    authentication: {
                        method: "private_key_jwt",
                        publicKeys: { "key-b": { pem: PEM, algorithm: "PS256", expiresAt: "2027-01-01T00:00:00Z" }, "key-a": { pem: PEM } },
                    },
                }),
        );
        expect(resources.some((r) => r.type.startsWith("random:"))).toBe(false);
        expect(named(resources, "worker-credentials").inputs).toEqual({
            clientId: "worker-client-client-id",
            authenticationMethod: "private_key_jwt",
            privateKeyJwt: {
                credentials: [
                    { name: "key-a", credentialType: "public_key", pem: PEM, algorithm: "RS256" },
                    { name: "key-b", credentialType: "public_key", pem: PEM, algorithm: "PS256", expiresAt: "2027-01-01T00:00:00Z" },
                ],
            },
        });
    });

    it("makes one grant per audience, named by its stable key, after the API it depends on", async () => {
        const resources = await registrations(() => {
            const orders = new Api("orders", { identifier: "https://orders.example", scopes: { "read:orders": "", "write:orders": "" } });
            new MachineClient("sync", {
                grants: {
                    orders: { api: orders, scopes: ["write:orders", "read:orders", "read:orders"] },
                    management: { managementApi: { domain: "acme.eu.auth0.com" }, endpoints: ["GET /api/v2/users/{id}", "GET /api/v2/roles"] },
                },
            });
        });
        const grants = ofType(resources, GRANT);
        expect(grants.map((g) => g.name)).toEqual(["sync-grant-management", "sync-grant-orders"]);
        expect(named(resources, "sync-grant-orders").inputs).toEqual({
            clientId: "sync-client-client-id",
            audience: "https://orders.example",
            scopes: ["read:orders", "write:orders"],
        });
        // Depending on the component means depending on its resources: the API and its scope list.
        expect(named(resources, "sync-grant-orders").dependencies).toEqual(
            expect.arrayContaining([
                "urn:pulumi:test::auth0-m2m::auth0-m2m:index:Api$auth0:index/resourceServer:ResourceServer::orders-resource-server",
                "urn:pulumi:test::auth0-m2m::auth0-m2m:index:Api$auth0:index/resourceServerScopes:ResourceServerScopes::orders-scopes",
            ]),
        );
        expect(named(resources, "sync-grant-management").inputs).toEqual({
            clientId: "sync-client-client-id",
            audience: "https://acme.eu.auth0.com/api/v2/",
            scopes: ["read:roles", "read:users"],
        });
    });

    it("accepts a ManagementApi component as the grant's target", async () => {
        const resources = await registrations(() => {
            const managementApi = new ManagementApi("mgmt", { domain: "acme.eu.auth0.com", tokenLifetime: 3600 });
            new MachineClient("reader", { grants: { management: { managementApi, scopes: ["read:users"] } } });
        });
        expect(named(resources, "reader-grant-management").inputs.audience).toBe("https://acme.eu.auth0.com/api/v2/");
    });

    it("rejects every bad argument at once and registers nothing", async () => {
        let error: unknown;
        const resources = await registrations(() => {
            try {
                const orders = new Api("orders-2", { identifier: "https://orders2.example", scopes: { "read:orders": "" } });
                new MachineClient("bad", {
                    tokenQuota: { perHour: 0 },
                    authentication: { method: "private_key_jwt", publicKeys: {} },
                    grants: {
                        orders: { api: orders, scopes: ["read:order", "write:*"] },
                        management: { managementApi: { domain: "acme.eu.auth0.com" }, scopes: ["read:user" as "read:users", "create:client_grants"] },
                        Bad_Key: { managementApi: { domain: "https://acme" }, endpoints: ["GET /api/v2/nope"] },
                    },
                });
            } catch (e) {
                error = e;
            }
        });
        expect(resources.filter((r) => r.name.startsWith("bad"))).toEqual([]);
        expect(error).toBeInstanceOf(ComponentArgsError);
        const lines = (error as Error).message.split("\n");
        expect(lines[0]).toBe('MachineClient "bad" has 9 invalid arguments:');
        expect(lines.slice(1).map((l) => l.replace(/:.*/, ""))).toEqual([
            "  - authentication.publicKeys",
            "  - tokenQuota.perHour",
            "  - grants.orders.scopes[0]",
            "  - grants.orders.scopes[1]",
            "  - grants.management.scopes[0]",
            "  - grants.management.scopes[1]",
            "  - grants.Bad_Key",
            "  - grants.Bad_Key.managementApi.domain",
            "  - grants.Bad_Key.endpoints[0]",
        ]);
        expect(lines[3]).toContain('scope "read:order" is not declared on the API https://orders2.example (declared: read:orders)');
        expect(lines[5]).toContain('unknown Management API scope "read:user" (did you mean "read:users"');
        expect(lines[6]).toContain('"create:client_grants", which grants any application, this one included, any scope on any API');
    });
});

describe("resolveMachineArgs", () => {
    it("refuses two grants on one audience, since Auth0 allows one grant per client and audience", () => {
        const domain = { domain: "acme.eu.auth0.com" };
        const { issues } = resolveMachineArgs({
            grants: { a: { managementApi: domain, scopes: ["read:users"] }, b: { managementApi: domain, scopes: ["read:roles"] } },
        });
        expect(issues).toEqual([
            {
                path: ["grants", "b"],
                message: "grants https://acme.eu.auth0.com/api/v2/ again (already granted by grants.a); Auth0 allows one grant per client and audience, so merge them",
            },
        ]);
    });
});

async function pulumiIsSecret(output: import("@pulumi/pulumi").Output<unknown>): Promise<boolean> {
    return (await (output as any).isSecret) === true && (await valueOf(output)) !== undefined;
}
