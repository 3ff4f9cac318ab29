import { describe, expect, it } from "vitest";
import { deployerScopesFor, isKnownToDeployerScopes } from "../../../policy-pack/guardrails/deployerScopes";
import { DEFAULT_ESCALATION_SCOPES } from "../../../policy-pack/guardrails/scopeRisks";
import { itNeedsEachPhase, type Case } from "./deployerNeedsCases";

const cases: Case[] = [
    {
        type: "auth0:index/connection:Connection",
        phases: { create: ["create:connections"], read: ["read:connections"], update: ["read:connections", "update:connections"], delete: ["delete:connections"] },
    },
    // Enabling and disabling an application both PATCH the connection's client list.
    {
        type: "auth0:index/connectionClient:ConnectionClient",
        phases: { create: ["update:connections"], read: ["read:connections"], delete: ["update:connections"] },
    },
    {
        type: "auth0:index/connectionClients:ConnectionClients",
        phases: { create: ["read:connections", "update:connections"], read: ["read:connections"], update: ["update:connections"], delete: ["update:connections"] },
    },
    { type: "auth0:index/role:Role", phases: { create: ["create:roles"], read: ["read:roles"], update: ["update:roles"], delete: ["delete:roles"] } },
    { type: "auth0:index/rolePermission:RolePermission", phases: { create: ["update:roles"], read: ["read:roles"], delete: ["update:roles"] } },
    { type: "auth0:index/rolePermissions:RolePermissions", phases: { create: ["update:roles"], read: ["read:roles"], update: ["update:roles"], delete: ["update:roles"] } },
    {
        type: "auth0:index/organization:Organization",
        phases: { create: ["create:organizations"], read: ["read:organizations"], update: ["update:organizations"], delete: ["delete:organizations"] },
    },
    {
        type: "auth0:index/organizationConnection:OrganizationConnection",
        phases: {
            create: ["create:organization_connections"],
            read: ["read:organization_connections"],
            update: ["update:organization_connections"],
            delete: ["delete:organization_connections"],
        },
    },
    {
        type: "auth0:index/organizationConnections:OrganizationConnections",
        phases: {
            create: ["create:organization_connections", "read:organization_connections"],
            read: ["read:organization_connections"],
            update: ["create:organization_connections", "delete:organization_connections"],
            delete: ["delete:organization_connections"],
        },
    },
    {
        type: "auth0:index/organizationMember:OrganizationMember",
        phases: { create: ["create:organization_members"], read: ["read:organization_members"], delete: ["delete:organization_members"] },
    },
    {
        type: "auth0:index/organizationMembers:OrganizationMembers",
        phases: {
            create: ["create:organization_members", "read:organization_members"],
            read: ["read:organization_members"],
            update: ["create:organization_members", "delete:organization_members"],
            delete: ["delete:organization_members"],
        },
    },
    // update:users comes from the fields the provider PATCHes, not from a phase's endpoints.
    {
        type: "auth0:index/user:User",
        phases: { create: ["create:users"], read: ["read:users"], delete: ["delete:users"] },
        fields: { "update:users": "update the user's email, password, profile and blocks (auth0:index/user:User)" },
    },
    { type: "auth0:index/action:Action", phases: { create: ["create:actions"], read: ["read:actions"], update: ["read:actions", "update:actions"], delete: ["delete:actions"] } },
    // Deploying is POST /actions/{id}/deploy, create:actions, on update too.
    {
        type: "auth0:index/action:Action",
        inputs: { deploy: true },
        phases: { create: ["create:actions", "read:actions"], read: ["read:actions"], update: ["create:actions", "read:actions", "update:actions"], delete: ["delete:actions"] },
    },
    {
        type: "auth0:index/triggerAction:TriggerAction",
        phases: { create: ["read:actions", "update:actions"], read: ["read:actions"], update: ["read:actions", "update:actions"], delete: ["read:actions", "update:actions"] },
    },
    {
        type: "auth0:index/triggerActions:TriggerActions",
        phases: { create: ["update:actions"], read: ["read:actions"], update: ["update:actions"], delete: ["update:actions"] },
    },
    { type: "auth0:index/rule:Rule", phases: { create: ["create:rules"], read: ["read:rules"], update: ["update:rules"], delete: ["delete:rules"] } },
    {
        type: "auth0:index/ruleConfig:RuleConfig",
        phases: { create: ["update:rules_configs"], read: ["read:rules_configs"], update: ["update:rules_configs"], delete: ["delete:rules_configs"] },
    },
    // Singletons: created by updating, never deleted.
    { type: "auth0:index/tenant:Tenant", phases: { create: ["update:tenant_settings"], read: ["read:tenant_settings"], update: ["update:tenant_settings"] } },
    { type: "auth0:index/prompt:Prompt", phases: { create: ["update:prompts"], read: ["read:prompts"], update: ["update:prompts"] } },
    {
        type: "auth0:index/branding:Branding",
        phases: {
            create: ["update:branding"],
            read: ["read:branding", "read:custom_domains"],
            update: ["delete:branding", "update:branding"],
            delete: ["delete:branding", "read:custom_domains"],
        },
    },
    {
        type: "auth0:index/branding:Branding",
        inputs: { universalLogin: { body: "<html>{%- auth0:widget -%}</html>" } },
        phases: {
            create: ["read:custom_domains", "update:branding"],
            read: ["read:branding", "read:custom_domains"],
            update: ["read:custom_domains", "update:branding"],
            delete: ["delete:branding", "read:custom_domains"],
        },
    },
    // Seen planning a public program with a theme and custom login texts (code index file 49846303357).
    {
        type: "auth0:index/brandingTheme:BrandingTheme",
        phases: { create: ["read:branding", "update:branding"], read: ["read:branding"], update: ["update:branding"], delete: ["delete:branding"] },
    },
    { type: "auth0:index/promptCustomText:PromptCustomText", phases: { create: ["update:prompts"], read: ["read:prompts"], update: ["update:prompts"], delete: ["update:prompts"] } },
    {
        type: "auth0:index/customDomain:CustomDomain",
        phases: { create: ["create:custom_domains"], read: ["read:custom_domains"], update: ["update:custom_domains"], delete: ["delete:custom_domains"] },
    },
    {
        type: "auth0:index/emailProvider:EmailProvider",
        phases: {
            create: ["create:email_provider", "read:email_provider", "update:email_provider"],
            read: ["read:email_provider"],
            update: ["update:email_provider"],
            delete: ["delete:email_provider"],
        },
    },
    {
        type: "auth0:index/logStream:LogStream",
        phases: { create: ["create:log_streams"], read: ["read:log_streams"], update: ["update:log_streams"], delete: ["delete:log_streams"] },
    },
    {
        type: "auth0:index/logStream:LogStream",
        inputs: { status: "paused" },
        phases: { create: ["create:log_streams", "update:log_streams"], read: ["read:log_streams"], update: ["update:log_streams"], delete: ["delete:log_streams"] },
    },
];

