import { describe, expect, it } from "vitest";
import { DEFAULT_ESCALATION_SCOPES, DEFAULT_SENSITIVE_SCOPES } from "../../../policy-pack/guardrails";
import { managementApiSensitiveScopes } from "../../../policy-pack/policies/managementApiSensitiveScopes";
import { exemption, grant, managementGrant } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, UNKNOWN } from "../ruleHarness";

const policy = managementApiSensitiveScopes(ruleDeps());

describe("auth0-management-api-sensitive-scopes", () => {
    it("is advisory by default, with its own list, disjoint from the takeover list", () => {
        expect(policy.enforcementLevel).toBe("advisory");
        expect(policy.configSchema!.properties.sensitiveScopes.default).toEqual(DEFAULT_SENSITIVE_SCOPES);
        expect(Object.keys(DEFAULT_SENSITIVE_SCOPES).filter((s) => s in DEFAULT_ESCALATION_SCOPES)).toEqual([]);
    });

    it("passes grants without sensitive scopes, and custom-API grants", async () => {
        expectClean(await runResource(policy, managementGrant("m", ["read:roles"])));
        expectClean(await runResource(policy, grant("g", { scopes: ["update:users"] })));
    });

    it("reports each sensitive scope with its reason and the narrower choice", async () => {
        const result = await runResource(policy, managementGrant("sync", ["read:roles", "update:users", "create:user_tickets"]));
        expectViolations(result, [
            `grants "update:users", which ${DEFAULT_SENSITIVE_SCOPES["update:users"]}. Remove "update:users" from scopes`,
            'grants "create:user_tickets", which creates password-change tickets for any user',
        ]);
    });

    it("accepts the scopes an exemption lists, and only those", async () => {
        const config = { exemptions: [exemption("sync", { scopes: ["update:users"] })] };
        expectClean(await runResource(policy, managementGrant("sync", ["update:users"]), config));
        expectViolations(await runResource(policy, managementGrant("sync", ["update:users", "update:roles"]), config), ['"update:roles"']);
    });

    it("defers on an unknown audience, and on an unknown scope", async () => {
        expectUnknown(await runResource(policy, grant("g", { audience: UNKNOWN, scopes: ["update:users"] })), 'where "update:users" would be flagged');
        expectUnknown(await runResource(policy, managementGrant("m", [UNKNOWN])), "scopes[0] is unknown during preview");
    });
});
