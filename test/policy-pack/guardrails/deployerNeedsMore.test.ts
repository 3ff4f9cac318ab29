// The deployer tables for client grants, users' and organization members' roles, SCIM, attack
// defences, the login experience and messages, flows, forms and hooks
// (deployerNeeds{M2m,Users,Identity,Security,Login,Flows}.ts).
import { describe, expect, it } from "vitest";
import { deployerScopesFor, isKnownToDeployerScopes } from "../../../policy-pack/guardrails/deployerScopes";
import { DEFAULT_ESCALATION_SCOPES } from "../../../policy-pack/guardrails/scopeRisks";
import { itNeedsEachPhase, type Case } from "./deployerNeedsCases";

const crud = (noun: string): Case["phases"] => ({ create: [`create:${noun}`], read: [`read:${noun}`], update: [`update:${noun}`], delete: [`delete:${noun}`] });
// A singleton's settings: created and updated by one PATCH, never deleted.
const settings = { create: ["update:attack_protection"], read: ["read:attack_protection"], update: ["update:attack_protection"] };

const cases: Case[] = [
    // GET /users/{id}/roles needs all three reads (the catalogue's 403 text).
    {
        type: "auth0:index/userRole:UserRole",
        phases: { create: ["update:users"], read: ["read:role_members", "read:roles", "read:users"], delete: ["update:users"] },
    },
    {
        type: "auth0:index/userRoles:UserRoles",
        phases: { create: ["update:users"], read: ["read:role_members", "read:roles", "read:users"], update: ["update:users"], delete: ["update:users"] },
    },
    { type: "auth0:index/userPermission:UserPermission", phases: { create: ["update:users"], read: ["read:users"], delete: ["update:users"] } },
    { type: "auth0:index/userPermissions:UserPermissions", phases: { create: ["update:users"], read: ["read:users"], update: ["update:users"], delete: ["update:users"] } },
    {
        type: "auth0:index/organizationMemberRole:OrganizationMemberRole",
        phases: { create: ["create:organization_member_roles"], read: ["read:organization_member_roles"], delete: ["delete:organization_member_roles"] },
    },
    {
        type: "auth0:index/organizationMemberRoles:OrganizationMemberRoles",
        phases: {
            create: ["create:organization_member_roles"],
            read: ["read:organization_member_roles"],
            update: ["create:organization_member_roles", "delete:organization_member_roles"],
            delete: ["delete:organization_member_roles"],
        },
    },
    // Create lists a client's grants first, to adopt one for the same audience and subject type.
    { type: "auth0:index/clientGrant:ClientGrant", phases: crud("client_grants") },
    {
        type: "auth0:index/clientGrant:ClientGrant",
        inputs: { clientId: "abc", audience: "https://api.example.com" },
        phases: { ...crud("client_grants"), create: ["create:client_grants", "read:client_grants"] },
    },
    {
        type: "auth0:index/organizationClientGrant:OrganizationClientGrant",
        phases: { create: ["create:organization_client_grants"], read: ["read:organization_client_grants"], delete: ["delete:organization_client_grants"] },
    },
    { type: "auth0:index/connectionScimConfiguration:ConnectionScimConfiguration", phases: crud("scim_config") },
    { type: "auth0:index/connectionScimToken:ConnectionScimToken", phases: { create: ["create:scim_token"], read: ["read:scim_token"], delete: ["delete:scim_token"] } },
    // With no protection block set, create and update PATCH nothing; delete still disables three.
    { type: "auth0:index/attackProtection:AttackProtection", phases: { read: ["read:attack_protection"], delete: ["update:attack_protection"] } },
    {
        type: "auth0:index/attackProtection:AttackProtection",
        inputs: { bruteForceProtection: { enabled: true } },
        phases: { ...settings, delete: ["update:attack_protection"] },
    },
    { type: "auth0:index/riskAssessments:RiskAssessments", phases: settings },
    { type: "auth0:index/riskAssessmentsNewDevice:RiskAssessmentsNewDevice", phases: settings },
    { type: "auth0:index/supplementalSignals:SupplementalSignals", phases: { ...settings, delete: ["update:attack_protection"] } },
    { type: "auth0:index/networkAcl:NetworkAcl", phases: crud("network_acls") },
    // Partials and renderers are written, never deleted: delete writes them empty or standard.
    { type: "auth0:index/promptPartials:PromptPartials", phases: { create: ["update:prompts"], read: ["read:prompts"], update: ["update:prompts"], delete: ["update:prompts"] } },
    {
        type: "auth0:index/promptScreenPartial:PromptScreenPartial",
        phases: {
            create: ["read:prompts", "update:prompts"],
            read: ["read:prompts"],
            update: ["read:prompts", "update:prompts"],
            delete: ["read:prompts", "update:prompts"],
        },
    },
    {
        type: "auth0:index/promptScreenPartials:PromptScreenPartials",
        phases: { create: ["update:prompts"], read: ["read:prompts"], update: ["update:prompts"], delete: ["update:prompts"] },
    },
    {
        type: "auth0:index/promptScreenRenderer:PromptScreenRenderer",
        phases: { create: ["update:prompts"], read: ["read:prompts"], update: ["update:prompts"], delete: ["update:prompts"] },
    },
    // The login page lives on the tenant's global client; the other pages are tenant settings.
    {
        type: "auth0:index/pages:Pages",
        phases: { read: ["read:tenant_settings"], delete: ["update:clients", "update:tenant_settings"] },
        fields: { "read:clients": "find and read the global client's login page (auth0:index/pages:Pages)" },
    },
    {
        type: "auth0:index/pages:Pages",
        inputs: { login: { enabled: true, html: "<html></html>" }, error: { showLogLink: false, url: "https://example.com" } },
        phases: {
            create: ["update:clients", "update:tenant_settings"],
            read: ["read:tenant_settings"],
            update: ["update:clients", "update:tenant_settings"],
            delete: ["update:clients", "update:tenant_settings"],
        },
        fields: { "read:clients": "find and read the global client's login page (auth0:index/pages:Pages)" },
    },
    {
        type: "auth0:index/emailTemplate:EmailTemplate",
        phases: {
            create: ["create:email_templates", "read:email_templates", "update:email_templates"],
            read: ["read:email_templates"],
            update: ["update:email_templates"],
            delete: ["update:email_templates"],
        },
    },
    {
        type: "auth0:index/phoneProvider:PhoneProvider",
        phases: {
            create: ["create:phone_providers", "read:phone_providers", "update:phone_providers"],
            read: ["read:phone_providers"],
            update: ["update:phone_providers"],
            delete: ["delete:phone_providers"],
        },
    },
    { type: "auth0:index/phoneNotificationTemplate:PhoneNotificationTemplate", phases: crud("phone_templates") },
    { type: "auth0:index/brandingPhoneNotificationTemplate:BrandingPhoneNotificationTemplate", phases: crud("phone_templates") },
    // Verifying is POST /custom-domains/{id}/verify, create:custom_domains; nothing is undone.
    { type: "auth0:index/customDomainVerification:CustomDomainVerification", phases: { create: ["create:custom_domains"], read: ["read:custom_domains"] } },
    { type: "auth0:index/form:Form", phases: crud("forms") },
    { type: "auth0:index/flow:Flow", phases: crud("flows") },
    { type: "auth0:index/flowVaultConnection:FlowVaultConnection", phases: crud("flows_vault_connections") },
    { type: "auth0:index/hook:Hook", phases: { create: ["create:hooks"], read: ["read:hooks"], update: ["update:hooks"], delete: ["delete:hooks"] } },
    // Replacing secrets may remove some: DELETE /hooks/{id}/secrets is delete:hooks, on update too.
    {
        type: "auth0:index/hook:Hook",
        inputs: { secrets: { API_KEY: "k" } },
        phases: {
            create: ["create:hooks", "read:hooks", "update:hooks"],
            read: ["read:hooks"],
            update: ["delete:hooks", "read:hooks", "update:hooks"],
            delete: ["delete:hooks"],
        },
    },
];

describe("deployerScopesFor over client grants, member roles, SCIM, attack defences, login, messages, flows and hooks", () => {
    itNeedsEachPhase(cases);

    it("knows every type above", () => {
        for (const c of cases) expect(isKnownToDeployerScopes(c.type)).toBe(true);
    });

    it("marks the scopes the pack forbids to every other application, and only those", () => {
        const scopes = deployerScopesFor(cases.map((c) => ({ type: c.type, inputs: c.inputs ?? {} })));
        const forbidden = scopes.filter((s) => s.forbiddenToOthers !== undefined).map((s) => s.scope);
        expect(forbidden).toEqual(["create:client_grants", "create:hooks", "update:client_grants", "update:clients", "update:hooks"]);
        expect(scopes.find((s) => s.scope === "update:hooks")?.forbiddenToOthers).toBe(DEFAULT_ESCALATION_SCOPES["update:hooks"]);
    });
});
