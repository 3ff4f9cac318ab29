// Scopes that were judged and left off both tiers, with why: a reviewer reads these beside the
// tiers, so a missing scope is a decision rather than an oversight. A test requires every catalogue
// scope that is not a read to be rated or judged, so a scope new in the catalogue fails it until
// someone judges it.
//
// Reads are judged by what they return: those returning credentials or users' personal data in
// bulk are rated (scopeRisksSensitiveTenant.ts, and the takeover tier's read:client_keys, ...);
// other reads return configuration and are left unlisted, since holding one changes nothing.
import type { ManagementApiScope } from "./catalogue/catalogue";
import { api, docs, type ScopeJudgement } from "./scopeRiskTypes";

/**
 * Every endpoint that lists these scopes deletes or revokes (a test checks the catalogue): losing
 * the thing is a matter of availability, not escalation. The deletes that lift a defence (MFA
 * enrollments, access-control rules, IP blocks, log streams, Rules) are rated sensitive instead;
 * delete:actions is here because "An action must be unbound from all triggers before it can be
 * deleted" (DELETE /actions/actions/{id}), and unbinding needs update:actions (takeover).
 */
export const DESTROYING_SCOPES = [
    ...["delete:actions", "delete:agents", "delete:branding", "delete:client_credentials", "delete:client_grants", "delete:clients"],
    ...["delete:connection_profiles", "delete:connections", "delete:custom_domains", "delete:custom_signing_keys", "delete:device_credentials"],
    ...["delete:directory_provisionings", "delete:email_provider", "delete:encryption_keys", "delete:event_streams", "delete:experimentation"],
    ...["delete:federated_connections_tokens", "delete:flows", "delete:flows_executions", "delete:flows_vault_connections", "delete:forms"],
    ...["delete:grants", "delete:group_roles", "delete:groups", "delete:hooks", "delete:network_acl_keys", "delete:organization_client_grants"],
    ...["delete:organization_clients", "delete:organization_connections", "delete:organization_discovery_domains", "delete:organization_group_roles"],
    ...["delete:organization_invitations", "delete:organization_member_roles", "delete:organization_members", "delete:organizations"],
    ...["delete:phone_providers", "delete:phone_templates", "delete:rate_limit_policies", "delete:refresh_tokens", "delete:resource_servers"],
    ...["delete:role_members", "delete:roles", "delete:rules_configs", "delete:scim_config", "delete:scim_token", "delete:self_service_profiles"],
    ...["delete:sessions", "delete:sso_access_tickets", "delete:token_exchange_profiles", "delete:user_attribute_profiles", "delete:users"],
    "delete:vdcs_templates",
] as const satisfies readonly ManagementApiScope[];

/** Scopes for tokens a user holds about themselves (catalogue/data/README.md, "*current_user*"). */
export const USER_CONTEXT_SCOPES = [
    ...["create:current_user_device_credentials", "delete:current_user", "delete:current_user_device_credentials"],
    ...["update:current_user_identities", "update:current_user_metadata"],
] as const satisfies readonly ManagementApiScope[];

const group = (scopes: readonly ManagementApiScope[], judgement: ScopeJudgement) => Object.fromEntries(scopes.map((scope) => [scope, judgement]));

const SELF_SERVICE_SSO = docs("authenticate/enterprise-connections/self-service-SSO");
const CONNECTION_PROFILES = docs("authenticate/enterprise-connections/connection-profile");

