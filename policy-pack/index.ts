// Entry point for `pulumi preview/up --policy-pack policy-pack`: assembles the pack and starts the
// policy server. Nothing else lives here, so tests import ./pack instead.
import { PolicyPack } from "@pulumi/policy";
import { createPolicies, POLICY_PACK_NAME } from "./pack";

new PolicyPack(POLICY_PACK_NAME, {
    description: "Least-privilege guardrails for Auth0 machine-to-machine access.",
    policies: createPolicies({ now: () => new Date() }),
});
