// The "takes over the tenant" tier: scopes whose holder can surely take over the tenant, or any
// user's account, with that scope alone (the test is scopeRiskTypes.ts ScopeRiskTier's). Each entry
// names the Management API docs page of an endpoint that needs the scope, plus a prose page where
// the risk is Auth0's own words.
import type { ManagementApiScope } from "./catalogue/catalogue";
import { api, type ScopeRisk } from "./scopeRiskTypes";

export const TAKEOVER_SCOPE_RISKS: Readonly<Partial<Record<ManagementApiScope, ScopeRisk>>> = {
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
    // Mail and MFA.
    "create:email_provider": { tier: "takeover", reason: "sets the mail provider, so the holder receives every password-reset and verification mail", source: api("emails/post-provider") },
    "update:email_provider": { tier: "takeover", reason: "changes the mail provider, so the holder receives every password-reset and verification mail", source: api("emails/patch-provider") },
};
