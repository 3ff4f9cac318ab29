import { describe, expect, it } from "vitest";
import { exemptionsApplied } from "../../../policy-pack/policies/exemptionsApplied";
import { grantClientIsM2m } from "../../../policy-pack/policies/grantClientIsM2m";
import { noWildcardScopes } from "../../../policy-pack/policies/noWildcardScopes";
import { exemption, grant, m2mClient } from "../builders";
import { expectClean, expectViolations, ruleDeps, runStack } from "../ruleHarness";

describe("auth0-exemptions-applied", () => {
    it("is an advisory stack policy with no settings", () => {
        const policy = exemptionsApplied(ruleDeps());
        expect(policy.enforcementLevel).toBe("advisory");
        expect(policy.configSchema).toBeUndefined();
        expect(policy.validateResource).toBeUndefined();
    });

    it("reports every exemption the rules applied in the same call, against the suppressed resource", async () => {
        const deps = ruleDeps();
        const stack = [m2mClient("web", { appType: "spa" }), grant("legacy", { scopes: ["read:*"] })];
        const reason = "Vendor integration until Q2 cut-over, SEC-77";
        await runStack(noWildcardScopes(deps), stack, { exemptions: [exemption("legacy", { reason, expires: "2026-03-31", scopes: ["read:*"] })] });
        await runStack(grantClientIsM2m(deps), stack, { exemptions: [exemption("leg*")] });

        const result = await runStack(exemptionsApplied(deps), stack);
        expectViolations(result, [
            'auth0-no-wildcard-scopes did not flag ClientGrant "legacy" because of its exemptions[0] (resource "legacy"), which accepted "read:*", valid ' +
                `through 2026-03-31 (UTC), reason: "${reason}". Suppressed: ClientGrant "legacy" asks for scope "read:*"`,
            /^auth0-grant-client-is-m2m did not flag ClientGrant "legacy" because of its exemptions\[0\] \(resource "leg\*"\).*Suppressed: .*is a "spa" application/,
        ]);
        expect(result.violations.map((v) => v.urn)).toEqual([
            "urn:pulumi:dev::auth0-m2m::auth0:index/clientGrant:ClientGrant::legacy",
            "urn:pulumi:dev::auth0-m2m::auth0:index/clientGrant:ClientGrant::legacy",
        ]);
        // Consumed: a later call reports nothing it didn't see.
        expectClean(await runStack(exemptionsApplied(deps), stack));
    });

    it("reports nothing stale: a rule's entry is replaced on each of its calls", async () => {
        const deps = ruleDeps();
        const rule = noWildcardScopes(deps);
        const config = { exemptions: [exemption("legacy", { scopes: ["read:*"] })] };
        await runStack(rule, [grant("legacy", { scopes: ["read:*"] })], config);
        await runStack(rule, [grant("legacy")], config);
        expect(deps.ledger.get("auth0-no-wildcard-scopes")).toEqual([]);
    });
});
