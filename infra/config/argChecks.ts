// Checks shared by the stack-config schema and the components' own argument validation, built
// on the policy pack's guardrails so the three agree. Each returns every problem, with a path
// relative to the thing checked; callers add where it lives.
import {
    AUTH0_MAX_TOKEN_LIFETIME_SECONDS,
    checkTokenLifetimes,
    classifyManagementScopes,
    DEFAULT_MANAGEMENT_SCOPE_RULES,
    DEFAULT_TOKEN_LIFETIME_LIMITS,
    hasWildcard,
    quoteAlternatives,
    type ConfigIssue,
    type ManagementApiScope,
    type ManagementScopeRules,
    type TokenLifetimeLimits,
    endpointRequirement,
    resolveEndpoint,
    scopesForEndpoints,
} from "../../policy-pack/guardrails";

/** Auth0's own limits, which the components enforce for any caller. */
export const AUTH0_TOKEN_LIFETIME_LIMITS: TokenLifetimeLimits = {
    maxTokenLifetime: AUTH0_MAX_TOKEN_LIFETIME_SECONDS,
    maxTokenLifetimeForWeb: AUTH0_MAX_TOKEN_LIFETIME_SECONDS,
};

export interface ApiSettings {
    readonly tokenLifetime: number;
    readonly tokenLifetimeForWeb?: number;
    readonly scopes?: readonly string[];
}

const SCOPE_NAME = /^[^\s*]+$/;

/**
 * Lifetimes and declared scopes of an API. `limits` defaults to the guardrail defaults (what the
 * policy pack enforces with no config); the components pass Auth0's own limits instead.
 * `webLifetimeManaged: false` is for the Management API, whose web lifetime can't be declared.
 */
export function checkApiSettings(
    settings: ApiSettings,
    options: { readonly limits?: TokenLifetimeLimits; readonly webLifetimeManaged?: boolean } = {},
): ConfigIssue[] {
    const { limits, webLifetimeManaged } = options;
    const issues: ConfigIssue[] = [];
    // Only the guardrail defaults can be raised (in the pack's config); Auth0's own limits can't.
    const raiseHint =
        limits === undefined
            ? " (the guardrail default; for longer, declare this API with the Api component and raise auth0-token-lifetime-limits for it in the policy pack's config)"
            : "";
    for (const problem of checkTokenLifetimes(settings, limits ?? DEFAULT_TOKEN_LIFETIME_LIMITS, { webLifetimeManaged })) {
        const advice =
            problem.kind === "maximum"
                ? `${raiseHint}; issued access tokens can't be revoked, so keep lifetimes short`
                : problem.kind === "webAboveApi"
                  ? "; lower tokenLifetimeForWeb or leave it unset"
                  : "";
        issues.push({ path: [problem.field], message: `${problem.message}${advice}` });
    }
    for (const scope of settings.scopes ?? []) {
        if (hasWildcard(scope)) {
            issues.push({ path: ["scopes", scope], message: `scope "${scope}" contains a wildcard; Auth0 scopes are literal strings, so declare each scope by name` });
        } else if (!SCOPE_NAME.test(scope)) {
            issues.push({ path: ["scopes", scope], message: `scope "${scope}" contains white space; use names like "read:orders"` });
        }
    }
    return issues;
}

/** A grant on a custom API: every scope literal, declared on the API, and at least one. */
export function checkApiGrantScopes(scopes: readonly string[], declared: readonly string[] | undefined, apiLabel: string): ConfigIssue[] {
    if (scopes.length === 0) return [{ path: ["scopes"], message: "grants nothing; list at least one scope, or remove the grant" }];
    const issues: ConfigIssue[] = [];
    const declaredSet = new Set(declared ?? []);
    scopes.forEach((scope, index) => {
        if (hasWildcard(scope)) {
            issues.push({ path: ["scopes", index], message: `scope "${scope}" contains a wildcard; grant each scope by name` });
        } else if (declared !== undefined && !declaredSet.has(scope)) {
            const list = declared.length > 0 ? `declared: ${declared.join(", ")}` : "it declares no scopes";
            issues.push({ path: ["scopes", index], message: `scope "${scope}" is not declared on ${apiLabel} (${list}); declare it there first` });
        }
    });
    return issues;
}

