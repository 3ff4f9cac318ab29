import { describe, expect, it } from "vitest";
import { noWildcardScopes } from "../../../policy-pack/policies/noWildcardScopes";
import { apiScope, apiScopes, exemption, grant } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, runStack, secret, UNKNOWN } from "../ruleHarness";

const policy = noWildcardScopes(ruleDeps());

describe("auth0-no-wildcard-scopes", () => {
    it("passes literal grant scopes and literal API scopes", async () => {
        expectClean(await runResource(policy, grant()));
        expectClean(await runResource(policy, apiScopes()));
        expectClean(await runResource(policy, apiScope("orders-read", "read:orders")));
    });

    it("reports each grant scope containing *, naming the scope and the audience", async () => {
        const result = await runResource(policy, grant("g", { scopes: ["read:orders", "read:*", "*"] }));
        expectViolations(result, ['ClientGrant "g" asks for scope "read:*" on audience "https://orders.example"', 'asks for scope "*"']);
    });

    it("reports a wildcard that arrives as a secret (the server unwraps secrets)", async () => {
        const result = await runResource(policy, grant("g", { scopes: secret(["read:orders", "write:*"]) }));
        expectViolations(result, ['scope "write:*"']);
        const element = await runResource(policy, grant("g", { scopes: ["read:orders", secret("delete:*")] }));
        expectViolations(element, ['scope "delete:*"']);
    });

    it("reports allowAllScopes: true", async () => {
        expectViolations(await runResource(policy, grant("g", { allowAllScopes: true, scopes: undefined })), ["sets allowAllScopes: true"]);
        expectClean(await runResource(policy, grant("g", { allowAllScopes: false })));
    });

    it("reports wildcard scopes an API defines, on either scope resource", async () => {
        expectViolations(await runResource(policy, apiScopes("s", ["read:orders", "orders:*"])), [
            'ResourceServerScopes "s" defines scope "orders:*" on API "https://orders.example" (scopes[1].name)',
        ]);
        expectViolations(await runResource(policy, apiScope("one", "*:orders")), ['defines scope "*:orders"']);
    });

    it("is not applicable to other resource types", async () => {
        const result = await runResource(policy, { type: "auth0:index/client:Client", name: "c", props: {} });
        expect(result.notApplicable).toContain("ClientGrant, ResourceServerScopes and ResourceServerScope");
    });

    it("reports what it can see and names each unknown field during preview", async () => {
        const result = await runResource(policy, grant("g", { scopes: ["read:*", UNKNOWN], allowAllScopes: UNKNOWN }));
        expectViolations(result, ['scope "read:*"']);
        expectUnknown(result, 'ClientGrant "g": allowAllScopes is unknown during preview');
        expectUnknown(result, "scopes[1] is unknown during preview, so whether it contains a wildcard can't be verified until `pulumi up`");
        expectUnknown(await runResource(policy, grant("g", { scopes: UNKNOWN })), 'ClientGrant "g": scopes is unknown');
        expectUnknown(await runResource(policy, apiScopes("s", [{ name: UNKNOWN }])), 'ResourceServerScopes "s": scopes[0].name is unknown');
    });

    it("uses no settings beyond exemptions, with an empty list by default", () => {
        expect(policy.configSchema?.properties).toEqual({ exemptions: expect.objectContaining({ type: "array", default: [] }) });
    });

    it("reports allowAnyOrganization: true as a wildcard across organizations, and names it when unknown", async () => {
        expectViolations(await runResource(policy, grant("g", { allowAnyOrganization: true, organizationUsage: "allow" })), [
            'ClientGrant "g" sets allowAnyOrganization: true on audience "https://orders.example", so the application can get tokens for every organization',
        ]);
        expectClean(await runResource(policy, grant("g", { allowAnyOrganization: false, organizationUsage: "require" })));
        expectUnknown(await runResource(policy, grant("g", { allowAnyOrganization: UNKNOWN })), 'ClientGrant "g": allowAnyOrganization is unknown');
        const exempt = { exemptions: [exemption("g", { scopes: ["allowAnyOrganization"] })] };
        expectClean(await runResource(policy, grant("g", { allowAnyOrganization: true }), exempt));
    });

    it("lets an unexpired exemption suppress the scopes it lists on its resource, and only those", async () => {
        const config = { exemptions: [exemption("legacy-*", { scopes: ["read:*"] })] };
        expectClean(await runResource(policy, grant("legacy-reporting", { scopes: ["read:*"] }), config));
        expectViolations(await runResource(policy, grant("new-reporting", { scopes: ["read:*"] }), config), ['scope "read:*"']);
        // A scope it doesn't list still fails, and the finding says why the exemption didn't apply.
        expectViolations(await runResource(policy, grant("legacy-reporting", { scopes: ["read:*", "write:*"] }), config), [
            /scope "write:\*"[^]*exemptions\[0\] .* matches this resource but does not accept "write:\*"/,
        ]);
        // Under a scope exemption an unknown scope still matters: it may be one the exemption doesn't list.
        expectUnknown(await runResource(policy, grant("legacy-reporting", { scopes: UNKNOWN }), config), 'ClientGrant "legacy-reporting": scopes is unknown');
    });

    it("refuses an exemption without scopes as a config error that lists the scopes to accept", async () => {
        const config = { exemptions: [exemption("legacy-*")] };
        await expect(runResource(policy, grant("legacy-reporting", { scopes: ["read:*", "write:*"] }), config)).rejects.toThrow(
            /exemptions\[0\] \(resource "legacy-\*", expires 2026-06-30\) has no scopes[^]*add "scopes": \["read:\*", "write:\*"\]/,
        );
        await expect(runStack(noWildcardScopes(ruleDeps()), [grant("clean")], config)).rejects.toThrow(/has no scopes[^]*matches no finding/);
        // The per-resource half judges only exemptions that match the resource it sees.
        expectClean(await runResource(policy, grant("clean"), config));
    });

    it("refuses scopes that are not a list of names", async () => {
        const config = { exemptions: [{ ...exemption("legacy-*"), scopes: [] }] };
        await expect(runResource(policy, grant("g"), config)).rejects.toThrow(/exemptions\[0\]\.scopes: must list at least one scope/);
    });

    it("audits exemptions in its stack half and records what they suppressed", async () => {
        const deps = ruleDeps();
        const stackPolicy = noWildcardScopes(deps);
        const config = { exemptions: [exemption("legacy-*", { scopes: ["read:*", "delete:*"] }), exemption("gone", { scopes: ["x:*"] })] };
        const result = await runStack(stackPolicy, [grant("legacy-reporting", { scopes: ["read:*"] }), grant("clean")], config);
        expectViolations(result, [
            /exemptions\[0\] \(resource "legacy-\*", scopes "read:\*", "delete:\*".*lists "delete:\*", which no resource it matches is flagged for/,
            /exemptions\[1\] \(resource "gone".*matches no resource this policy checks/,
        ]);
        expect(deps.ledger.get("auth0-no-wildcard-scopes")).toEqual([
            expect.objectContaining({
                resource: 'ClientGrant "legacy-reporting"',
                exemptionIndex: 0,
                scopes: ["read:*"],
                suppressed: [expect.stringContaining('"read:*"')],
            }),
        ]);
    });
});
