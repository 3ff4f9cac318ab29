import { describe, expect, it } from "vitest";
import { isWriteScope } from "../../../policy-pack/guardrails";
import { apiSenderConstrainedTokens } from "../../../policy-pack/policies/apiSenderConstrainedTokens";
import { api, apiScope, apiScopes, exemption, MANAGEMENT_API } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runStack, UNKNOWN } from "../ruleHarness";

const policy = apiSenderConstrainedTokens(ruleDeps());
const bound = { proofOfPossession: { mechanism: "dpop", required: true } };

describe("auth0-api-sender-constrained-tokens", () => {
    it("is advisory", () => expect(policy.enforcementLevel).toBe("advisory"));

    it("recognises write scopes by a verb segment, whatever the separator", () => {
        expect(["write:orders", "orders:delete", "orders.update", "Create:Invoices", "admin"].every(isWriteScope)).toBe(true);
        // Verbs and separators seen in real programs' scopes (ameier38/equinox-tutorial infrastructure/pulumi/auth0.ts at d58f8be).
        expect(["add:vehicles", "terminate:leases", "refund:orders", "orders_write", "orders-delete", "leases/terminate"].every(isWriteScope)).toBe(true);
        expect(["read:orders", "writers:read", "orders", "read:assignments", "settings:read", "lease:vehicle"].some(isWriteScope)).toBe(false);
    });

    it("passes an API with write scopes whose tokens must be bound, and an API with read scopes only", async () => {
        expectClean(await runStack(policy, [api("orders-api", bound), apiScopes()]));
        expectClean(await runStack(policy, [api("orders-api", { proofOfPossession: { mechanism: "mtls", required: true } }), apiScope("w", "write:orders")]));
        expectClean(await runStack(policy, [api(), apiScopes("orders-api-scopes", ["read:orders"])]));
    });

    it("recommends proof-of-possession for each API with write scopes, naming them and a fix that waits for its clients", async () => {
        expectViolations(await runStack(policy, [api(), apiScopes("s", ["read:orders", "write:orders", "delete:orders"])]), [
            'ResourceServer "orders-api" defines write scopes "delete:orders", "write:orders" but sets no proofOfPossession, so its ' +
                "access tokens are bearer tokens: a leaked access token for it can be replayed by anyone until it expires. Once the " +
                'applications that call it can present DPoP proofs or mTLS client certificates, set proofOfPossession: { mechanism: "dpop" or "mtls", required: true }.',
        ]);
    });

    it("flags a setting that leaves bearer tokens usable: not required, disabled, or an unknown mechanism", async () => {
        const run = (setting: object) => runStack(policy, [api("orders-api", { proofOfPossession: setting }), apiScopes()]);
        expectViolations(await run({ mechanism: "dpop" }), [/sets proofOfPossession "dpop" without required: true, so clients may still use bearer tokens/]);
        expectViolations(await run({ mechanism: "dpop", required: true, disable: true }), [/disables proofOfPossession/]);
        expectViolations(await run({ mechanism: "DPoP", required: true }), [/without a mechanism Auth0 has \(mtls, dpop\)/]);
    });

    it("leaves the Management API alone, and honours a resource exemption", async () => {
        expectClean(await runStack(policy, [api("m", { identifier: MANAGEMENT_API, name: "Auth0 Management API" }), apiScopes("s", ["update:users"], { resourceServerIdentifier: MANAGEMENT_API })]));
        expectClean(await runStack(policy, [api(), apiScopes()], { exemptions: [exemption("orders-api")] }));
    });

    it("says it can't check when preview hides the setting or the scopes, only where the verdict depends on them", async () => {
        expectUnknown(await runStack(policy, [api("orders-api", { proofOfPossession: UNKNOWN }), apiScopes()]), 'ResourceServer "orders-api": proofOfPossession is unknown');
        for (const field of ["mechanism", "required", "disable"]) {
            const run = await runStack(policy, [api("orders-api", { proofOfPossession: { mechanism: "dpop", required: true, [field]: UNKNOWN } }), apiScopes()]);
            expect(run.violations).toEqual([]);
            expectUnknown(run, `ResourceServer "orders-api": proofOfPossession.${field} is unknown`);
        }
        // disable: true settles it whatever the rest.
        expectViolations(await runStack(policy, [api("orders-api", { proofOfPossession: { mechanism: UNKNOWN, disable: true } }), apiScopes()]), [/disables proofOfPossession/]);
        expectUnknown(await runStack(policy, [api(), apiScopes("s", ["read:orders", UNKNOWN])]), 'ResourceServerScopes "s": scopes[1].name is unknown');
        // Bound tokens, or a known write scope, settle it whatever the unknowns.
        expectClean(await runStack(policy, [api("orders-api", bound), apiScopes("s", [UNKNOWN])]));
        expectViolations(await runStack(policy, [api(), apiScopes("s", ["write:orders", UNKNOWN])]), [/defines write scopes "write:orders"/]);
    });
});
