// What makes a grant on the Auth0 Management API dangerous, shared by the config schema and the
// policy pack.
import { isManagementApiScope, type ManagementApiScope } from "./catalogue/catalogue";
import { hasWildcard, isUserContextScope } from "./scopes";
import { closestManagementApiScopes } from "./suggestions";

/** The resource-server name Auth0 gives the Management API on every tenant. */
export const MANAGEMENT_API_NAME = "Auth0 Management API";

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** Why a tenant domain is unusable, or undefined when it is a bare host name. */
export function tenantDomainProblem(domain: string): string | undefined {
    if (/^[a-z]+:\/\//i.test(domain)) return `"${domain}" includes a scheme; give the bare host, e.g. "acme.eu.auth0.com"`;
    if (domain.includes("/")) return `"${domain}" includes a path; give the bare host, e.g. "acme.eu.auth0.com"`;
    // A tenant is reached by a DNS name (its tenant domain or a custom domain), never by an address;
    // no top-level domain is all digits, so this also catches 127.0.0.1 and 169.254.169.254.
    if (/(^|\.)\d+$/.test(domain) || domain.includes(":")) {
        return `"${domain}" is an IP address; a tenant domain is a DNS name such as "acme.eu.auth0.com"`;
    }
    if (!HOSTNAME.test(domain)) return `"${domain}" is not a host name such as "acme.eu.auth0.com"`;
    return undefined;
}

/**
 * Whether a domain is an Auth0 tenant's own (canonical) domain, `{tenant}.auth0.com` or
 * `{tenant}.{region}.auth0.com`, rather than a custom domain. The Management API's audience always
 * uses the canonical domain, even when the tenant has a custom domain: Auth0's "Configure Features
 * to Use Custom Domains" (https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains,
 * section "APIs"), and auth0/auth0.net PR #943, whose custom-domain example keeps the token audience
 * at `https://tenant.auth0.com/api/v2/`. Private Cloud tenants have other canonical domains; they
 * name theirs explicitly (auth0-m2m:tenantDomain).
 */
export function isCanonicalTenantDomain(domain: string): boolean {
    return /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)?\.auth0\.com$/i.test(domain.trim());
}

/** The Management API audience for a tenant domain: `https://{domain}/api/v2/`. */
export function managementApiAudience(domain: string): string {
    const problem = tenantDomainProblem(domain);
    if (problem) throw new Error(`Invalid Auth0 tenant domain: ${problem}`);
    return `https://${domain.toLowerCase()}/api/v2/`;
}

/**
 * True for any https audience whose path is `/api/v2`, with or without the trailing slash and
 * whatever the host's case. Any host counts, not only `*.auth0.com`: tenants on private cloud or
 * with their canonical domain elsewhere have other hosts, and a false alarm costs an exemption
 * while a miss costs a tenant.
 */
export function isManagementApiAudience(audience: string): boolean {
    let url: URL;
    try {
        url = new URL(audience.trim());
    } catch {
        return false;
    }
    return url.protocol === "https:" && /^\/api\/v2\/?$/.test(url.pathname) && url.search === "" && url.hash === "";
}

/**
 * Management API scopes that let the holder widen its own or another client's access, or read or
 * replace credentials. Each carries the reason quoted in violations and in the README.
 */
export const DEFAULT_ESCALATION_SCOPES: Readonly<Partial<Record<ManagementApiScope, string>>> = {
    "create:client_grants": "grants any application, this one included, any scope on any API",
    "update:client_grants": "widens the scopes of existing grants, this application's own included",
    "read:client_keys": "reads every application's client secret and signing keys",
    "update:client_keys": "replaces any application's client secret, taking over its identity",
    "read:client_credentials": "reads any application's credentials",
    "create:client_credentials": "adds a public key to any application, so the holder can authenticate as it",
    "update:client_credentials": "changes how any application authenticates",
    "update:client_token_vault_privileged_access": "gives applications privileged access to users' Token Vault tokens",
    "create:custom_signing_keys": "installs token-signing keys the holder may own, so it can mint tokens every API trusts",
    "update:custom_signing_keys": "replaces the tenant's token-signing keys with keys the holder may own",
    "read:user_idp_tokens": "reads users' identity-provider access tokens",
    "read:federated_connections_tokens": "reads users' federated-connection tokens",
};

export interface ManagementScopeFindings {
    readonly wildcard: string[];
    readonly userContext: string[];
    readonly unknown: { scope: string; suggestions: string[] }[];
    readonly escalation: { scope: string; reason: string }[];
}

export interface ManagementScopeRules {
    /** Scope to reason; `DEFAULT_ESCALATION_SCOPES` unless configured. */
    readonly escalationScopes: Readonly<Record<string, string>>;
    /** Scopes to accept although the bundled catalogue lacks them (Auth0 adds scopes over time). */
    readonly additionalKnownScopes?: readonly string[];
}

export const DEFAULT_MANAGEMENT_SCOPE_RULES: ManagementScopeRules = {
    escalationScopes: DEFAULT_ESCALATION_SCOPES as Record<string, string>,
    additionalKnownScopes: [],
};

/** Sorts a Management API grant's scopes into what each guardrail objects to. */
export function classifyManagementScopes(
    scopes: readonly string[],
    rules: ManagementScopeRules = DEFAULT_MANAGEMENT_SCOPE_RULES,
): ManagementScopeFindings {
    const findings: ManagementScopeFindings = { wildcard: [], userContext: [], unknown: [], escalation: [] };
    const extra = new Set(rules.additionalKnownScopes ?? []);
    for (const scope of scopes) {
        if (hasWildcard(scope)) {
            findings.wildcard.push(scope);
            continue;
        }
        if (isUserContextScope(scope)) findings.userContext.push(scope);
        else if (!isManagementApiScope(scope) && !extra.has(scope)) {
            findings.unknown.push({ scope, suggestions: closestManagementApiScopes(scope) });
        }
        // hasOwn: a scope named "constructor" must not find Object.prototype's.
        if (Object.hasOwn(rules.escalationScopes, scope)) findings.escalation.push({ scope, reason: rules.escalationScopes[scope] });
    }
    return findings;
}