export const SCOPES_JUDGED_NOT_ESCALATING: Readonly<Partial<Record<ManagementApiScope, ScopeJudgement>>> = {
    ...group(DESTROYING_SCOPES, {
        reason: "only deletes or revokes: availability, not escalation",
        source: "each scope's DELETE (or revoke) endpoints in the catalogue",
    }),
    ...group(USER_CONTEXT_SCOPES, {
        reason: "acts only on the user a user-context token belongs to, so an M2M grant can't use it (auth0-management-api-known-scopes reports it)",
        source: docs("secure/tokens/access-tokens/management-api-access-tokens/get-management-api-tokens-for-single-page-applications"),
    }),
    "create:clients": {
        reason: "a new application gets no API grant without create:client_grants (on the list), and users would have to choose to sign in to it",
        source: api("clients/post-clients"),
    },
    "create:roles": {
        reason: "a new role holds no permissions without update:roles and no users without create:role_members (both on the list)",
        source: api("roles/post-roles"),
    },
    "create:resource_servers": {
        reason: "a new API is trusted only by services that expect its identifier, and no application gets its tokens without create:client_grants (on the list)",
        source: api("resource-servers/post-resource-servers"),
    },
    "create:organizations": {
        reason: "a new organization grants nothing until members, connections or roles are added (each of those scopes is judged on its own)",
        source: api("organizations/post-organizations"),
    },
    "update:organizations": {
        reason: "changes an organization's name, display and metadata; members, connections and roles are other scopes",
        source: api("organizations/patch-organizations-by-id"),
    },
    ...group(["create:signing_keys", "update:signing_keys"], {
        reason: "rotates or revokes Auth0-generated signing keys, whose private key the holder never sees: availability, not escalation",
        source: `${api("keys/post-signing-keys")}; ${docs("get-started/tenant-settings/signing-keys/rotate-signing-keys")}`,
    }),
    ...group(["create:encryption_keys", "update:encryption_keys"], {
        reason: "manages the tenant's at-rest encryption keys (bring your own key); the holder reads no data through them, but can lock the tenant out: availability",
        source: `${api("keys/post-encryption")}; ${api("keys/post-encryption-key")}`,
    }),
    ...group(["create:connections_keys", "update:connections_keys"], {
        reason: "provisions or rotates the keys Auth0 generates for an Okta or OIDC connection to authenticate to its provider (Private Key JWT)",
        source: `${api("connections/post-keys")}; ${api("connections/post-rotate")}`,
    }),
    "update:sessions": { reason: "sets only a session's metadata (string key-values)", source: api("sessions/patch-sessions-by-id") },
    "update:refresh_tokens": { reason: "sets only a refresh token's metadata (string key-values)", source: api("refresh-tokens/patch-refresh-tokens-by-id") },
    "update:event_deliveries": { reason: "redelivers failed events to the stream's own destination", source: api("event-streams/post-redeliver") },
    "create:flows": { reason: "a new flow runs only when a form names it (update:forms, on the list)", source: `${api("flows/post-flows")}; ${docs("customize/forms/flows")}` },
    "create:forms": {
        reason: "a new form shows only where an Action renders it (create:actions and update:actions, on the list)",
        source: `${api("forms/create-form")}; ${docs("customize/forms/render")}`,
    },
    "create:flows_vault_connections": {
        reason: "a new vault connection is used only by a flow that names it (update:flows, on the list)",
        source: `${api("flows/post-flows-vault-connections")}; ${docs("customize/forms/vaults")}`,
    },
    ...group(["create:self_service_profiles", "update:self_service_profiles", "update:self_service_profile_custom_texts"], {
        reason: "shapes what a self-service SSO ticket lets its holder set up; tickets need create:sso_access_tickets (on the list)",
        source: `${api("self-service-profiles/post-self-service-profiles")}; ${api("self-service-profiles/patch-self-service-profiles-by-id")}; ${api("self-service-profiles/put-self-service-profile-custom-text")}; ${SELF_SERVICE_SSO}`,
    }),
    ...group(["create:connection_profiles", "update:connection_profiles", "create:user_attribute_profiles", "update:user_attribute_profiles"], {
        reason: "applies only to connections that third parties create later through self-service SSO or Okta Express Configuration",
        source: [
            ...["connection-profiles/post-connection-profiles", "connection-profiles/patch-connection-profiles-by-id"].map(api),
            ...["user-attribute-profiles/post-user-attribute-profiles", "user-attribute-profiles/patch-user-attribute-profiles-by-id"].map(api),
            CONNECTION_PROFILES,
        ].join("; "),
    }),
    ...group(["create:directory_provisionings", "update:directory_provisionings"], {
        reason: "copies users and groups from the connection's own directory, which the holder does not control",
        source: `${api("connections/post-directory-provisioning")}; ${api("connections/patch-directory-provisioning")}`,
    }),
    "create:scim_config": {
        reason: "turns SCIM on for a connection; provisioning through it needs a token (create:scim_token, on the list)",
        source: `${api("connections/post-scim-configuration")}; ${docs("authenticate/protocols/scim/configure-inbound-scim")}`,
    },
    ...group(["create:vdcs_templates", "update:vdcs_templates"], {
        reason: "configures which verifiable credentials the tenant asks for and how it verifies them; signs no one in",
        source: `${api("verifiable-credentials/post-vc-templates")}; ${api("verifiable-credentials/patch-vc-templates-by-id")}`,
    }),
};
