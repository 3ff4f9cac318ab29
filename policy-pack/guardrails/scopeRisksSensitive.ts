// The "sensitive" tier, users' accounts and permissions: scopes that change any user's sign-in,
// factors, roles or memberships, and tenant settings whose abuse still needs something more (the
// test is scopeRiskTypes.ts ScopeRiskTier's). Many are needed by ordinary user-management
// integrations, which is why the tier is advisory by default.
import type { ManagementApiScope } from "./catalogue/catalogue";
import { api, docs, type ScopeRisk } from "./scopeRiskTypes";

export const SENSITIVE_ACCOUNT_SCOPE_RISKS: Readonly<Partial<Record<ManagementApiScope, ScopeRisk>>> = {
    // Sensitive: what it turns on (Dynamic Client Registration, a default directory) still needs
    // users to consent to, or sign in to, what the holder registers.
    "update:tenant_settings": {
        tier: "sensitive",
        reason: "changes tenant-wide behaviour, e.g. turns on Dynamic Client Registration (anyone may register applications, which users must still consent to) or changes the default directory",
        source: `${api("tenants/patch-settings")}; https://auth0.com/docs/get-started/applications/dynamic-client-registration`,
    },
    // Sensitive: page templates need a custom domain (customize-templates: "To use customized page
    // templates, you must configure a Custom Domain"), and harvesting passwords needs users to log in.
    "update:branding": {
        tier: "sensitive",
        reason: "replaces the Universal Login page template (on tenants with a custom domain), whose markup surrounds the box where users type their passwords",
        source: `${api("branding/put-universal-login")}; https://auth0.com/docs/customize/login-pages/universal-login/customize-templates`,
    },
    // Sensitive: the connection a ticket sets up signs in its own users, new accounts in that
    // connection; reaching existing accounts needs more (account linking, home-realm routing).
    "create:sso_access_tickets": {
        tier: "sensitive",
        reason: "issues self-service SSO tickets, with which whoever holds one sets up an enterprise identity provider that signs users in to the tenant's applications",
        source: `${api("self-service-profiles/post-sso-ticket")}; https://auth0.com/docs/authenticate/enterprise-connections/self-service-SSO`,
    },
    // Sensitive: templates take effect with a custom mail provider (smtp-email-providers: an external
    // provider is needed "to use email templates"), and a rewritten link needs a user to follow it.
    "update:email_templates": {
        tier: "sensitive",
        reason: "rewrites password-reset and verification mails, e.g. to send their links through a site the holder runs, which a user must then follow",
        source: `${api("email-templates/patch-email-templates-by-template-name")}; https://auth0.com/docs/customize/email/smtp-email-providers`,
    },
    "create:email_templates": {
        tier: "sensitive",
        reason: "installs a password-reset or verification template where Auth0's default was in use, e.g. sending its links through a site the holder runs, which a user must then follow",
        source: `${api("email-templates/post-email-templates")}; https://auth0.com/docs/customize/email/smtp-email-providers`,
    },
    // Sensitive: weakening or watching the second factor still leaves each user's password to beat.
    "update:guardian_factors": {
        tier: "sensitive",
        reason: "turns MFA factors off or points SMS and push delivery at providers the holder runs, leaving logins to passwords alone",
        source: api("guardian/put-factor-duo-settings"),
    },
    "update:mfa_policies": { tier: "sensitive", reason: "turns tenant-wide MFA enforcement off, leaving logins to passwords alone", source: api("guardian/put-policies") },
    // Account takeover: needed by ordinary user-management integrations, so sensitive too.
    "create:user_tickets": {
        tier: "sensitive",
        reason: "creates password-change tickets for any user, so the holder can set that user's password",
        source: api("tickets/post-password-change"),
    },
    "update:users": { tier: "sensitive", reason: "changes any user's email, password, identities and blocks", source: api("users/patch-users-by-id") },
    "update:users_app_metadata": {
        tier: "sensitive",
        reason: "changes any user's app_metadata, which Actions and applications often trust for roles and permissions",
        source: `${api("users/patch-users-by-id")}; https://auth0.com/docs/manage-users/user-accounts/metadata`,
    },
    "create:role_members": { tier: "sensitive", reason: "assigns any role, with its permissions, to any user", source: api("roles/post-role-users") },
    "update:roles": { tier: "sensitive", reason: "adds permissions to roles and assigns roles to users", source: api("roles/patch-roles-by-id") },
    "create:guardian_enrollment_tickets": {
        tier: "sensitive",
        reason: "creates MFA enrollment tickets for any user, so the holder can enroll its own second factor on that account",
        source: api("guardian/post-ticket"),
    },
    // Authenticators: "Authentication methods created through this endpoint will be confirmed
    // automatically and available immediately" (manage-authentication-methods-with-management-api);
    // the request takes a TOTP secret or a passkey's public key. Beating MFA still needs the
    // password, and a passkey signs in only where the connection has passkeys on: sensitive.
    "create:authentication_methods": {
        tier: "sensitive",
        reason: "adds an already-confirmed authenticator to any user, e.g. a TOTP secret or a passkey whose key the holder owns, passing that user's MFA or, where passkeys are on, signing in as them",
        source: `${api("users/post-authentication-methods")}; ${docs("secure/multi-factor-authentication/manage-mfa-auth0-apis/manage-authentication-methods-with-management-api")}`,
    },
    "update:authentication_methods": {
        tier: "sensitive",
        reason: "replaces any user's authenticators with ones the holder supplies, e.g. a TOTP secret or a passkey's public key",
        source: `${api("users/put-authentication-methods")}; ${docs("secure/multi-factor-authentication/manage-mfa-auth0-apis/manage-authentication-methods-with-management-api")}`,
    },
    // Removing a factor "allows the user to re-enroll" (DELETE /guardian/enrollments/{id}): whoever
    // next signs in with the password enrolls one.
    "delete:authentication_methods": {
        tier: "sensitive",
        reason: "removes any user's authenticators, so whoever next signs in with that user's password enrolls a factor of its own",
        source: `${api("users/delete-authentication-methods")}; ${docs("secure/multi-factor-authentication/reset-user-mfa")}`,
    },
    "delete:guardian_enrollments": {
        tier: "sensitive",
        reason: "removes any user's MFA enrollments, so whoever next signs in with that user's password enrolls a factor of its own",
        source: `${api("guardian/delete-enrollments-by-id")}; ${docs("secure/multi-factor-authentication/reset-user-mfa")}`,
    },
    // Users: a migration or sync job needs it. Imports with upsert update existing users' attributes
    // (bulk-user-imports), custom_password_hash among them.
    "create:users": {
        tier: "sensitive",
        reason: "creates users in any database or passwordless connection, app_metadata included, and imports users with upsert, which updates existing users' attributes",
        source: `${api("users/post-users")}; ${api("jobs/post-users-imports")}; ${docs("manage-users/user-migration/bulk-user-imports")}`,
    },
    // Roles through groups and organizations: the siblings of create:role_members.
    "create:group_roles": { tier: "sensitive", reason: "assigns roles, with their permissions, to groups and so to every member of them", source: api("groups/post-group-roles") },
    "create:organization_member_roles": { tier: "sensitive", reason: "assigns any organization role, with its permissions, to any member of an organization", source: api("organizations/post-organization-member-roles") },
    "create:organization_group_roles": { tier: "sensitive", reason: "assigns organization roles, with their permissions, to groups and so to every member of them", source: api("organizations/post-organization-group-roles") },
    // Organization membership is what B2B applications take as access to an organization's data.
    "create:organization_members": {
        tier: "sensitive",
        reason: "adds any existing user to any organization, which applications take as access to that organization",
        source: `${api("organizations/post-members")}; ${docs("manage-users/organizations/configure-organizations/assign-members")}`,
    },
    "create:organization_invitations": {
        tier: "sensitive",
        reason: "invites any email address to any organization, with predefined roles, so whoever holds that mailbox joins it",
        source: `${api("organizations/post-invitations")}; ${docs("manage-users/organizations/configure-organizations/invite-members")}`,
    },
    "create:organization_connections": {
        tier: "sensitive",
        reason: "enables connections for organizations, and with auto-membership every user who signs in through one becomes a member",
        source: `${api("organizations/post-enabled-connections")}; ${docs("manage-users/organizations/configure-organizations/grant-just-in-time-membership")}`,
    },
    "update:organization_connections": {
        tier: "sensitive",
        reason: "turns on auto-membership for an organization's connections, so every user who signs in through one becomes a member",
        source: `${api("organizations/patch-enabled-connections-by-connection-id")}; ${docs("manage-users/organizations/configure-organizations/grant-just-in-time-membership")}`,
    },
    // The request sets `status: "verified"` itself: no proof of owning the domain is asked for.
    "create:organization_discovery_domains": {
        tier: "sensitive",
        reason: "adds email domains to organizations, already marked verified, so sign-ins from that domain are routed to the organization",
        source: api("organizations/post-discovery-domains"),
    },
    "update:organization_discovery_domains": {
        tier: "sensitive",
        reason: "marks an organization's email domain verified without proof, so sign-ins from that domain are routed to the organization",
        source: api("organizations/patch-discovery-domains-by-discovery-domain-id"),
    },
    "create:organization_client_grants": {
        tier: "sensitive",
        reason: "lets an application's grant issue tokens for another organization, which APIs take as access to that organization's data",
        source: api("organizations/create-organization-client-grants"),
    },
    // SCIM: a token provisions the users of one enterprise connection.
    "create:scim_token": {
        tier: "sensitive",
        reason: "issues SCIM tokens, with which the holder creates, changes and deactivates an enterprise connection's users",
        source: `${api("connections/post-scim-token")}; ${docs("authenticate/protocols/scim/configure-inbound-scim")}`,
    },
    "update:scim_config": {
        tier: "sensitive",
        reason: "changes how SCIM attributes map onto an enterprise connection's users (which profile fields a mapping may write is unconfirmed)",
        source: api("connections/patch-scim-configuration"),
    },
    // Rules: deprecated, yet still run in the tenants that have them.
    "update:rules_configs": {
        tier: "sensitive",
        reason: "sets the values Rules read as configuration, which Rules may trust, e.g. as allow-lists, in every login",
        source: api("rules-configs/put-rules-configs-by-key"),
    },
    "delete:rules": { tier: "sensitive", reason: "deletes Rules, including ones that enforce MFA or deny access in every login", source: api("rules/delete-rules-by-id") },
};
