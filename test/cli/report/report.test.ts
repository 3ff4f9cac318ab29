import { describe, expect, it } from "vitest";
import { AUTH0_TYPES } from "../../../policy-pack/guardrails";
import { buildReport, EXEMPTIONS_APPLIED_POLICY, managementApiLabel } from "../../../cli/report/report";
import { renderText } from "../../../cli/report/renderText";
import { DefaultProviders } from "../../../cli/program/defaultProviders";
import { UNKNOWN_VALUE } from "../../../cli/program/protocol";
import { SECRET_TEXT } from "../../../cli/values";
import { CLIENT_SECRET_PLAINTEXT, DIAGNOSTICS, INPUT, resource, SECRET_SCOPE, URNS } from "./reportFixtures";

describe("buildReport", () => {
    const report = buildReport(INPUT);

    it("names each machine by its Client name, falling back to the logical name when the name is secret", () => {
        expect(report.machines).toEqual([
            {
                machine: "Billing export",
                urn: URNS.billing.urn,
                name: "tenant-billing-client",
                appType: "non_interactive",
                grantTypes: null,
                clientCredentials: true,
                authenticationMethod: "client_secret_post",
                tokenQuota: { perHour: 20, perDay: 200, enforce: true },
                grants: 2,
            },
            {
                machine: "hidden",
                urn: URNS.hidden.urn,
                name: "hidden",
                appType: "non_interactive",
                grantTypes: null,
                clientCredentials: true,
                authenticationMethod: null,
                tokenQuota: null,
                grants: 0,
            },
        ]);
    });

    it("links grants to their client through clientId's dependency, and labels the Management API", () => {
        expect(report.grants.map((g) => [g.machine, g.machineUrn, g.api, g.audience, g.managementApi, g.scopes])).toEqual([
            ["Billing export", URNS.billing.urn, "Auth0 Management API (acme.eu.auth0.com)", "https://acme.eu.auth0.com/api/v2/", true, [SECRET_TEXT, "read:users"]],
            ["Billing export", URNS.billing.urn, "Orders API", "https://orders.example", false, ["read:orders"]],
            ["client abc123EXTERNAL (not in this program)", null, "https://partner.example", "https://partner.example", false, ["read:things"]],
        ]);
    });

    it("lists the Management API first, then APIs by label, with lifetimes, defined scopes, and APIs only named by grants", () => {
        expect(report.apis).toEqual([
            {
                identifier: "https://acme.eu.auth0.com/api/v2/",
                label: "Auth0 Management API (acme.eu.auth0.com)",
                urn: URNS.managementApi.urn,
                managementApi: true,
                tokenLifetime: 3600,
                tokenLifetimeForWeb: null,
                scopes: null,
                enforcePolicies: null,
                proofOfPossession: null,
                adopted: true,
                retained: true,
                accessPolicy: { user: null, client: null },
            },
            {
                identifier: "https://orders.example",
                label: "Orders API",
                urn: URNS.orders.urn,
                managementApi: false,
                tokenLifetime: 900,
                tokenLifetimeForWeb: 900,
                scopes: ["read:orders", "write:orders"],
                enforcePolicies: false,
                proofOfPossession: { mechanism: "mtls", required: true },
                adopted: false,
                retained: false,
                accessPolicy: { user: "deny_all", client: "require_client_grant" },
            },
            {
                identifier: "https://partner.example",
                label: "https://partner.example",
                urn: null,
                managementApi: false,
                tokenLifetime: null,
                tokenLifetimeForWeb: null,
                scopes: null,
                enforcePolicies: null,
                proofOfPossession: null,
                adopted: false,
                retained: false,
                accessPolicy: { user: null, client: null },
            },
        ]);
    });

    it("reports what is adopted or retained instead of created or deleted", () => {
        expect(report.adopted).toEqual([
            { urn: URNS.managementApi.urn, type: AUTH0_TYPES.resourceServer, name: URNS.managementApi.name, importId: "https://acme.eu.auth0.com/api/v2/" },
        ]);
        expect(report.retained).toEqual([{ urn: URNS.managementApi.urn, type: AUTH0_TYPES.resourceServer, name: URNS.managementApi.name }]);
    });

    it("asks the deployer scopes for the custom resources, with no create for adopted and no delete for retained ones", () => {
        const scopes = new Map(report.deployerScopes.map((s) => [s.scope, s.reasons]));
        expect(scopes.get("create:clients")).toEqual(["create auth0:index/client:Client"]);
        expect(scopes.get("update:client_keys")).toEqual(["set the client secret (auth0:index/clientCredentials:ClientCredentials)"]);
        // The only resource server besides the adopted, retained Management API is Orders.
        expect(scopes.get("create:resource_servers")).toEqual(["create auth0:index/resourceServer:ResourceServer"]);
        expect(report.deployerScopes.map((s) => s.scope)).toEqual([...report.deployerScopes.map((s) => s.scope)].sort());
    });

    it("says which of the deployer's scopes the pack forbids to every other application, and why", () => {
        const forbidden = new Map(report.deployerScopes.map((s) => [s.scope, s.forbiddenToOthers]));
        expect(forbidden.get("create:client_grants")).toMatch(/grants any application/);
        expect(forbidden.get("update:client_keys")).toMatch(/client secret/);
        expect(forbidden.get("create:clients")).toBeUndefined();
        expect(renderText(report)).toMatch(/ {2}create:client_grants +create auth0:index\/clientGrant:ClientGrant \(forbidden to every other application: grants any application/);
    });

    it("orders diagnostics mandatory first, strips the policy description, and scrubs secrets from messages", () => {
        expect(report.diagnostics.map((d) => [d.level, d.policy, d.resourceName])).toEqual([
            ["mandatory", "auth0-management-api-known-scopes", "tenant-billing-grant-management"],
            ["advisory", EXEMPTIONS_APPLIED_POLICY, "external-grant"],
            ["advisory", "auth0-m2m-token-quota", "hidden"],
            ["advisory", "auth0-stack-wide", null],
        ]);
        expect(report.diagnostics[0].message).toBe(`ClientGrant "tenant-billing-grant-management" asks for "${SECRET_TEXT}", which | is *not* known.`);
        expect(report.diagnostics[0].resourceType).toBe(AUTH0_TYPES.clientGrant);
        expect(report.diagnostics[3]).toMatchObject({ resource: null, message: "A stack-wide finding." });
        expect(report.exemptionsApplied.map((d) => d.message)).toEqual(["auth0-no-wildcard-scopes did not flag external-grant because of its exemptions[0]."]);
    });

    it("summarises, and fails on a mandatory diagnostic", () => {
        expect(report.verdict).toBe("fail");
        expect(report.summary).toEqual({
            resources: 9,
            resourcesByType: {
                [AUTH0_TYPES.client]: 2,
                [AUTH0_TYPES.clientCredentials]: 1,
                [AUTH0_TYPES.clientGrant]: 3,
                [AUTH0_TYPES.resourceServer]: 2,
                [AUTH0_TYPES.resourceServerScopes]: 1,
            },
            machines: 2,
            otherApplications: 0,
            apis: 3,
            grants: 3,
            adopted: 1,
            retained: 1,
            mandatory: 1,
            advisory: 2,
            exemptionsApplied: 1,
        });
        expect(buildReport({ ...INPUT, diagnostics: DIAGNOSTICS.filter((d) => d.enforcementLevel !== "mandatory") }).verdict).toBe("pass");
    });

    it("leaves the engine's default providers out of what the program declares, as pulumi preview does", () => {
        const defaults = new DefaultProviders({ stack: "dev", name: "proj", config: { "auth0:domain": "acme.eu.auth0.com" }, secretKeys: [] });
        const pet = resource("random:index/randomPet:RandomPet", "pet", {});
        const registered = defaults.resolve([...INPUT.resources.map((r) => ({ ...r, version: "3.49.0" })), pet]);
        expect(registered.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.name)).toEqual(["default_3_49_0", "default"]);
        const withProviders = buildReport({ ...INPUT, resources: registered });
        const withoutPet = { ...withProviders, summary: { ...withProviders.summary, resources: 9, resourcesByType: report.summary.resourcesByType }, notJudged: [] };
        expect(withoutPet).toEqual(report);
        expect(withProviders.notJudged).toEqual([{ type: "random:index/randomPet:RandomPet", count: 1 }]);
    });

    it("counts as machines only clients that can use client credentials, and shows grants' organizations", () => {
        const spa = resource(AUTH0_TYPES.client, "spa", { name: "Storefront", appType: "spa" });
        const web = resource(AUTH0_TYPES.client, "web", { name: "Portal", appType: "regular_web", grantTypes: ["authorization_code"] });
        const m2m = resource(AUTH0_TYPES.client, "m2m", { appType: "regular_web", grantTypes: ["client_credentials"] });
        // Neither appType nor grantTypes: Auth0's recorded defaults include client credentials.
        const bare = resource(AUTH0_TYPES.client, "bare", { name: "Bare" });
        const grant = (name: string, client: typeof spa, extra: Record<string, unknown> = {}) =>
            resource(AUTH0_TYPES.clientGrant, name, { clientId: "x", audience: "https://orders.example", scopes: ["write:b", "read:a"], ...extra }, {
                propertyDependencies: { clientId: [client.urn] },
            });
        const built = buildReport({
            ...INPUT,
            diagnostics: [],
            resources: [spa, web, m2m, bare, grant("spa-g", spa, { organizationUsage: "require", allowAnyOrganization: true }), grant("m2m-g", m2m), grant("bare-g", bare)],
        });
        expect(built.machines.map((m) => [m.name, m.clientCredentials])).toEqual([["bare", true], ["m2m", true]]);
        expect(built.otherApplications.map((m) => [m.name, m.grantTypes, m.clientCredentials])).toEqual([["spa", null, false]]);
        expect(built.summary).toMatchObject({ machines: 2, otherApplications: 1 });
        const spaGrant = built.grants.find((g) => g.name === "spa-g")!;
        expect(spaGrant).toMatchObject({ scopes: ["read:a", "write:b"], organizationUsage: "require", allowAnyOrganization: true, subjectType: null });
    });

    it("recognises the Management API by its name as the pack does, when its identifier isn't known offline", () => {
        const system = resource(AUTH0_TYPES.resourceServer, "system", { identifier: UNKNOWN_VALUE, name: "Auth0 Management API" });
        const client = resource(AUTH0_TYPES.client, "ops", { appType: "non_interactive" });
        const grant = resource(AUTH0_TYPES.clientGrant, "ops-g", { clientId: UNKNOWN_VALUE, audience: UNKNOWN_VALUE, scopes: ["read:users"] }, {
            propertyDependencies: { clientId: [client.urn], audience: [system.urn] },
        });
        const built = buildReport({ ...INPUT, diagnostics: [], resources: [system, client, grant] });
        expect(built.apis).toEqual([expect.objectContaining({ label: "Auth0 Management API", managementApi: true })]);
        expect(built.grants).toEqual([expect.objectContaining({ api: "Auth0 Management API", managementApi: true })]);
    });

    it("never contains a secret's plaintext, even where the policy config names it in an exemption", () => {
        const exemption = { policy: "auth0-no-wildcard-scopes", resource: "external-grant", reason: `accepts ${SECRET_SCOPE} until the split`, expires: "2099-12-31", scopes: [SECRET_SCOPE, "read:a"] };
        const withExemption = buildReport({ ...INPUT, exemptions: [exemption] });
        const text = JSON.stringify(withExemption);
        for (const plaintext of [CLIENT_SECRET_PLAINTEXT, SECRET_SCOPE, "Confidential partner"]) expect(text).not.toContain(plaintext);
        expect(withExemption.exemptions).toEqual([{ ...exemption, reason: "accepts [secret] until the split", scopes: ["[secret]", "read:a"] }]);
    });

    it("is deterministic whatever order the resources registered in", () => {
        expect(buildReport({ ...INPUT, resources: [...INPUT.resources].reverse(), diagnostics: [...DIAGNOSTICS].reverse() })).toEqual(report);
    });
});

describe("report helpers", () => {
    it("labels the Management API by its tenant host", () => {
        expect(managementApiLabel("https://acme.eu.auth0.com/api/v2/")).toBe("Auth0 Management API (acme.eu.auth0.com)");
    });

    it("uses the provider's own type tokens", async () => {
        const auth0 = await import("@pulumi/auth0");
        // __pulumiType is the SDK's own (internal) record of each class's type token.
        const token = (resourceClass: unknown) => (resourceClass as { __pulumiType: string }).__pulumiType;
        expect(AUTH0_TYPES).toEqual({
            client: token(auth0.Client),
            clientCredentials: token(auth0.ClientCredentials),
            clientGrant: token(auth0.ClientGrant),
            resourceServer: token(auth0.ResourceServer),
            resourceServerScopes: token(auth0.ResourceServerScopes),
            resourceServerScope: token(auth0.ResourceServerScope),
            tenant: token(auth0.Tenant),
        });
    });
});
