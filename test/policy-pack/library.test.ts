// `auth0-m2m/policies`: the guardrails' policies for an organisation's own pack.
import { describe, expect, it } from "vitest";
import { createPolicies } from "../../policy-pack/pack";
import { guardrailsPolicies, POLICY_NAMES } from "../../policy-pack/library";
import { ruleDeps } from "./ruleHarness";

const levels = (policies: { name: string; enforcementLevel: string }[]) => Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));

describe("guardrailsPolicies", () => {
    it("are the pack's policies, in its order, at their own levels by default", () => {
        const own = createPolicies(ruleDeps());
        expect(POLICY_NAMES).toEqual(own.map((p) => p.name));
        expect(levels(guardrailsPolicies())).toEqual(levels(own));
    });

    it("take one level for all, then per-policy levels over it", () => {
        const policies = guardrailsPolicies({ all: "advisory", levels: { "auth0-management-api-no-escalation": "mandatory", "auth0-m2m-token-quota": "disabled" } });
        expect(levels(policies)).toEqual({
            ...Object.fromEntries(POLICY_NAMES.map((name) => [name, "advisory"])),
            "auth0-management-api-no-escalation": "mandatory",
            "auth0-m2m-token-quota": "disabled",
        });
    });

    it("refuse a level for a policy that doesn't exist, naming the real ones", () => {
        expect(() => guardrailsPolicies({ levels: { "auth0-no-wildcard-scope": "advisory" } })).toThrow(
            `guardrailsPolicies: unknown policy name "auth0-no-wildcard-scope" in levels; the policies are ${POLICY_NAMES.join(", ")}`,
        );
    });

    it("judge with the clock given", async () => {
        const now = new Date("2030-01-01T00:00:00Z");
        const policies = guardrailsPolicies({ now: () => now });
        expect(policies.map((p) => p.name)).toEqual(POLICY_NAMES);
    });
});
