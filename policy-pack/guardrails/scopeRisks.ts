// Management API scopes whose holder can gain powers beyond its grant, take over accounts or the
// tenant, run code in the token pipeline, or read or replace credentials. One table, read by both
// escalation rules, the config schema, the deployer list and the README (a test keeps the README's
// table in step).
//
// Sources: each entry names the Management API docs page of an endpoint that needs the scope
// (https://auth0.com/docs/api/management/v2/<page>; the catalogue in catalogue/data records which
// endpoints list which scope, and a test checks every page below lists its scope), plus a prose
// page where the risk is Auth0's own words.
import type { ManagementApiScope } from "./catalogue/catalogue";

/**
 * `takeover`: the holder can surely take over the tenant, or any user's account, with this scope
 * alone: one leaked secret is the whole tenant. Always mandatory, and never grantable through stack
 * config. `sensitive`: powerful, but not surely a takeover on its own: it weakens a defence (MFA,
 * mail, the login page, tenant settings) whose abuse still needs something more (a user's password,
 * a user acting on a mail, a custom domain), or it is needed by ordinary integrations (a user-sync
 * job needs update:users). Its level is a setting of its own (advisory by default).
 */
export type ScopeRiskTier = "takeover" | "sensitive";

export interface ScopeRisk {
    readonly tier: ScopeRiskTier;
    /** One line, quoted in violations after "which". */
    readonly reason: string;
    /** Docs page(s) the reason rests on. */
    readonly source: string;
}

const api = (page: string) => `https://auth0.com/docs/api/management/v2/${page}`;

export const MANAGEMENT_API_SCOPE_RISKS: Readonly<Partial<Record<ManagementApiScope, ScopeRisk>>> = {
    // Grants and credentials.
    "create:client_grants": { tier: "takeover", reason: "grants any application, this one included, any scope on any API", source: api("client-grants/post-client-grants") },
    "update:client_grants": { tier: "takeover", reason: "widens the scopes of existing grants, this application's own included", source: api("client-grants/patch-client-grants-by-id") },
    "read:client_keys": { tier: "takeover", reason: "reads every application's client secret and signing keys", source: api("clients/get-clients-by-id") },
    "update:client_keys": { tier: "takeover", reason: "replaces any application's client secret, taking over its identity", source: api("clients/post-rotate-secret") },
    "read:client_credentials": {
        tier: "takeover",
        reason: "reads any application's credentials, client secrets included (GET /clients/{id} returns client_secret with it)",
        source: api("clients/get-clients-by-id"),
    },
    "create:client_credentials": { tier: "takeover", reason: "adds a public key to any application, so the holder can authenticate as it", source: api("clients/post-credentials") },
    "update:client_credentials": { tier: "takeover", reason: "changes how any application authenticates", source: api("clients/patch-credentials-by-credential-id") },
    "update:client_token_vault_privileged_access": { tier: "takeover", reason: "gives applications privileged access to users' Token Vault tokens", source: api("clients/patch-clients-by-id") },
    "create:custom_signing_keys": { tier: "takeover", reason: "installs token-signing keys the holder may own, so it can mint tokens every API trusts", source: api("keys/put-custom-signing-keys") },
    "update:custom_signing_keys": { tier: "takeover", reason: "replaces the tenant's token-signing keys with keys the holder may own", source: api("keys/put-custom-signing-keys") },
    "read:user_idp_tokens": { tier: "takeover", reason: "reads users' identity-provider access tokens", source: api("users/get-users-by-id") },
    "read:federated_connections_tokens": { tier: "takeover", reason: "reads users' federated-connection tokens", source: "the catalogue's scope list (its endpoint, GET /users/{id}/federated-connections-tokensets, was removed from the docs after 2026-06-25; see catalogue/data/README.md)" },
    // Code and identity sources.
    "create:actions": {
        tier: "takeover",
        reason: "creates and deploys Actions, code Auth0 runs in logins and token exchanges, and redeploys any version of an Action already bound to a trigger",
        source: `${api("actions/post-deploy-draft-version")}; https://auth0.com/docs/customize/actions`,
    },
    "update:actions": {
        tier: "takeover",
        reason: "rewrites Actions and binds them to triggers, so a credentials-exchange or post-login Action can add any claim or scope to tokens",
        source: `${api("actions/patch-bindings")}; https://auth0.com/docs/customize/actions`,
    },
    "create:hooks": { tier: "takeover", reason: "adds Hooks, code that runs in the client-credentials exchange and can add claims to M2M tokens", source: api("hooks/post-hooks") },
    "update:hooks": { tier: "takeover", reason: "rewrites Hooks, code that runs in the client-credentials exchange, and their secrets", source: api("hooks/patch-hooks-by-id") },
    "create:rules": { tier: "takeover", reason: "adds Rules, code that runs in every login and can change any token's claims", source: api("rules/post-rules") },
    "update:rules": { tier: "takeover", reason: "rewrites Rules, code that runs in every login and can change any token's claims", source: api("rules/patch-rules-by-id") },
    "create:connections": {
        tier: "takeover",
        reason: "adds identity sources: a custom database whose login script accepts any password, or an identity provider the holder runs",
        source: `${api("connections/post-connections")}; https://auth0.com/docs/authenticate/database-connections/custom-db`,
    },
    "update:connections": {
        tier: "takeover",
        reason: "rewrites connections (custom-database scripts, identity-provider endpoints) and which applications they sign users in to",
        source: `${api("connections/patch-connections-by-id")}; https://auth0.com/docs/authenticate/database-connections/custom-db`,
    },
    // APIs, applications and tenant.
    "update:resource_servers": {
        tier: "takeover",
        reason: "changes any API, including to HS256 with a signing secret the holder sees, so it can mint that API's tokens, and changes lifetimes and access policies",
        source: `${api("resource-servers/patch-resource-servers-by-id")}; https://auth0.com/docs/get-started/apis/api-settings`,
    },
    "update:clients": {
        tier: "takeover",
        reason: "changes any application's callback URLs and grant types, so the holder can receive its users' codes or use its grants",
        source: `${api("clients/patch-clients-by-id")}; https://auth0.com/docs/get-started/applications/application-settings`,
    },
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
    // Token minting and SSO.
    "create:token_exchange_profiles": {
        tier: "takeover",
        reason: "adds Custom Token Exchange profiles, whose Action decides which user a token is issued for",
        source: `${api("token-exchange-profiles/post-token-exchange-profiles")}; https://auth0.com/docs/authenticate/custom-token-exchange`,
    },
    "update:token_exchange_profiles": {
        tier: "takeover",
        reason: "repoints Custom Token Exchange profiles, whose Action decides which user a token is issued for",
        source: `${api("token-exchange-profiles/patch-token-exchange-profiles-by-id")}; https://auth0.com/docs/authenticate/custom-token-exchange`,
    },
    // Sensitive: the connection a ticket sets up signs in its own users, new accounts in that
    // connection; reaching existing accounts needs more (account linking, home-realm routing).
    "create:sso_access_tickets": {
        tier: "sensitive",
        reason: "issues self-service SSO tickets, with which whoever holds one sets up an enterprise identity provider that signs users in to the tenant's applications",
        source: `${api("self-service-profiles/post-sso-ticket")}; https://auth0.com/docs/authenticate/enterprise-connections/self-service-SSO`,
    },
    // Mail and MFA.
    "create:email_provider": { tier: "takeover", reason: "sets the mail provider, so the holder receives every password-reset and verification mail", source: api("emails/post-provider") },
    "update:email_provider": { tier: "takeover", reason: "changes the mail provider, so the holder receives every password-reset and verification mail", source: api("emails/patch-provider") },
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
};

