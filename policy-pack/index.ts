// Entry point for `pulumi preview/up --policy-pack policy-pack`: assembles the pack and starts the
// policy server. Nothing else lives here, so tests import ./pack instead.
import { PolicyPack } from "@pulumi/policy";
import { createPolicies } from "./pack";
import { docsUrl, PACK_ARGS, POLICY_PACK_NAME } from "./packArgs";

new PolicyPack(POLICY_PACK_NAME, {
    ...PACK_ARGS,
    policies: createPolicies({ now: () => new Date(), docsUrl: docsUrl() }),
});
