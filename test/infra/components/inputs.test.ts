// Values that come from other resources (pulumi.Input): accepted, passed to the children, and
// checked when they resolve with the same message as a value known at construction.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { Api } from "../../../infra/components/api";
import { MachineClient } from "../../../infra/components/machineClient";
import { TenantAccess } from "../../../infra/components/tenantAccess";
import { installMocks, named, registrations } from "../support/mockPulumi";

beforeAll(() => installMocks());

const PEM = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----";
/** A value another resource gives: only known once it resolves. */
const later = (value: string): pulumi.Output<string> => pulumi.output(new Promise<string>((resolve) => setTimeout(() => resolve(value), 1)));
/** What an Output settles to, or its error. */
const settled = (output: pulumi.Output<unknown>) => (output as unknown as { promise(): Promise<unknown> }).promise();

describe("Api with an identifier from another resource", () => {
    it("passes it to the resource server and the scope list", async () => {
        let api!: Api;
        const resources = await registrations(() => {
            api = new Api("later", { identifier: later("https://later.acme.example"), displayName: later("Later API"), scopes: { "read:x": "X" } });
        });
        expect(named(resources, "later-resource-server").inputs).toMatchObject({ identifier: "https://later.acme.example", name: "Later API" });
        expect(named(resources, "later-scopes").inputs.resourceServerIdentifier).toBe("https://later.acme.example");
        expect(api.knownIdentifier).toBeUndefined();
        expect(api.label).toBe('the API "later"');
        await expect(settled(api.identifier)).resolves.toBe("https://later.acme.example");
    });

});

describe("MachineClient with values from other resources", () => {
    it("accepts a pem, a description and a tenant domain as Outputs, and passes them on", async () => {
        let machine!: MachineClient;
        const resources = await registrations(() => {
            const orders = new Api("orders-later", { identifier: later("https://orders.later.example"), scopes: { "read:orders": "" } });
            machine = new MachineClient("signer", {
                description: later("Signs with a key made in the same program"),
                authentication: { method: "private_key_jwt", publicKeys: { generated: { pem: later(PEM) } } },
                grants: {
                    orders: { api: orders, scopes: ["read:orders"] },
                    management: { managementApi: { domain: later("acme.eu.auth0.com") }, scopes: ["read:users"] },
                },
            });
        });
        expect(named(resources, "signer-client").inputs.description).toBe("Signs with a key made in the same program");
        expect(named(resources, "signer-credentials").inputs.privateKeyJwt.credentials).toEqual([
            { name: "generated", credentialType: "public_key", pem: PEM, algorithm: "RS256" },
        ]);
        expect(named(resources, "signer-grant-orders").inputs.audience).toBe("https://orders.later.example");
        expect(named(resources, "signer-grant-management").inputs.audience).toBe("https://acme.eu.auth0.com/api/v2/");
        await expect(settled(machine.grantedScopes)).resolves.toEqual({
            "https://orders.later.example": ["read:orders"],
            "https://acme.eu.auth0.com/api/v2/": ["read:users"],
        });
    });

    it("still checks the values known now, all at once, before anything is registered", () => {
        expect(() =>
            new MachineClient("mixed", {
                description: "x".repeat(141),
                authentication: { method: "private_key_jwt", publicKeys: { a: { pem: later(PEM), algorithm: "HS256" as "RS256" } } },
            }),
        ).toThrow(/description: must be at most 140 characters[\s\S]*authentication\.publicKeys\.a\.algorithm/);
    });

});

describe("resource options reach the children", () => {
    it("protect and ignoreChanges on a component apply to every child", async () => {
        const resources = await registrations(() => new MachineClient("guarded", {}, { protect: true, ignoreChanges: ["description"] }));
        for (const child of ["guarded-client", "guarded-secret", "guarded-credentials"]) {
            expect([named(resources, child).protect, named(resources, child).ignoreChanges], child).toEqual([true, ["description"]]);
        }
    });

    it("ignoreChanges reaches the mTLS credentials, and TenantAccess passes it to its components' children", async () => {
        const CERT = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
        const resources = await registrations(() => {
            for (const method of ["tls_client_auth", "self_signed_tls_client_auth"] as const) {
                new MachineClient(method, { authentication: { method, certificates: { main: { pem: CERT } } } }, { ignoreChanges: ["description"] });
            }
            new TenantAccess(
                "tenant",
                { domain: "acme.eu.auth0.com", managementApi: { tokenLifetime: 3600 }, apis: { orders: { identifier: "https://orders.acme.example" } }, machines: { job: {} } },
                { ignoreChanges: ["description"] },
            );
        });
        for (const child of ["tls_client_auth-credentials", "self_signed_tls_client_auth-credentials", "tenant-job-client", "tenant-orders-resource-server"]) {
            expect(named(resources, child).ignoreChanges, child).toEqual(["description"]);
        }
        expect(resources.find((r) => r.type === "auth0:index/resourceServer:ResourceServer" && r.name.includes("management-api"))?.ignoreChanges).toEqual(["description"]);
    });
});