/**
 * Scopes that were judged and left off the list, with why: a reviewer reads these beside the
 * table, so a missing scope is a decision rather than an oversight.
 */
export const SCOPES_JUDGED_NOT_ESCALATING: Readonly<Partial<Record<ManagementApiScope, string>>> = {
    "create:clients":
        "a new application gets no API grant without create:client_grants (on the list), and users would have to choose to sign in to it",
};

function tier(wanted: ScopeRiskTier): Record<string, string> {
    return Object.fromEntries(
        Object.entries(MANAGEMENT_API_SCOPE_RISKS)
            .filter(([, risk]) => risk!.tier === wanted)
            .map(([scope, risk]) => [scope, risk!.reason]),
    );
}

/** "Takes over the tenant": scope to reason. Mandatory, and never grantable through stack config. */
export const DEFAULT_ESCALATION_SCOPES: Readonly<Record<string, string>> = Object.freeze(tier("takeover"));

/** "Sensitive": scope to reason. Its policy's level decides whether it blocks. */
export const DEFAULT_SENSITIVE_SCOPES: Readonly<Record<string, string>> = Object.freeze(tier("sensitive"));

/**
 * The pack's policy that denies each tier's scopes, and its setting that replaces the tier's default
 * list as a whole (policy-pack/policies/managementApiNoEscalation.ts, managementApiSensitiveScopes.ts),
 * named once here for the rules and for the plan's report, which reads the lists a policy config puts
 * in effect.
 */
export const SCOPE_RISK_POLICIES = {
    takeover: { policy: "auth0-management-api-no-escalation", setting: "escalationScopes" },
    sensitive: { policy: "auth0-management-api-sensitive-scopes", setting: "sensitiveScopes" },
} as const satisfies Record<ScopeRiskTier, { policy: string; setting: string }>;
