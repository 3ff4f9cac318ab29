import { describe, expect, it } from "vitest";
import { m2mClientGrantTypes } from "../../../policy-pack/policies/m2mClientGrantTypes";
import { exemption, m2mClient } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, UNKNOWN } from "../ruleHarness";

const policy = m2mClientGrantTypes(ruleDeps());

describe("auth0-m2m-client-grant-types", () => {
    it("is advisory", () => expect(policy.enforcementLevel).toBe("advisory"));

    it("passes an M2M client with client_credentials only, and leaves other application types alone", async () => {
        expectClean(await runResource(policy, m2mClient()));
        expectClean(await runResource(policy, m2mClient("web", { appType: "spa", grantTypes: ["authorization_code"] })));
    });

    it("flags user-facing grant types on a non_interactive client even without any grant", async () => {
        expectViolations(await runResource(policy, m2mClient("c", { grantTypes: ["client_credentials", "password", "implicit"] })), [
            'Client "c" is a machine-to-machine application (appType "non_interactive") but allows "password", "implicit" besides "client_credentials"',
        ]);
    });

    it("flags a non_interactive client that leaves grantTypes unset: Auth0's recorded defaults include user-facing flows", async () => {
        expectViolations(await runResource(policy, m2mClient("c", { grantTypes: undefined })), [
            'Client "c" is a machine-to-machine application (appType "non_interactive") but leaves grantTypes unset, so Auth0 enables ' +
                'its defaults: "authorization_code", "implicit", "refresh_token" besides "client_credentials". Set grantTypes: ["client_credentials"]',
        ]);
    });

    it("advises appType non_interactive on a client-credentials-only client without one, both on a client with neither, and nothing on other clients without one", async () => {
        expectViolations(await runResource(policy, m2mClient("c", { appType: undefined })), [
            'Client "c" allows "client_credentials" only but has no appType, so whether Auth0 and its reviewers treat it as a ' +
                'machine-to-machine application can\'t be verified. Set appType: "non_interactive".',
        ]);
        expectClean(await runResource(policy, m2mClient("c", { appType: undefined, grantTypes: ["authorization_code"] })));
        expectViolations(await runResource(policy, m2mClient("c", { appType: undefined, grantTypes: undefined })), [
            'Client "c" sets neither appType nor grantTypes, so Auth0 enables its default grant types "authorization_code", ' +
                '"implicit", "refresh_token", "client_credentials": it can take client-credentials tokens and sign users in alike. ' +
                'Set both to what it does: for a machine-to-machine application, appType: "non_interactive" and grantTypes: ["client_credentials"].',
        ]);
        expectClean(await runResource(policy, m2mClient("c", { appType: undefined }), { exemptions: [exemption("c")] }));
        expectUnknown(await runResource(policy, m2mClient("c", { appType: undefined, grantTypes: UNKNOWN })), 'Client "c": grantTypes is unknown');
    });

    it("honours an exemption and names unknown values", async () => {
        expectClean(await runResource(policy, m2mClient("c", { grantTypes: ["password"] }), { exemptions: [exemption("c")] }));
        expectUnknown(await runResource(policy, m2mClient("c", { grantTypes: UNKNOWN })), 'Client "c": grantTypes is unknown');
        expectUnknown(await runResource(policy, m2mClient("c", { appType: UNKNOWN })), 'Client "c": appType is unknown');
    });
});
