import { describe, expect, it } from "vitest";
import { deployerScopesFor, isKnownToDeployerScopes } from "../../../policy-pack/guardrails/deployerScopes";
import { DEFAULT_ESCALATION_SCOPES } from "../../../policy-pack/guardrails/scopeRisks";

const scopesOf = (resources: Parameters<typeof deployerScopesFor>[0]) => deployerScopesFor(resources).map((s) => s.scope);

describe("deployerScopesFor", () => {
    it("needs the full lifecycle for a created client, grant and API", () => {
        expect(
            scopesOf([
                { type: "auth0:index/client:Client", inputs: {} },
                { type: "auth0:index/clientGrant:ClientGrant", inputs: {} },
                { type: "auth0:index/resourceServer:ResourceServer", inputs: {} },
                { type: "auth0:index/resourceServerScopes:ResourceServerScopes", inputs: {} },
            ]),
        ).toEqual([
            "create:client_grants",
            "create:clients",
            "create:resource_servers",
            "delete:client_grants",
            "delete:clients",
            "delete:resource_servers",
            "read:client_grants",
            "read:clients",
            "read:resource_servers",
            "update:client_grants",
            "update:clients",
            "update:resource_servers",
        ]);
    });

    it("needs only read and update for an adopted, retained resource server such as the Management API", () => {
        expect(
            scopesOf([
                { type: "auth0:index/resourceServer:ResourceServer", inputs: {}, import: "https://t.eu.auth0.com/api/v2/", retainOnDelete: true },
            ]),
        ).toEqual(["read:resource_servers", "update:resource_servers"]);
    });

    it.each(["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"])("needs the credential endpoints for %s", (method) => {
        expect(scopesOf([{ type: "auth0:index/clientCredentials:ClientCredentials", inputs: { authenticationMethod: method } }])).toEqual([
            "create:client_credentials",
            "delete:client_credentials",
            "read:client_credentials",
            "update:client_credentials",
        ]);
    });

    it("needs update:client_keys only when a secret is set", () => {
        expect(
            scopesOf([
                { type: "auth0:index/clientCredentials:ClientCredentials", inputs: { authenticationMethod: "client_secret_post", clientSecretWo: "x" } },
            ]),
        ).toEqual(["read:client_credentials", "update:client_keys"]);
        // A secret-based method is set through PATCH /clients/{id}: no update:client_credentials.
        expect(
            scopesOf([{ type: "auth0:index/clientCredentials:ClientCredentials", inputs: { authenticationMethod: "client_secret_basic" } }]),
        ).toEqual(["read:client_credentials"]);
    });

    it("says why each scope is needed", () => {
        const [scope] = deployerScopesFor([{ type: "auth0:index/clientGrant:ClientGrant", inputs: {}, import: "cgr_1", retainOnDelete: true }]);
        expect(scope).toEqual({ scope: "read:client_grants", reasons: ["read auth0:index/clientGrant:ClientGrant"] });
    });

    it("says plainly which scopes the pack forbids to every other application, and why", () => {
        const scopes = deployerScopesFor([
            { type: "auth0:index/clientGrant:ClientGrant", inputs: {} },
            { type: "auth0:index/clientCredentials:ClientCredentials", inputs: { authenticationMethod: "client_secret_post", clientSecretWo: "x" } },
        ]);
        const forbidden = Object.fromEntries(scopes.filter((s) => s.forbiddenToOthers !== undefined).map((s) => [s.scope, s.forbiddenToOthers]));
        expect(Object.keys(forbidden)).toEqual(["create:client_grants", "read:client_credentials", "update:client_grants", "update:client_keys"]);
        expect(forbidden["update:client_keys"]).toBe(DEFAULT_ESCALATION_SCOPES["update:client_keys"]);
        expect(scopes.find((s) => s.scope === "read:client_grants")).not.toHaveProperty("forbiddenToOthers");
    });

    it("needs nothing for resources outside the Management API", () => {
        expect(scopesOf([{ type: "random:index/randomPassword:RandomPassword", inputs: {} }])).toEqual([]);
        expect(isKnownToDeployerScopes("random:index/randomPassword:RandomPassword")).toBe(true);
        expect(isKnownToDeployerScopes("pulumi:providers:auth0")).toBe(true);
        expect(isKnownToDeployerScopes("auth0:index/guardian:Guardian")).toBe(false);
    });
});
