// Token-lifetime limits, shared by the stack-config schema (infra/) and the policy pack.

/** Auth0's access-token lifetime when an API sets none. */
export const AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS = 86_400;
/** Auth0's implicit/hybrid-flow lifetime when an API sets none. */
export const AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS = 7_200;
/**
 * The web (implicit/hybrid) lifetime to declare when a program sets none: Auth0's 7,200 s, capped at
 * the API's own lifetime, which Auth0 requires the web lifetime not to exceed.
 */
export function defaultTokenLifetimeForWeb(tokenLifetime: number): number {
    return Math.min(tokenLifetime, AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS);
}

/** The longest lifetime Auth0 accepts for either setting (30 days). */
export const AUTH0_MAX_TOKEN_LIFETIME_SECONDS = 2_592_000;

export interface TokenLifetimeLimits {
    /** Longest `tokenLifetime` allowed, in seconds. */
    readonly maxTokenLifetime: number;
    /** Longest `tokenLifetimeForWeb` allowed, in seconds. */
    readonly maxTokenLifetimeForWeb: number;
}

/**
 * The guardrail defaults. Issued access tokens can't be revoked, so the ceiling is Auth0's own
 * default rather than Auth0's 30-day maximum; a stack that needs longer raises it in policy config.
 */
export const DEFAULT_TOKEN_LIFETIME_LIMITS: TokenLifetimeLimits = {
    maxTokenLifetime: AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS,
    maxTokenLifetimeForWeb: AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS,
};

export interface TokenLifetimes {
    readonly tokenLifetime?: number;
    readonly tokenLifetimeForWeb?: number;
}

export interface LifetimeProblem {
    /** `invalid`: not a positive whole number; `maximum`: above the limit; `webAboveApi`: web above the API lifetime. */
    readonly kind: "invalid" | "maximum" | "webAboveApi";
    readonly field: "tokenLifetime" | "tokenLifetimeForWeb";
    /** The value that was checked: the declared one, or Auth0's default when unset. */
    readonly value: number;
    readonly limit: number;
    readonly message: string;
}

export interface LifetimeCheckOptions {
    /**
     * False for the Management API: the provider sends only `token_lifetime` for a system API, so
     * its web lifetime can't be declared and is not judged.
     */
    readonly webLifetimeManaged?: boolean;
}

/**
 * Checks an API's lifetimes against the limits. Unset lifetimes count as Auth0's defaults, since
 * that is what Auth0 will issue. Messages name the field but not the API: callers add where.
 */
export function checkTokenLifetimes(
    lifetimes: TokenLifetimes,
    limits: TokenLifetimeLimits,
    options: LifetimeCheckOptions = {},
): LifetimeProblem[] {
    if (options.webLifetimeManaged === false) {
        return checkTokenLifetimes({ tokenLifetime: lifetimes.tokenLifetime, tokenLifetimeForWeb: 1 }, limits).filter(
            (problem) => problem.field === "tokenLifetime",
        );
    }
    const problems: LifetimeProblem[] = [];
    const apiSet = lifetimes.tokenLifetime !== undefined;
    const webSet = lifetimes.tokenLifetimeForWeb !== undefined;
    const api = lifetimes.tokenLifetime ?? AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS;
    const web = lifetimes.tokenLifetimeForWeb ?? AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS;
    const quoted = (field: string, value: number, set: boolean) =>
        set ? `${field} ${value} s` : `${field} is unset, so Auth0's default of ${value} s applies, and it`;

    for (const [field, value, set] of [
        ["tokenLifetime", api, apiSet],
        ["tokenLifetimeForWeb", web, webSet],
    ] as const) {
        if (!Number.isInteger(value) || value <= 0) {
            problems.push({ kind: "invalid", field, value, limit: 1, message: `${field} ${value} is not a whole number of seconds above 0` });
        }
    }
    if (problems.length > 0) return problems;

    for (const [field, value, set, configured] of [
        ["tokenLifetime", api, apiSet, limits.maxTokenLifetime],
        ["tokenLifetimeForWeb", web, webSet, limits.maxTokenLifetimeForWeb],
    ] as const) {
        const limit = Math.min(configured, AUTH0_MAX_TOKEN_LIFETIME_SECONDS);
        if (value > limit) {
            problems.push({ kind: "maximum", field, value, limit, message: `${quoted(field, value, set)} exceeds the maximum of ${limit} s` });
        }
    }
    // An unset web lifetime is not judged against the API's: Auth0's docs give two defaults for it
    // (7,200 s at https://auth0.com/docs/get-started/apis/api-settings, 86,400 s elsewhere), and
    // nothing here shows whether Auth0 clamps it to the API's. auth0-web-lifetime-explicit advises
    // setting it instead; its maximum above still holds.
    if (webSet && web > api) {
        problems.push({
            kind: "webAboveApi",
            field: "tokenLifetimeForWeb",
            value: web,
            limit: api,
            message: `${quoted("tokenLifetimeForWeb", web, webSet)} exceeds tokenLifetime (${api} s); Auth0 requires the web lifetime to be at most the API's`,
        });
    }
    return problems;
}
