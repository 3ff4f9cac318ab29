import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN_LIFETIME_LIMITS } from "../../../policy-pack/guardrails";
import { tokenLifetimeLimits } from "../../../policy-pack/policies/tokenLifetimeLimits";
import { api, exemption, ORDERS_API } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, UNKNOWN } from "../ruleHarness";

const policy = tokenLifetimeLimits(ruleDeps());

describe("auth0-token-lifetime-limits", () => {
    it("passes lifetimes within the limits", async () => {
        expectClean(await runResource(policy, api()));
        expectClean(await runResource(policy, api("a", { tokenLifetime: 86_400, tokenLifetimeForWeb: 7_200 })));
    });

    it("reports a tokenLifetime over the maximum, with the fix and the per-API override", async () => {
        const result = await runResource(policy, api("orders-api", { tokenLifetime: 172_800 }));
        expectViolations(result, [
            'ResourceServer "orders-api" (identifier "https://orders.example"): tokenLifetime 172800 s exceeds the maximum of 86400 s. ' +
                'Set tokenLifetime to at most 86400 s. If this API truly needs longer, raise apiOverrides["https://orders.example"].maxTokenLifetime',
        ]);
    });

    it("reports a web lifetime over its maximum and over the API's own lifetime", async () => {
        expectViolations(await runResource(policy, api("a", { tokenLifetimeForWeb: 9_000, tokenLifetime: 10_000 })), [
            "tokenLifetimeForWeb 9000 s exceeds the maximum of 7200 s. Set tokenLifetimeForWeb to at most 7200 s",
        ]);
        expectViolations(await runResource(policy, api("a", { tokenLifetime: 600, tokenLifetimeForWeb: 1_200 })), [
            /exceeds tokenLifetime \(600 s\).*Set tokenLifetimeForWeb to at most 600 s, the API's tokenLifetime\.$/,
        ]);
    });

    it("counts an unset lifetime as Auth0's default against the maximum, but not an unset web lifetime against the API's", async () => {
        // Auth0 documents two defaults for the web lifetime: auth0-web-lifetime-explicit advises instead.
        expectClean(await runResource(policy, api("a", { tokenLifetime: 3_600, tokenLifetimeForWeb: undefined })));
        expectViolations(await runResource(policy, api("a", { tokenLifetime: 3_600, tokenLifetimeForWeb: undefined }), { maxTokenLifetimeForWeb: 900 }), [
            "tokenLifetimeForWeb is unset, so Auth0's default of 7200 s applies, and it exceeds the maximum of 900 s",
        ]);
        expectViolations(await runResource(policy, api("a", { tokenLifetime: undefined }), { maxTokenLifetime: 3_600 }), [
            "tokenLifetime is unset, so Auth0's default of 86400 s applies, and it exceeds the maximum of 3600 s",
        ]);
    });

    it("judges only tokenLifetime on the Management API, whose web lifetime the provider doesn't manage", async () => {
        const management = (props: Record<string, unknown>) =>
            api("tenant-management-api", { identifier: "https://acme.eu.auth0.com/api/v2/", name: "Auth0 Management API", tokenLifetimeForWeb: undefined, ...props });
        expectClean(await runResource(policy, management({ tokenLifetime: 3_600 })));
        expectClean(await runResource(policy, management({ tokenLifetime: 3_600, name: undefined })));
        expectViolations(await runResource(policy, management({ tokenLifetime: 100_000 })), ["tokenLifetime 100000 s exceeds the maximum of 86400 s"]);
    });

    it("reports a lifetime that is not a whole number of seconds", async () => {
        expectViolations(await runResource(policy, api("a", { tokenLifetime: 0 })), [
            "tokenLifetime 0 is not a whole number of seconds above 0. Set tokenLifetime to a whole number of seconds above 0.",
        ]);
    });

    it("defaults its limits to the guardrails' and takes global and per-API overrides", async () => {
        const properties = policy.configSchema!.properties;
        expect(properties.maxTokenLifetime.default).toBe(DEFAULT_TOKEN_LIFETIME_LIMITS.maxTokenLifetime);
        expect(properties.maxTokenLifetimeForWeb.default).toBe(DEFAULT_TOKEN_LIFETIME_LIMITS.maxTokenLifetimeForWeb);
        expect(properties.apiOverrides.default).toEqual({});

        const long = api("a", { tokenLifetime: 43_200, tokenLifetimeForWeb: 600 });
        expectClean(await runResource(policy, long));
        expectViolations(await runResource(policy, long, { maxTokenLifetime: 3_600 }), ["exceeds the maximum of 3600 s"]);
        const tight = { maxTokenLifetime: 3_600, apiOverrides: { [ORDERS_API]: { maxTokenLifetime: 43_200 } } };
        expectClean(await runResource(policy, long, tight));
        expectViolations(await runResource(policy, api("other", { identifier: "https://other.example", tokenLifetime: 43_200 }), tight), [
            "exceeds the maximum of 3600 s",
        ]);
    });

    it("rejects config it can't apply, naming the setting", async () => {
        await expect(runResource(policy, api(), { maxTokenLifetime: "1h" })).rejects.toThrow(
            'policy config auth0-token-lifetime-limits.maxTokenLifetime: must be a whole number from 1 to 2592000, got "1h"',
        );
        await expect(runResource(policy, api(), { apiOverrides: { [ORDERS_API]: { maxLifetime: 60 } } })).rejects.toThrow(
            'auth0-token-lifetime-limits.apiOverrides["https://orders.example"].maxLifetime: is not a per-API limit',
        );
        await expect(runResource(policy, api(), { maxTokenLifetme: 60 })).rejects.toThrow(
            "auth0-token-lifetime-limits.maxTokenLifetme: is not a setting of this policy",
        );
    });

    it("lets an exemption suppress, and says so when it has expired", async () => {
        const long = api("orders-api", { tokenLifetime: 172_800 });
        expectClean(await runResource(policy, long, { exemptions: [exemption("orders-api")] }));
        const expired = await runResource(policy, long, { exemptions: [exemption("orders-*", { expires: "2026-01-14" })] });
        expectViolations(expired, [/exceeds the maximum of 86400 s[^]*exemptions\[0\] \(resource "orders-\*", expires 2026-01-14\) matches this resource but expired/]);
        // Valid through the whole expiry day (UTC): "now" is 2026-01-15 12:00 UTC.
        expectClean(await runResource(policy, long, { exemptions: [exemption("orders-*", { expires: "2026-01-15" })] }));
    });

    it("checks the known lifetime when the other is unknown, and names the unknown one", async () => {
        const result = await runResource(policy, api("a", { tokenLifetime: UNKNOWN, tokenLifetimeForWeb: 9_000 }));
        expectViolations(result, ["tokenLifetimeForWeb 9000 s exceeds the maximum of 7200 s"]);
        expectUnknown(result, 'ResourceServer "a": tokenLifetime is unknown during preview, so whether it is within 86400 s');
        const web = await runResource(policy, api("a", { tokenLifetime: 200_000, tokenLifetimeForWeb: UNKNOWN }));
        expectViolations(web, ["tokenLifetime 200000 s exceeds the maximum of 86400 s"]);
        expectUnknown(web, "tokenLifetimeForWeb is unknown during preview");
    });

    it("with an unknown identifier, reports what fails every candidate limit and defers the rest", async () => {
        const config = { maxTokenLifetime: 3_600, apiOverrides: { [ORDERS_API]: { maxTokenLifetime: 43_200 } } };
        const beyondAll = await runResource(policy, api("a", { identifier: UNKNOWN, tokenLifetime: 50_000 }), config);
        expectViolations(beyondAll, ["exceeds the maximum of 43200 s"]);
        const between = await runResource(policy, api("a", { identifier: UNKNOWN, tokenLifetime: 10_000 }), config);
        expectViolations(between, []);
        expectUnknown(between, "identifier is unknown during preview, so which per-API lifetime limit (apiOverrides) applies");
        // Without overrides the identifier doesn't matter.
        expectClean(await runResource(policy, api("a", { identifier: UNKNOWN })));
    });
});