describe("deployerScopesFor over the identity and tenant types", () => {
    itNeedsEachPhase(cases);

    it("knows every type above, and still reports an auth0 type it has no table for", () => {
        for (const c of cases) expect(isKnownToDeployerScopes(c.type)).toBe(true);
        // Guardian's read calls endpoints the catalogue doesn't list (deployerNeedsSecurity.ts).
        expect(isKnownToDeployerScopes("auth0:index/guardian:Guardian")).toBe(false);
        expect(isKnownToDeployerScopes("auth0:index/actionModule:ActionModule")).toBe(false);
    });

    it("marks the scopes the pack forbids to every other application, and only those", () => {
        const scopes = deployerScopesFor(cases.map((c) => ({ type: c.type, inputs: c.inputs ?? {} })));
        const forbidden = scopes.filter((s) => s.forbiddenToOthers !== undefined).map((s) => s.scope);
        expect(forbidden).toEqual(["create:actions", "create:connections", "create:email_provider", "create:rules", "update:actions", "update:connections", "update:email_provider", "update:rules"]);
        expect(scopes.find((s) => s.scope === "create:actions")?.forbiddenToOthers).toBe(DEFAULT_ESCALATION_SCOPES["create:actions"]);
        // Sensitive, not a takeover: the deployer list doesn't flag it.
        expect(scopes.find((s) => s.scope === "update:roles")).not.toHaveProperty("forbiddenToOthers");
    });
});
