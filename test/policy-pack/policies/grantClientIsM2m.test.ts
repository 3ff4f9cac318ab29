import { describe, it } from "vitest";
import { grantClientIsM2m } from "../../../policy-pack/policies/grantClientIsM2m";
import { credentials, exemption, grant, m2mClient } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runStack, UNKNOWN } from "../ruleHarness";

const policy = grantClientIsM2m(ruleDeps());

describe("auth0-grant-client-is-m2m", () => {
    it("passes a grant to an M2M client, and grants whose client is not in the stack", async () => {
        expectClean(await runStack(policy, [m2mClient(), grant(), credentials("creds")]));
        expectClean(await runStack(policy, [grant("g", { clientId: "client-elsewhere" })]));
    });

    it("reports a client that is not non_interactive", async () => {
        expectViolations(await runStack(policy, [m2mClient("web", { appType: "spa" }), grant("g")]), [
            'ClientGrant "g" gives client-credentials access to Client "web", whose appType is "spa"; only machine-to-machine',
        ]);
        expectViolations(await runStack(policy, [m2mClient("c", { appType: "nonInteractive" }), grant("g")]), [
            'whose appType is "nonInteractive", which the Auth0 provider rejects; use "non_interactive"',
        ]);
    });

    it("reports each user-facing grant type, a missing client_credentials, and unset grant types", async () => {
        expectViolations(await runStack(policy, [m2mClient("c", { grantTypes: ["client_credentials", "authorization_code", "refresh_token"] }), grant("g")]), [
            'whose grantTypes include "authorization_code", a user-facing flow that signs users in through a browser redirect',
            'whose grantTypes include "refresh_token", a user-facing flow that keeps user sessions alive',
        ]);
        expectViolations(await runStack(policy, [m2mClient("c", { grantTypes: ["implicit"] }), grant("g")]), [
            'whose grantTypes ["implicit"] lack "client_credentials"',
            'whose grantTypes include "implicit"',
        ]);
        expectViolations(await runStack(policy, [m2mClient("c", { grantTypes: undefined }), grant("g")]), ["whose grantTypes is unset"]);
    });

    it("reports a public client (authenticationMethod none)", async () => {
        expectViolations(await runStack(policy, [m2mClient(), grant("g"), credentials("creds", { authenticationMethod: "none" })]), [
            'whose ClientCredentials "creds" sets authenticationMethod "none"',
        ]);
    });

    it("leaves user-subject grants alone", async () => {
        expectClean(await runStack(policy, [m2mClient("c", { appType: "spa" }), grant("g", { subjectType: "user" })]));
    });

    it("matches the grant to its client through dependencies when the client ID is unknown in preview", async () => {
        const stack = [
            m2mClient("worker", { clientId: UNKNOWN, id: UNKNOWN }),
            m2mClient("portal", { clientId: UNKNOWN, id: UNKNOWN, appType: "regular_web" }),
            grant("to-portal", { clientId: UNKNOWN }, { propertyDependencies: { clientId: ["portal"] } }),
            grant("to-worker", { clientId: UNKNOWN }, { dependsOn: ["worker"] }),
        ];
        expectViolations(await runStack(policy, stack), ['ClientGrant "to-portal" gives client-credentials access to Client "portal", whose appType is "regular_web"']);
    });

    it("defers when preview hides which client the grant is for, or what the client is", async () => {
        const ambiguous = await runStack(policy, [m2mClient("a", { clientId: UNKNOWN }), m2mClient("b", { clientId: UNKNOWN }), grant("g", { clientId: UNKNOWN }, { dependsOn: ["a", "b"] })]);
        expectUnknown(ambiguous, 'ClientGrant "g": clientId is unknown during preview, so which Client in this stack the grant is for');
        const unknownAppType = await runStack(policy, [m2mClient("c", { appType: UNKNOWN }), grant("g")]);
        expectUnknown(unknownAppType, 'Client "c": appType is unknown during preview, so whether Client "c", which ClientGrant "g" is for, is an M2M application');
    });

    it("exempts by grant name, and audits an exemption that matched nothing", async () => {
        const config = { exemptions: [exemption("g"), exemption("h")] };
        const result = await runStack(policy, [m2mClient("c", { appType: "spa" }), grant("g")], config);
        expectViolations(result, [/exemptions\[1\] \(resource "h".*matches no resource this policy checks/]);
    });
});
