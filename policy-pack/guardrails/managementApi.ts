// What makes a grant on the Auth0 Management API dangerous, shared by the config schema and the
// policy pack.
import { isManagementApiScope, type ManagementApiScope } from "./catalogue/catalogue";
import { DEFAULT_ESCALATION_SCOPES } from "./scopeRisks";
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
 * The tenant's Auth0 Management API as a resource server, known by the name the provider keys on
 * (terraform-provider-auth0 internal/auth0/resourceserver, "Auth0 Management API") or by its audience.
 */
export function isManagementApiResourceServer(props: { readonly name?: unknown; readonly identifier?: unknown }): boolean {
    return props.name === MANAGEMENT_API_NAME || (typeof props.identifier === "string" && isManagementApiAudience(props.identifier));
}

export { DEFAULT_ESCALATION_SCOPES, DEFAULT_SENSITIVE_SCOPES } from "./scopeRisks";

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
    escalationScopes: DEFAULT_ESCALATION_SCOPES,
    additionalKnownScopes: [],
};

/** The scopes of a grant that a deny-list (scope to reason) names, each with its reason. */
export function deniedScopesIn(scopes: readonly string[], denied: Readonly<Record<string, string>>): { scope: string; reason: string }[] {
    // hasOwn: a scope named "constructor" must not find Object.prototype's.
    return scopes.filter((scope) => Object.hasOwn(denied, scope)).map((scope) => ({ scope, reason: denied[scope] }));
}

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
    }
    findings.escalation.push(...deniedScopesIn(scopes.filter((scope) => !hasWildcard(scope)), rules.escalationScopes));
    return findings;
}
