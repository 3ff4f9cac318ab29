import { describe, expect, it } from "vitest";
import { apiAccessPolicies } from "../../../policy-pack/policies/apiAccessPolicies";
import { api, exemption, MANAGEMENT_API } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, UNKNOWN } from "../ruleHarness";

const policy = apiAccessPolicies(ruleDeps());
const closed = { subjectTypeAuthorization: { client: { policy: "require_client_grant" }, user: { policy: "deny_all" } } };
const withUser = (user: unknown, extra: object = {}) => ({
    subjectTypeAuthorization: { client: { policy: "require_client_grant" }, user: { policy: user } },
    ...extra,
});

describe("auth0-api-access-policies", () => {
    it("is advisory", () => expect(policy.enforcementLevel).toBe("advisory"));

    it("passes an API closed to applications without a grant, with user access denied or through user grants", async () => {
        expectClean(await runResource(policy, api("a", closed)));
        expectClean(await runResource(policy, api("a", withUser("require_client_grant", { enforcePolicies: true }))));
        expectClean(await runResource(policy, api("a", { subjectTypeAuthorization: { client: { policy: "deny_all" }, user: { policy: "deny_all" } } })));
    });

    it("flags unset user access, naming Auth0's open default, but not unset client access (closed by default)", async () => {
        expectViolations(await runResource(policy, api("a")), [
            /^ResourceServer "a" leaves user access unset, so Auth0 applies "allow_all": any application .* Fix: set subjectTypeAuthorization\.user\.policy \(@pulumi\/auth0 3\.26\.0 and later\) to "deny_all" if no application calls the API for signed-in users, else to "require_client_grant" with user grants for the applications that do\.$/,
        ]);
        expectClean(await runResource(policy, api("a", { subjectTypeAuthorization: { user: { policy: "deny_all" } } })));
    });

    it("flags allow_all, saying whether RBAC limits the permissions", async () => {
        expectViolations(await runResource(policy, api("a", withUser("allow_all"))), [/sets user access "allow_all": .*with RBAC off, for any permission the API defines\./]);
        expectViolations(await runResource(policy, api("a", withUser("allow_all", { enforcePolicies: true }))), [/RBAC limits the permissions to the user's, but not which applications may ask\./]);
    });

    it("flags a policy Auth0 doesn't have", async () => {
        expectViolations(await runResource(policy, api("a", withUser("requireClientGrant"))), [/sets user access "requireClientGrant", which is not an Auth0 policy \(allow_all, deny_all, require_client_grant\)/]);
        expectViolations(
            await runResource(policy, api("a", { subjectTypeAuthorization: { client: { policy: "allow_all" }, user: { policy: "deny_all" } } })),
            [/sets client access "allow_all", which is not an Auth0 policy \(deny_all, require_client_grant\)/],
        );
    });

    it("leaves the Management API alone, honours an exemption, and names an unknown policy", async () => {
        expectClean(await runResource(policy, api("m", { identifier: MANAGEMENT_API })));
        expectClean(await runResource(policy, api("a"), { exemptions: [exemption("a")] }));
        expectUnknown(await runResource(policy, api("a", withUser(UNKNOWN))), 'ResourceServer "a": subjectTypeAuthorization.user.policy is unknown');
    });

    it("judges each subject on its own policy: an unknown one leaves only that subject unjudged", async () => {
        const clientUnknown = await runResource(policy, api("a", { subjectTypeAuthorization: { client: { policy: UNKNOWN }, user: { policy: "allow_all" } } }));
        expectViolations(clientUnknown, [/sets user access "allow_all"/]);
        expect(clientUnknown.unknown).toMatch(/subjectTypeAuthorization\.client\.policy is unknown/);
        expect(clientUnknown.unknown).not.toMatch(/user\.policy/);
    });

    it("never asks for enforcePolicies when the verdict doesn't depend on it", async () => {
        // Closed API: RBAC changes nothing, so an unknown enforcePolicies is not a "can't verify".
        expectClean(await runResource(policy, api("a", { ...closed, enforcePolicies: UNKNOWN })));
        // Open API: the finding stands whatever RBAC is; only its wording notes the unknown.
        const open = await runResource(policy, api("a", withUser("allow_all", { enforcePolicies: UNKNOWN })));
        expectViolations(open, [/sets user access "allow_all": .*whether RBAC limits the permissions to the user's is unknown until `pulumi up`/]);
        expect(open.unknown).toBeUndefined();
    });
});
