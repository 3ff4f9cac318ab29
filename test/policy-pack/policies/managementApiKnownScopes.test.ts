import { describe, expect, it } from "vitest";
import { managementApiKnownScopes } from "../../../policy-pack/policies/managementApiKnownScopes";
import { exemption, grant, managementGrant } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, UNKNOWN } from "../ruleHarness";

const policy = managementApiKnownScopes(ruleDeps());

describe("auth0-management-api-known-scopes", () => {
    it("is advisory: a scope the Management API doesn't define grants nothing", () => expect(policy.enforcementLevel).toBe("advisory"));

    it("passes catalogue scopes, and leaves custom APIs and deny-listed scopes to other rules", async () => {
        expectClean(await runResource(policy, managementGrant("m", ["read:users", "create:client_grants", "read:*"])));
        expectClean(await runResource(policy, grant("g", { scopes: ["read:whatever"] })));
    });

    it("says an OpenID Connect scope is asked for at login, never granted, instead of suggesting additionalKnownScopes", async () => {
        // The shape of a real program (ameier38/equinox-tutorial infrastructure/pulumi/auth0.ts at f536aa3): scopes ["openid"].
        expectViolations(await runResource(policy, managementGrant("gateway", ["openid"])), [
            'ClientGrant "gateway" on the Management API (audience "https://acme.eu.auth0.com/api/v2/") asks for scope "openid", an ' +
                "OpenID Connect scope: an application asks for it when it signs a user in, for claims about that user; it is not an " +
                'API permission. Remove "openid" from the grant\'s scopes, and don\'t define it on an API; an application that ' +
                "signs users in asks for it in its login request.",
        ]);
    });

    it("reports an unknown scope with the nearest known ones", async () => {
        expectViolations(await runResource(policy, managementGrant("m", ["read:user", "read:users"])), [
            'ClientGrant "m" on the Management API (audience "https://acme.eu.auth0.com/api/v2/") asks for scope "read:user", ' +
                'which the Management API does not define. Did you mean "read:users"? Fix or remove it; if Auth0 added it after ' +
                "this pack's catalogue, list it under additionalKnownScopes in this policy's config.",
        ]);
    });

    it("reports user-context scopes", async () => {
        expectViolations(await runResource(policy, managementGrant("m", ["read:current_user", "update:current_user_metadata"])), [
            'asks for scope "read:current_user", a user-context scope',
            'asks for scope "update:current_user_metadata", a user-context scope',
        ]);
    });

    it("accepts scopes listed in additionalKnownScopes (default none)", async () => {
        expect(policy.configSchema!.properties.additionalKnownScopes.default).toEqual([]);
        const future = managementGrant("m", ["read:hologram_profiles"]);
        expectViolations(await runResource(policy, future), ['"read:hologram_profiles"']);
        expectClean(await runResource(policy, future, { additionalKnownScopes: ["read:hologram_profiles"] }));
        await expect(runResource(policy, future, { additionalKnownScopes: "read:hologram_profiles" })).rejects.toThrow(
            "auth0-management-api-known-scopes.additionalKnownScopes: must be a list of strings",
        );
    });

    it("ignores an exemption whose reason is too short, and says why", async () => {
        const short = { exemptions: [exemption("m", { reason: "typo is fine", scopes: ["read:user"] })] };
        expectViolations(await runResource(policy, managementGrant("m", ["read:user"]), short), [
            /"read:user"[^]*exemptions\[0\] .* is ignored: its reason "typo is fine" is 12 characters, under the minimum of 20/,
        ]);
        expectClean(await runResource(policy, managementGrant("m", ["read:user"]), { exemptions: [exemption("m", { scopes: ["read:user"] })] }));
    });

    it("defers when the audience is unknown and a scope would be unknown to the Management API", async () => {
        const result = await runResource(policy, grant("g", { audience: UNKNOWN, scopes: ["read:user"] }));
        expectUnknown(result, 'audience is unknown during preview, so whether the grant targets the Management API, where "read:user" would be flagged');
        expectClean(await runResource(policy, grant("g", { audience: UNKNOWN, scopes: ["read:users"] })));
        expectUnknown(await runResource(policy, managementGrant("m", UNKNOWN as unknown as unknown[])), 'ClientGrant "m": scopes is unknown');
    });
});
