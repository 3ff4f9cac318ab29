// Scope-shape rules that hold for every API, shared by the config schema and the policy pack.

/** Auth0 scopes are literal strings; a `*` in one is an attempt at a wildcard, never a real scope. */
export function hasWildcard(scope: string): boolean {
    return scope.includes("*");
}

/**
 * Scopes for tokens tied to a logged-in user (`read:current_user`, `update:current_user_metadata`,
 * ...). They do nothing in a client-credentials grant, so asking for one is a mistake.
 */
export function isUserContextScope(scope: string): boolean {
    return scope.includes("current_user");
}

/**
 * OpenID Connect's scope values (OIDC Core 1.0 §5.4 and §11,
 * https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims). An application asks for them when it
 * signs a user in, for claims about that user (https://auth0.com/docs/get-started/apis/scopes/openid-connect-scopes);
 * no API defines them as permissions. Real programs put them in client grants, thinking the grant lets an
 * application sign users in to the API.
 */
const OIDC_SCOPES: ReadonlySet<string> = new Set(["openid", "profile", "email", "address", "phone", "offline_access"]);

export function isOidcScope(scope: string): boolean {
    return OIDC_SCOPES.has(scope);
}

/**
 * Why an OpenID Connect scope in a client grant is wrong, and the fix, to follow "asks ... for scope X,".
 * Defining it on the API, or accepting it as a new scope, would be the wrong fix. It doesn't claim the grant gains
 * nothing: whether Auth0 puts a scope the API doesn't define into tokens is not confirmed here (policy-pack/README.md).
 */
export function oidcScopeInGrant(scope: string): string {
    return (
        `an OpenID Connect scope: an application asks for it when it signs a user in, for claims about that user; it ` +
        `is not an API permission. Remove "${scope}" from the grant's scopes, and don't define it on an API; an ` +
        `application that signs users in asks for it in its login request`
    );
}
