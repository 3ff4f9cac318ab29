import { describe, expect, it } from "vitest";
import { m2mTokenQuota } from "../../../policy-pack/policies/m2mTokenQuota";
import { exemption, grant, m2mClient, managementGrant } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runStack, UNKNOWN } from "../ruleHarness";

const policy = m2mTokenQuota(ruleDeps());
const noQuota = (name = "worker") => m2mClient(name, { tokenQuota: undefined });

describe("auth0-m2m-token-quota", () => {
    it("is advisory", () => {
        expect(policy.enforcementLevel).toBe("advisory");
    });

    it("passes a client with a per-hour or per-day quota, and clients with only Management API grants", async () => {
        expectClean(await runStack(policy, [m2mClient(), grant()]));
        expectClean(await runStack(policy, [m2mClient("w", { tokenQuota: { clientCredentials: { perDay: 10_000 } } }), grant()]));
        expectClean(await runStack(policy, [noQuota(), managementGrant()]));
    });

    it("reports a quota with enforce: false, which only logs", async () => {
        const logOnly = m2mClient("w", { tokenQuota: { clientCredentials: { perHour: 100, enforce: false } } });
        expectViolations(await runStack(policy, [logOnly, grant()]), ['Client "w" sets tokenQuota.clientCredentials with enforce: false, which only logs']);
    });

    it("honours a tenant-wide default quota, and leaves clients that can't use client credentials to auth0-grant-client-is-m2m", async () => {
        const tenant = { type: "auth0:index/tenant:Tenant", name: "tenant", props: { defaultTokenQuota: { clients: { clientCredentials: { perHour: 500, enforce: true } } } } };
        expectClean(await runStack(policy, [tenant, noQuota(), grant()]));
        const unknownDefault = { ...tenant, props: { defaultTokenQuota: UNKNOWN } };
        expectUnknown(await runStack(policy, [unknownDefault, m2mClient(), grant()]), 'Tenant "tenant": defaultTokenQuota.clients.clientCredentials is unknown');
        // A client without a quota of its own may be covered by that unknown default: not reported, the tenant's note says why.
        const covered = await runStack(policy, [unknownDefault, noQuota(), grant()]);
        expect(covered.violations).toEqual([]);
        expectUnknown(covered, 'Tenant "tenant": defaultTokenQuota.clients.clientCredentials is unknown');
        expectClean(await runStack(policy, [m2mClient("spa", { appType: "spa", grantTypes: ["authorization_code"], tokenQuota: undefined }), grant()]));
        expectUnknown(await runStack(policy, [m2mClient("c", { grantTypes: UNKNOWN, tokenQuota: undefined }), grant()]), 'Client "c": grantTypes is unknown');
    });

    it("reports a client with custom-API grants and no quota, on the client, listing the APIs", async () => {
        const result = await runStack(policy, [noQuota(), grant("a"), grant("b", { audience: "https://billing.example" }), managementGrant()]);
        expectViolations(result, [
            'Client "worker" has client-credentials grants for custom APIs ("https://billing.example", "https://orders.example") but no tokenQuota.clientCredentials',
        ]);
        expect(result.violations[0].urn).toBe("urn:pulumi:dev::auth0-m2m::auth0:index/client:Client::worker");
        expectViolations(await runStack(policy, [m2mClient("w", { tokenQuota: { clientCredentials: { enforce: true } } }), grant()]), [
            "but no tokenQuota.clientCredentials",
        ]);
    });

    it("exempts by client name", async () => {
        expectClean(await runStack(policy, [noQuota("batch"), grant()], { exemptions: [exemption("batch")] }));
    });

    it("defers when the quota or the audience is unknown", async () => {
        expectUnknown(await runStack(policy, [m2mClient("w", { tokenQuota: UNKNOWN }), grant()]), 'Client "w": tokenQuota is unknown during preview');
        const audience = await runStack(policy, [noQuota(), grant("g", { audience: UNKNOWN })]);
        expectViolations(audience, []);
        expectUnknown(audience, 'ClientGrant "g": audience is unknown during preview, so whether it is a custom API');
    });
});
