// What makes an Auth0 application machine-to-machine, in the values the Management API takes.
//
// Sources: https://auth0.com/docs/get-started/applications (application types: machine-to-machine
// is app_type "non_interactive"); https://auth0.com/docs/get-started/applications/application-grant-types
// ("client_credentials" is the Client Credentials Flow). @pulumi/auth0 3.49 client.d.ts documents
// appType as camelCase `nonInteractive`, which the provider rejects (PITFALLS: appType must be
// "non_interactive").

/** The `appType` of a machine-to-machine application. */
export const M2M_APP_TYPE = "non_interactive";

/** The only grant type an M2M application needs. */
export const M2M_GRANT_TYPE = "client_credentials";

/** Whether a list of grant types is exactly what an M2M application needs: client credentials and nothing else. */
export function isClientCredentialsOnly(grantTypes: readonly unknown[]): boolean {
    return grantTypes.length > 0 && grantTypes.every((g) => g === M2M_GRANT_TYPE);
}

/** The known grant types in a list besides client credentials: what an M2M application should not allow. Unknown entries are left out. */
export function grantTypesBesidesClientCredentials(grantTypes: readonly unknown[]): string[] {
    return grantTypes.filter((g): g is string => typeof g === "string" && g !== M2M_GRANT_TYPE);
}

/**
 * The grant types Auth0 enables on a client created without `grant_types`, as recorded from a real
 * tenant: with app_type "non_interactive" (TestAccClientAuthenticationMethodsPrivateKeyJWT.yaml,
 * TestAccClientCredentialsWriteOnlySecret.yaml) and with no app_type (TestAccClientGrant.yaml,
 * TestAccDataSourceClientGrants.yaml), every POST /api/v2/clients answered these four
 * (auth0/terraform-provider-auth0 a00b69214a6c1daef76cf89d25ece690c7f9db22, test/data/recordings/).
 * So a machine-to-machine application that leaves grantTypes unset allows user-facing flows too.
 * Other app types' defaults are not in the recordings, so not known here.
 */
export const RECORDED_DEFAULT_GRANT_TYPES: readonly string[] = Object.freeze(["authorization_code", "implicit", "refresh_token", M2M_GRANT_TYPE]);

/** The grant types Auth0 enables on a client of `appType` (undefined: none) that leaves them unset; undefined where not known. */
export function defaultGrantTypesOf(appType: string | undefined): readonly string[] | undefined {
    return appType === undefined || appType === M2M_APP_TYPE ? RECORDED_DEFAULT_GRANT_TYPES : undefined;
}

/**
 * The Client settings through which users sign in with it, in @pulumi/auth0's names: where Auth0
 * may send a sign-in's result. Auth0 redirects a sign-in only to a URL on the application's Allowed
 * Callback URLs (`callbacks`; https://auth0.com/docs/users/redirecting-users: "Auth0 recognizes only
 * URLs on the AllowList set in the Allowed Callback URLs field ... as valid"); web origins and
 * allowed origins let a browser receive tokens or log in across origins, and an initiate-login URI
 * starts a sign-in from Auth0. A client with none of them set has no place to send a user's tokens,
 * so the user-facing flows Auth0 enables by default can't sign anyone in through it.
 */
export const USER_SIGN_IN_SETTINGS = ["callbacks", "webOrigins", "allowedOrigins", "initiateLoginUri"] as const;
