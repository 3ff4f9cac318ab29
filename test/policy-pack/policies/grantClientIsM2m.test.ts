import { describe, expect, it } from "vitest";
import { grantClientIsM2m } from "../../../policy-pack/policies/grantClientIsM2m";
import { credentials, exemption, grant, m2mClient } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runStack, UNKNOWN } from "../ruleHarness";

const policy = grantClientIsM2m(ruleDeps());

describe("auth0-grant-client-is-m2m", () => {
    it("passes a grant to an M2M client, and grants whose client is not in the stack", async () => {
        expectClean(await runStack(policy, [m2mClient(), grant(), credentials("creds")]));
        expectClean(await runStack(policy, [grant("g", { clientId: "client-elsewhere" })]));
    });

    it("reports a user-facing client once per grant, and says to delete the grant or move the access, never to add client_credentials", async () => {
        const spa = m2mClient("web", { appType: "spa", grantTypes: ["authorization_code", "implicit", "refresh_token"] });
        const result = await runStack(policy, [spa, grant("g")]);
        expectViolations(result, [
            'ClientGrant "g" gives client-credentials access to Client "web", which is a "spa" application, not a machine-to-machine ' +
                'one (appType "non_interactive"); has grantTypes ["authorization_code","implicit","refresh_token"] without ' +
                '"client_credentials", so it can\'t use the grant; allows "authorization_code", a user-facing flow',
        ]);
        expect(result.violations[0].message).toContain("Delete this grant, or move the access to a dedicated M2M application");
        expect(result.violations[0].message).not.toMatch(/add[^.]*client_credentials/i);
        // An SPA's grant is often meant for its users' calls (mattbutlerengineering infrastructure/pulumi/auth0.ts at ec0e117).
        expect(result.violations[0].message).toContain(
            'If Client "web" is meant to call this API for its signed-in users, it needs no client-credentials grant: user tokens ' +
                'follow the API\'s subjectTypeAuthorization.user policy (under "require_client_grant", a grant with subjectType "user").',
        );
        expectViolations(await runStack(policy, [m2mClient("c", { appType: "nonInteractive" }), grant("g")]), [
            'has appType "nonInteractive", which the Auth0 provider rejects (the M2M value is "non_interactive")',
        ]);
    });

    it("tells an M2M-typed client without the right grant types to become one, in one finding", async () => {
        expectViolations(await runStack(policy, [m2mClient("c", { grantTypes: ["client_credentials", "refresh_token"] }), grant("g")]), [
            /allows "refresh_token", a user-facing flow that keeps user sessions alive\. Delete this grant, or move the access/,
        ]);
        // On Auth0's defaults, users can sign in through a client only where it has somewhere to send their tokens.
        const signsUsersIn = { grantTypes: undefined, callbacks: ["https://app.example/callback"] };
        expectViolations(await runStack(policy, [m2mClient("c", signsUsersIn), grant("g")]), [
            'which leaves grantTypes unset, so Auth0 enables its defaults (authorization_code, implicit, refresh_token, client_credentials), and sets callbacks, so users can sign in through it. Make Client "c" an M2M application: appType "non_interactive" and grantTypes ["client_credentials"]; if anything signs users in through it, give that flow an application of its own first',
        ]);
        // Without appType it may be a user-facing application: never advise making it M2M.
        expectViolations(await runStack(policy, [m2mClient("c", { ...signsUsersIn, appType: undefined, webOrigins: ["https://app.example"] }), grant("g")]), [
            /leaves grantTypes unset, so Auth0 enables its defaults \(authorization_code, implicit, refresh_token, client_credentials\), and sets callbacks, webOrigins, so users can sign in through it; has no appType .*\. Delete this grant, or move the access to a dedicated M2M application/,
        ]);
    });

    it("leaves a client on Auth0's default grant types with nowhere to sign users in to the advisory rule, and names it beside a sure problem", async () => {
        // Real programs create M2M clients without grantTypes (hyperledger-labs/splice cluster/pulumi/common/src/auth0.ts).
        expectClean(await runStack(policy, [m2mClient("c", { grantTypes: undefined, callbacks: [] }), grant("g")]));
        expectClean(await runStack(policy, [m2mClient("c", { appType: undefined, grantTypes: undefined }), grant("g")]));
        expectViolations(await runStack(policy, [m2mClient("c", { appType: undefined, grantTypes: undefined }), grant("g"), credentials("creds", { authenticationMethod: "none" })]), [
            /is a public client that can't authenticate .*; has no appType .*; leaves grantTypes unset, so Auth0 enables its defaults \(.*\), though with no callbacks, webOrigins, allowedOrigins, initiateLoginUri set no user can sign in through them\./,
        ]);
        expectUnknown(
            await runStack(policy, [m2mClient("c", { grantTypes: undefined, callbacks: UNKNOWN }), grant("g")]),
            'Client "c": callbacks is unknown during preview, so whether Client "c", which ClientGrant "g" is for, is an M2M application',
        );
    });

    it("leaves a client-credentials-only client without appType to the advisory rule, and names it beside a sure problem", async () => {
        expectClean(await runStack(policy, [m2mClient("c", { appType: undefined }), grant("g")]));
        expectViolations(await runStack(policy, [m2mClient("c", { appType: undefined, grantTypes: ["client_credentials", "password"] }), grant("g")]), [
            /which allows "password", a user-facing flow that takes users' passwords directly; has no appType \(an M2M application's is "non_interactive"\)\. Delete this grant/,
        ]);
    });

    it("reports a public client (authenticationMethod none)", async () => {
        expectViolations(await runStack(policy, [m2mClient(), grant("g"), credentials("creds", { authenticationMethod: "none" })]), [
            'is a public client that can\'t authenticate (ClientCredentials "creds" sets authenticationMethod "none")',
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
        expectViolations(await runStack(policy, stack), ['ClientGrant "to-portal" gives client-credentials access to Client "portal", which is a "regular_web" application']);
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