export interface ManagementGrantSpec {
    readonly scopes?: readonly string[];
    readonly endpoints?: readonly string[];
}

/**
 * A Management API grant, given as scopes or as the endpoints the app calls: every scope known
 * to the catalogue, none user-context, wildcard or on the escalation deny-list.
 */
export function checkManagementGrant(grant: ManagementGrantSpec, rules: ManagementScopeRules = DEFAULT_MANAGEMENT_SCOPE_RULES): ConfigIssue[] {
    const { scopes, endpoints } = grant;
    if (scopes !== undefined && endpoints !== undefined) {
        return [{ path: [], message: "set either scopes or endpoints, not both (endpoints derive the scopes)" }];
    }
    if (scopes === undefined && endpoints === undefined) {
        return [{ path: [], message: "set scopes or endpoints: the Management API scopes or endpoints this app needs" }];
    }
    if ((scopes ?? endpoints ?? []).length === 0) {
        return [{ path: [scopes ? "scopes" : "endpoints"], message: "grants nothing; list at least one, or remove the grant" }];
    }
    const issues: ConfigIssue[] = [];
    if (scopes !== undefined) {
        scopes.forEach((scope, index) => {
            for (const message of managementScopeProblems(scope, rules)) issues.push({ path: ["scopes", index], message });
        });
        return issues;
    }
    endpoints!.forEach((request, index) => {
        const resolution = resolveEndpoint(request);
        if (!resolution.ok) {
            issues.push({ path: ["endpoints", index], message: resolution.message });
            return;
        }
        // Escalation is judged on what the endpoint actually needs, not on every scope it accepts.
        const needed = new Set(endpointRequirement(resolution.endpoint).clauses.map((clause) => clause[0]));
        for (const scope of needed) {
            if (Object.hasOwn(rules.escalationScopes, scope)) {
                issues.push({ path: ["endpoints", index], message: escalationMessage(scope, rules.escalationScopes[scope], `${resolution.endpoint.key} needs`) });
            }
        }
    });
    return issues;
}

/** The scopes a valid Management API grant gives: its scopes, or those its endpoints need. */
export function managementGrantScopes(grant: ManagementGrantSpec): ManagementApiScope[] {
    if (grant.scopes !== undefined) return [...new Set(grant.scopes as ManagementApiScope[])].sort();
    return scopesForEndpoints(grant.endpoints ?? []);
}

function managementScopeProblems(scope: string, rules: ManagementScopeRules): string[] {
    const found = classifyManagementScopes([scope], rules);
    const problems: string[] = [];
    if (found.wildcard.length > 0) problems.push(`scope "${scope}" contains a wildcard; grant each Management API scope by name`);
    if (found.userContext.length > 0) {
        problems.push(`"${scope}" is a user-context scope, for tokens tied to a logged-in user; it does nothing in an M2M grant`);
    }
    for (const unknown of found.unknown) {
        const hint = unknown.suggestions.length > 0 ? ` (did you mean ${quoteAlternatives(unknown.suggestions)}?)` : "";
        problems.push(`unknown Management API scope "${scope}"${hint}`);
    }
    for (const escalation of found.escalation) problems.push(escalationMessage(escalation.scope, escalation.reason, "scope"));
    return problems;
}

function escalationMessage(scope: string, reason: string, lead: string): string {
    return (
        `${lead} "${scope}", which ${reason}; the policy pack rejects it (auth0-management-api-no-escalation). ` +
        "Grant narrower scopes; if the need is real, declare that grant outside this config and exempt it in the pack's config"
    );
}
