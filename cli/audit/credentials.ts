// Credentials for reading a live tenant, from the environment only (never from an argument, so
// they stay out of shell history and process lists), under the names the Auth0 provider reads:
// AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET or AUTH0_API_TOKEN, the token winning when both are set
// (@pulumi/auth0 3.49.0 config/vars.d.ts: "If both are specified, `apiToken` will be used over
// `clientId` + `clientSecret`"). They are never printed.
import { usageError } from "../errors";

export type TenantCredentials =
    | { readonly kind: "client-credentials"; readonly clientId: string; readonly clientSecret: string }
    | { readonly kind: "token"; readonly token: string };

/**
 * Management API scopes an audit needs, each with the endpoint it reads (Management API v2
 * catalogue, policy-pack/guardrails/catalogue/data). read:tenant_settings is optional: without it
 * the tenant's default token quota is not read and the report says so. No scope that reads a
 * secret (read:client_keys, read:client_credentials) is needed, and none that writes.
 */
export const AUDIT_READ_SCOPES = [
    { scope: "read:clients", endpoint: "GET /api/v2/clients", required: true },
    { scope: "read:client_grants", endpoint: "GET /api/v2/client-grants", required: true },
    { scope: "read:resource_servers", endpoint: "GET /api/v2/resource-servers", required: true },
    { scope: "read:tenant_settings", endpoint: "GET /api/v2/tenants/settings", required: false },
] as const;

export function readCredentials(env: NodeJS.ProcessEnv): TenantCredentials {
    const clientId = env.AUTH0_CLIENT_ID?.trim();
    const clientSecret = env.AUTH0_CLIENT_SECRET?.trim();
    const token = env.AUTH0_API_TOKEN?.trim();
    if (token) return { kind: "token", token };
    if (clientId && clientSecret) return { kind: "client-credentials", clientId, clientSecret };
    if (clientId || clientSecret) {
        const missing = clientId ? "AUTH0_CLIENT_SECRET" : "AUTH0_CLIENT_ID";
        throw usageError(`${missing} is not set: set both AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (a read-only M2M application's), or AUTH0_API_TOKEN.`);
    }
    throw usageError(
        "No credentials: set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET for a read-only M2M application authorized on the " +
            `Management API with ${AUDIT_READ_SCOPES.map((s) => s.scope).join(", ")}, or AUTH0_API_TOKEN. Run 'auth0-m2m audit --help'.`,
    );
}

/** Every credential value, for scrubbing from any text this tool prints. */
export function credentialValues(credentials: TenantCredentials): string[] {
    return credentials.kind === "token" ? [credentials.token] : [credentials.clientSecret];
}
