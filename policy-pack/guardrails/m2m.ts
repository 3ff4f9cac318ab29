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
