import { describe, expect, it } from "vitest";
import { DEFAULT_ESCALATION_SCOPES } from "../../../policy-pack/guardrails";
import { managementApiNoEscalation } from "../../../policy-pack/policies/managementApiNoEscalation";
import { exemption, grant, managementGrant } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, secret, UNKNOWN } from "../ruleHarness";

const policy = managementApiNoEscalation(ruleDeps());

describe("auth0-management-api-no-escalation", () => {
    it("passes Management API grants without deny-listed scopes, and custom-API grants whatever they hold", async () => {
        expectClean(await runResource(policy, managementGrant("m", ["read:users", "read:logs"])));
        expectClean(await runResource(policy, grant("g", { scopes: ["create:client_grants"] })));
    });

    it("reports each deny-listed scope once, quoting its reason", async () => {
        const result = await runResource(policy, managementGrant("m", ["read:users", "create:client_grants", "update:client_keys"]));
        expectViolations(result, [
            'ClientGrant "m" on the Management API (audience "https://acme.eu.auth0.com/api/v2/") grants "create:client_grants", ' +
                "which grants any application, this one included, any scope on any API.",
            `grants "update:client_keys", which ${DEFAULT_ESCALATION_SCOPES["update:client_keys"]}`,
        ]);
    });

    it("recognises the Management API by its audience on any host, and secret scopes", async () => {
        const grantOnCustomDomain = managementGrant("m", secret(["read:client_keys"]) as unknown as unknown[], {
            audience: "https://login.example.com/api/v2",
        });
        expectViolations(await runResource(policy, grantOnCustomDomain), ['grants "read:client_keys"']);
    });

    it("does not mistake a scope named like an Object method for a deny-listed one", async () => {
        expectClean(await runResource(policy, managementGrant("m", ["constructor", "toString"])));
    });

    it("reports allowAllScopes on the Management API", async () => {
        expectViolations(await runResource(policy, managementGrant("m", [], { allowAllScopes: true })), [
            new RegExp(`sets allowAllScopes: true, which grants every Management API scope, including all ${Object.keys(DEFAULT_ESCALATION_SCOPES).length} that take over the tenant`),
        ]);
    });

    it("uses the guardrails' deny-list by default and a configured one instead when given", async () => {
        expect(policy.configSchema!.properties.escalationScopes.default).toEqual(DEFAULT_ESCALATION_SCOPES);
        const config = { escalationScopes: { "delete:users": "deletes any user, which can't be undone" } };
        expectViolations(await runResource(policy, managementGrant("m", ["delete:users", "create:client_grants"]), config), [
            'grants "delete:users", which deletes any user, which can\'t be undone.',
        ]);
        await expect(runResource(policy, managementGrant(), { escalationScopes: { "delete:users": "" } })).rejects.toThrow(
            'auth0-management-api-no-escalation.escalationScopes["delete:users"]: must be the reason the scope is denied',
        );
    });

    it("catches the tenant-takeover scopes of a real 24-scope deployer grant, not only the grant editing", async () => {
        // The CRUD grant from a public program that the old list flagged only for the two grant scopes.
        const crud = ["actions", "client_grants", "clients", "connections", "resource_servers", "users"].flatMap((thing) =>
            ["create", "read", "update", "delete"].map((verb) => `${verb}:${thing}`),
        );
        const result = await runResource(policy, managementGrant("deployer", crud));
        expect(result.violations.map((v) => /grants "([^"]+)"/.exec(v.message)![1]).sort()).toEqual([
            "create:actions",
            "create:client_grants",
            "create:connections",
            "update:actions",
            "update:client_grants",
            "update:clients",
            "update:connections",
            "update:resource_servers",
        ]);
    });

    it("accepts exactly the scopes an exemption lists: a scope added to an exempted grant still fails", async () => {
        const config = { exemptions: [exemption("deployer", { scopes: ["create:client_grants", "update:client_grants"] })] };
        expectClean(await runResource(policy, managementGrant("deployer", ["create:client_grants", "update:client_grants"]), config));
        expectViolations(await runResource(policy, managementGrant("deployer", ["create:client_grants", "update:client_grants", "read:client_keys"]), config), [
            /grants "read:client_keys"[^]*does not accept "read:client_keys"/,
        ]);
        // allowAllScopes is a finding of its own, accepted only when listed.
        expectViolations(await runResource(policy, managementGrant("deployer", [], { allowAllScopes: true }), config), [/sets allowAllScopes/]);
    });

    it("lets an exemption by URN suppress it", async () => {
        const urn = "urn:pulumi:dev::auth0-m2m::auth0:index/clientGrant:ClientGrant::provisioner";
        const config = { exemptions: [exemption(urn, { reason: "Tenant bootstrap pipeline, reviewed by security in SEC-42", scopes: ["create:client_grants"] })] };
        expectClean(await runResource(policy, managementGrant("provisioner", ["create:client_grants"]), config));
        expectViolations(await runResource(policy, managementGrant("other", ["create:client_grants"]), config), ['"create:client_grants"']);
    });

    it("defers when the audience is unknown and a scope would escalate on the Management API", async () => {
        const result = await runResource(policy, grant("g", { audience: UNKNOWN, scopes: ["read:users", "update:client_keys"] }));
        expectViolations(result, []);
        expectUnknown(result, 'ClientGrant "g": audience is unknown during preview, so whether the grant targets the Management API, where "update:client_keys" would be flagged');
        // Nothing on the deny-list: the audience doesn't matter.
        expectClean(await runResource(policy, grant("g", { audience: UNKNOWN, scopes: ["read:users"] })));
        const unknownScope = await runResource(policy, managementGrant("m", ["create:client_grants", UNKNOWN]));
        expectViolations(unknownScope, ['"create:client_grants"']);
        expectUnknown(unknownScope, "scopes[1] is unknown during preview, so whether it escalates privileges");
    });
});
