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
