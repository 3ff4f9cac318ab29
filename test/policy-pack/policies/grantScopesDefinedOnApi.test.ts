import { describe, expect, it } from "vitest";
import { grantScopesDefinedOnApi } from "../../../policy-pack/policies/grantScopesDefinedOnApi";
import { api, apiScope, apiScopes, exemption, grant, managementGrant, MANAGEMENT_API } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runStack, UNKNOWN } from "../ruleHarness";

const policy = grantScopesDefinedOnApi(ruleDeps());
const stack = (...extra: Parameters<typeof runStack>[1]) => [api(), apiScopes(), ...extra];

describe("auth0-grant-scopes-defined-on-api", () => {
    it("is advisory: Auth0 accepts a grant for an undefined scope, which widens nothing", () => expect(policy.enforcementLevel).toBe("advisory"));

    it("passes grants whose scopes the API defines, from either scope resource", async () => {
        expectClean(await runStack(policy, stack(grant("g", { scopes: ["read:orders", "write:orders"] }))));
        expectClean(await runStack(policy, [api(), apiScope("refund", "refund:orders"), grant("g", { scopes: ["refund:orders"] })]));
    });

    it("reports each undefined scope on the grant, with what the API defines and the nearest match", async () => {
        const result = await runStack(policy, stack(grant("g", { scopes: ["read:orders", "write:order", "delete:orders"] })));
        expectViolations(result, [
            'ClientGrant "g" asks API "https://orders.example" (ResourceServer "orders-api") for scope "write:order", which the API ' +
                'does not define (it defines "read:orders", "write:orders"). Did you mean "write:orders"? It is a typo or a missing ' +
                "definition, so the application would run without the access it was meant to have. Fix the scope, or define it on " +
                "the API with auth0.ResourceServerScopes or auth0.ResourceServerScope.",
            /scope "delete:orders", which the API does not define/,
        ]);
        expect(result.violations.map((v) => v.urn)).toEqual([
            "urn:pulumi:dev::auth0-m2m::auth0:index/clientGrant:ClientGrant::g",
            "urn:pulumi:dev::auth0-m2m::auth0:index/clientGrant:ClientGrant::g",
        ]);
    });

    it("reports every scope when the API in the stack defines none", async () => {
        expectViolations(await runStack(policy, [api(), grant("g")]), ['"read:orders", which the API does not define (it defines no scopes in this stack)']);
    });

    it("tells OpenID Connect scopes apart from typos: remove them, never define them on the API", async () => {
        // The shape of a real program (mattbutlerengineering/mattbutlerengineering infrastructure/pulumi/auth0.ts at ec0e117).
        const result = await runStack(policy, stack(grant("g", { scopes: ["openid", "profile", "email", "read:orders"] })));
        expectViolations(result, [/scope "openid", an OpenID Connect scope: .* Remove "openid" from the grant's scopes, and don't define it on an API/, /"profile", an OpenID Connect scope/, /"email", an OpenID Connect scope/]);
        expect(result.violations.some((v) => /auth0.ResourceServerScopes|Did you mean/.test(v.message))).toBe(false);
    });

    it("says nothing when the API is not in the stack, or is the Management API", async () => {
        expectClean(await runStack(policy, [grant("g", { audience: "https://elsewhere.example", scopes: ["anything"] })]));
        expectClean(await runStack(policy, [api("mgmt", { identifier: MANAGEMENT_API }), managementGrant("m", ["read:user"])]));
    });

    it("exempts by logical-name glob, and audits an exemption that no longer suppresses anything", async () => {
        const config = { exemptions: [exemption("legacy-*", { scopes: ["sync:orders"] }), exemption("g", { scopes: ["sync:orders"] })] };
        const result = await runStack(policy, stack(grant("legacy-sync", { scopes: ["sync:orders"] }), grant("g")), config);
        expectViolations(result, [/exemptions\[1\] \(resource "g".*matches ClientGrant "g", which no longer violates this policy/]);
    });

    it("audits expired and invalid exemptions", async () => {
        const config = {
            exemptions: [exemption("g", { expires: "2025-12-31", scopes: ["nope:orders"] }), exemption("g", { expires: "2026-02-30", scopes: ["nope:orders"] })],
        };
        const result = await runStack(policy, stack(grant("g", { scopes: ["nope:orders"] })), config);
        expectViolations(result, [
            /"nope:orders"[^]*exemptions\[0\].*expired[^]*exemptions\[1\].*is ignored: its expiry "2026-02-30" is not a date/,
            /exemptions\[0\] \(resource "g", scopes "nope:orders", expires 2025-12-31\) expired at the end of 2025-12-31 \(UTC\)/,
            /exemptions\[1\] .* is ignored: its expiry "2026-02-30" is not a date in the form YYYY-MM-DD/,
        ]);
    });

    it("finds the API through the grant's dependencies when the audience is unknown", async () => {
        const unknownAudience = grant("g", { audience: UNKNOWN, scopes: ["write:order"] }, { propertyDependencies: { audience: ["orders-api"] } });
        expectViolations(await runStack(policy, stack(unknownAudience)), ['scope "write:order"']);
    });

    it("defers, naming the unknown field, when preview hides which API or which scopes", async () => {
        const noLink = await runStack(policy, stack(grant("g", { audience: UNKNOWN })));
        expectUnknown(noLink, 'ClientGrant "g": audience is unknown during preview, so which API in this stack the grant targets');
        const unknownDefinition = await runStack(policy, [api(), apiScopes("s", ["read:orders", { name: UNKNOWN }]), grant("g", { scopes: ["write:orders"] })]);
        expectViolations(unknownDefinition, []);
        expectUnknown(unknownDefinition, 'ResourceServerScopes "s": scopes[1].name is unknown during preview, so whether it defines scope "write:orders"');
        const unknownScope = await runStack(policy, stack(grant("g", { scopes: ["nope", UNKNOWN] })));
        expectViolations(unknownScope, ['scope "nope"']);
        expectUnknown(unknownScope, "scopes[1] is unknown during preview");
    });

    it("holds back on an exemption whose resource had unknowns, instead of calling it unused", async () => {
        const result = await runStack(policy, stack(grant("legacy-sync", { scopes: [UNKNOWN] })), { exemptions: [exemption("legacy-*", { scopes: ["sync:orders"] })] });
        expectViolations(result, []);
        expectUnknown(result, 'exemptions[0] (resource "legacy-*", scopes "sync:orders", expires 2026-06-30) suppressed nothing, but ClientGrant "legacy-sync" had values unknown during preview');
    });
});
