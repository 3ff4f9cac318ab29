import { describe, expect, it } from "vitest";
import { webLifetimeExplicit } from "../../../policy-pack/policies/webLifetimeExplicit";
import { api, exemption } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, UNKNOWN } from "../ruleHarness";

const policy = webLifetimeExplicit(ruleDeps());
const MANAGEMENT_API = "https://acme.eu.auth0.com/api/v2/";

describe("auth0-web-lifetime-explicit", () => {
    it("is advisory", () => expect(policy.enforcementLevel).toBe("advisory"));

    it("passes an explicit web lifetime, and an unset one when the API's lifetime is at least Auth0's default", async () => {
        expectClean(await runResource(policy, api()));
        expectClean(await runResource(policy, api("a", { tokenLifetime: 7_200, tokenLifetimeForWeb: undefined })));
        expectClean(await runResource(policy, api("a", { tokenLifetime: undefined, tokenLifetimeForWeb: undefined })));
    });

    it("advises setting the web lifetime when the API's is below 7,200 s", async () => {
        expectViolations(await runResource(policy, api("a", { tokenLifetime: 600, tokenLifetimeForWeb: undefined })), [
            /^ResourceServer "a" sets tokenLifetime 600 s but leaves tokenLifetimeForWeb unset[^]*Set tokenLifetimeForWeb explicitly, at most 600 s\.$/,
        ]);
    });

    it("leaves the Management API alone, honours an exemption, and names an unknown lifetime", async () => {
        expectClean(await runResource(policy, api("m", { identifier: MANAGEMENT_API, tokenLifetime: 600, tokenLifetimeForWeb: undefined })));
        expectClean(await runResource(policy, api("a", { tokenLifetime: 600, tokenLifetimeForWeb: undefined }), { exemptions: [exemption("a")] }));
        expectUnknown(await runResource(policy, api("a", { tokenLifetime: UNKNOWN, tokenLifetimeForWeb: undefined })), 'ResourceServer "a": tokenLifetime is unknown');
    });
});
