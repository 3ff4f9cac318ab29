// The "sensitive" tier, the tenant's defences and data: scopes that lift a tenant-wide defence,
// change what users see or receive while signing in, or expose secrets or personal data in bulk,
// but are not surely a takeover on their own (the test is scopeRiskTypes.ts ScopeRiskTier's).
//
// Reads are rated only when they return credentials or users' personal data in bulk; other reads
// are neither rated nor judged (scopesJudged.ts says why).
import type { ManagementApiScope } from "./catalogue/catalogue";
import { api, docs, type ScopeRisk } from "./scopeRiskTypes";

// The source of the unconfirmed entries: Early Access endpoints added after the 2026-06-25 spec,
// whose docs pages carry no description (catalogue/data/README.md).
const UNDOCUMENTED = "Early Access, with no description in the catalogue's sources: what it grants is unconfirmed";

export const SENSITIVE_TENANT_SCOPE_RISKS: Readonly<Partial<Record<ManagementApiScope, ScopeRisk>>> = {
    // Attack protection and access control.
    "update:attack_protection": {
        tier: "sensitive",
        reason: "turns off brute-force, breached-password, bot-detection and suspicious-IP protection, leaving password guessing unchecked",
        source: `${api("attack-protection/patch-brute-force-protection")}; ${docs("secure/attack-protection")}`,
    },
    "delete:anomaly_blocks": {
        tier: "sensitive",
        reason: "lifts Suspicious IP Throttling blocks, so one address can keep guessing passwords",
        source: `${api("anomaly/delete-ips-by-id")}; ${docs("secure/attack-protection/suspicious-ip-throttling")}`,
    },
    // Tenant ACL rules block, allow, log or redirect (rule.action in the request).
    "create:network_acls": {
        tier: "sensitive",
        reason: "adds tenant access-control rules that allow, block or redirect requests to Auth0, e.g. sending sign-ins to a site the holder runs",
        source: `${api("network-acls/post-network-acls")}; ${docs("secure/tenant-access-control-list")}`,
    },
    "update:network_acls": {
        tier: "sensitive",
        reason: "rewrites tenant access-control rules: lifts their blocks, or redirects requests to a site the holder runs",
        source: `${api("network-acls/patch-network-acls-by-id")}; ${docs("secure/tenant-access-control-list")}`,
    },
    "delete:network_acls": {
        tier: "sensitive",
        reason: "deletes tenant access-control rules, lifting the blocks they impose",
        source: `${api("network-acls/delete-network-acls-by-id")}; ${docs("secure/tenant-access-control-list")}`,
    },
    // A policy's configuration.action is allow (no limit), block, log or redirect (to redirect_uri).
    "create:rate_limit_policies": {
        tier: "sensitive",
        reason: "sets applications' Authentication API rate limits: lifts them, or redirects requests over the limit to any HTTPS address",
        source: api("rate-limit-policies/post-rate-limit-policies"),
    },
    "update:rate_limit_policies": {
        tier: "sensitive",
        reason: "changes applications' Authentication API rate limits: lifts them, or redirects requests over the limit to any HTTPS address",
        source: api("rate-limit-policies/patch-rate-limit-policies-by-id"),
    },
    "create:network_acl_keys": { tier: "sensitive", reason: `creates network ACL keys (${UNDOCUMENTED})`, source: api("keys/create-keys-network-acls") },
    // The login page and domains: like update:branding, prompt partials need a custom domain and a
    // page template (customize-signup-and-login-prompts), and users must then sign in.
    "update:prompts": {
        tier: "sensitive",
        reason: "changes the login prompts' text, partials and rendering, the markup around the box where users type their passwords (partials need a custom domain)",
        source: `${api("prompts/put-partials")}; ${docs("customize/login-pages/universal-login/customize-signup-and-login-prompts")}`,
    },
    // The default custom domain is the one password-reset and verification mails link to
    // (multiple-custom-domains, "Default domain"); a domain with self-managed certificates is served
    // by the holder's own proxy. Together they route those links through the holder.
    "create:custom_domains": {
        tier: "sensitive",
        reason: "adds custom domains, such as one the holder serves through its own proxy (self-managed certificates), which update:custom_domains can make the domain of password-reset links",
        source: `${api("custom-domains/post-custom-domains")}; ${docs("customize/custom-domains/self-managed-certificates")}`,
    },
    "update:custom_domains": {
        tier: "sensitive",
        reason: "sets the default custom domain, the one password-reset and verification mails link to, and the client-IP header Auth0 trusts from a domain's proxy",
        source: `${api("custom-domains/patch-default")}; ${docs("customize/custom-domains/multiple-custom-domains")}`,
    },
    // Phone: "You can only configure one phone provider for all SMS and voice communications per
    // tenant". Unlike the mail provider (takeover), it reaches a user's account only where the
    // tenant uses SMS for passwordless or phone sign-in; SMS MFA still leaves the password to beat.
    "create:phone_providers": {
        tier: "sensitive",
        reason: "sets the SMS and voice provider, so the holder receives every one-time code: MFA and, where used, passwordless and phone sign-in",
        source: `${api("branding/create-phone-provider")}; ${docs("customize/phone-messages/configure-phone-messaging-providers")}`,
    },
    "update:phone_providers": {
        tier: "sensitive",
        reason: "changes the SMS and voice provider, so the holder receives every one-time code: MFA and, where used, passwordless and phone sign-in",
        source: `${api("branding/update-phone-provider")}; ${docs("customize/phone-messages/configure-phone-messaging-providers")}`,
    },
    "create:phone_templates": {
        tier: "sensitive",
        reason: "installs the SMS and voice messages that carry one-time codes, e.g. adding a link to a site the holder runs, which a user must then follow",
        source: api("branding/create-phone-template"),
    },
    "update:phone_templates": {
        tier: "sensitive",
        reason: "rewrites the SMS and voice messages that carry one-time codes, e.g. adding a link to a site the holder runs, which a user must then follow",
        source: api("branding/update-phone-template"),
    },
    // Forms and Flows: a form shows only where an Action renders it, and a flow runs only on a
    // form's submission; rewriting ones in use changes sign-in without new code.
    "update:forms": {
        tier: "sensitive",
        reason: "rewrites Forms that Actions show during sign-in, e.g. to ask users for secrets, and which flows their submissions run",
        source: `${api("forms/patch-form")}; ${docs("customize/forms")}`,
    },
    "update:flows": {
        tier: "sensitive",
        reason: "rewrites Flows, the server-side steps a form's submission runs with vault credentials, Auth0 Management API calls among them",
        source: `${api("flows/patch-flows-by-id")}; ${docs("customize/forms/flows")}`,
    },
    "update:flows_vault_connections": {
        tier: "sensitive",
        reason: "replaces the credentials and accounts that flows call services with",
        source: `${api("flows/patch-flows-vault-connections-by-id")}; ${docs("customize/forms/vaults")}`,
    },
    // Logs and events: "Many logs in Auth0 tenant logs can contain personally identifiable
    // information" (pii-in-logs); a log stream is also the SIEM's view of the tenant.
    "create:log_streams": {
        tier: "sensitive",
        reason: "streams every tenant log, with users' names, emails, phone numbers and IP addresses, to any endpoint",
        source: `${api("log-streams/post-log-streams")}; ${docs("deploy-monitor/logs/pii-in-logs")}`,
    },
    "update:log_streams": {
        tier: "sensitive",
        reason: "repoints or pauses log streams: the tenant's logs, with users' personal data, go to any endpoint, or stop reaching the SIEM",
        source: `${api("log-streams/patch-log-streams-by-id")}; ${docs("deploy-monitor/logs/pii-in-logs")}`,
    },
    "delete:log_streams": {
        tier: "sensitive",
        reason: "deletes log streams, so the tenant's logs stop reaching the SIEM that watches them",
        source: api("log-streams/delete-log-streams-by-id"),
    },
    "create:event_streams": {
        tier: "sensitive",
        reason: "streams user events (user.created, user.updated, ...), with users' profiles, to any webhook or event bus",
        source: `${api("event-streams/post-event-streams")}; ${docs("customize/events")}`,
    },
    "update:event_streams": {
        tier: "sensitive",
        reason: "repoints event streams, and the users' profiles they carry, to any webhook",
        source: `${api("event-streams/patch-event-streams-by-id")}; ${docs("customize/events")}`,
    },
    // Reads that return credentials: the response schemas and recorded responses show the secret.
    "read:connections": {
        tier: "sensitive",
        reason: "reads connections' settings, identity providers' client secrets included (recorded GET /connections/{id} responses return options.client_secret)",
        source: `${api("connections/get-connections-by-id")}; auth0/terraform-provider-auth0 a00b6921 test/data/recordings/TestAccConnectionOIDC.yaml`,
    },
    "read:log_streams": {
        tier: "sensitive",
        reason: "reads log streams' sink credentials: Datadog API keys, Splunk tokens, HTTP Authorization headers",
        source: `${api("log-streams/get-log-streams-by-id")}; auth0/terraform-provider-auth0 a00b6921 test/data/recordings/TestAccLogStreamHTTP.yaml`,
    },
    "read:guardian_factors": {
        tier: "sensitive",
        reason: "reads the MFA delivery providers' credentials (the Twilio auth token, the AWS secret key for SNS), which work outside Auth0",
        source: `${api("guardian/get-sms-twilio-factor-provider")}; ${api("guardian/get-sns")}`,
    },
    // Reads of users' personal data in bulk: needed by ordinary integrations, so sensitive.
    "read:users": {
        tier: "sensitive",
        reason: "reads every user's profile in bulk (email, phone, metadata, last IP address) and exports them all",
        source: `${api("users/get-users")}; ${api("jobs/post-users-exports")}`,
    },
    "read:logs": {
        tier: "sensitive",
        reason: "reads the tenant's logs, with users' names, emails, phone numbers and IP addresses",
        source: `${api("logs/get-logs")}; ${docs("deploy-monitor/logs/pii-in-logs")}`,
    },
    "read:logs_users": {
        tier: "sensitive",
        reason: "reads the tenant's logs about users, with their names, emails, phone numbers and IP addresses",
        source: `${api("logs/get-logs")}; ${docs("deploy-monitor/logs/pii-in-logs")}`,
    },
    "read:events": {
        tier: "sensitive",
        reason: "subscribes to the tenant's events, user events with users' profiles among them (the payloads are not confirmed here)",
        source: `${api("events/subscribe-events")}; ${docs("customize/events/consume-events-with-events-api")}`,
    },
    // Undocumented Early Access resources, rated until someone confirms what they grant.
    "create:agents": { tier: "sensitive", reason: `creates agents (${UNDOCUMENTED})`, source: api("agents/post-agent") },
    "update:agents": { tier: "sensitive", reason: `changes agents (${UNDOCUMENTED})`, source: api("agents/patch-agent") },
    "create:organization_clients": { tier: "sensitive", reason: `adds applications to organizations (${UNDOCUMENTED})`, source: api("organizations/post-organization-clients") },
    "update:organization_clients": { tier: "sensitive", reason: `changes applications' settings in organizations (${UNDOCUMENTED})`, source: api("organizations/patch-organization-client") },
    // Experiments' feature flags carry "parameter overrides"; what they can override is unconfirmed.
    "create:experimentation": {
        tier: "sensitive",
        reason: "creates A/B experiments and feature flags whose parameter overrides change what users are served (what they can override is unconfirmed)",
        source: api("experimentation/create-experiment"),
    },
    "update:experimentation": {
        tier: "sensitive",
        reason: "changes and starts A/B experiments and feature flags whose parameter overrides change what users are served (what they can override is unconfirmed)",
        source: api("experimentation/update-experiment"),
    },
};
