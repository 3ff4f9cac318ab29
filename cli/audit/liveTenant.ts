// A live tenant as the audit read it: the Management API's own objects (snake_case, as the API
// returns them), checked for the few fields the audit relies on, plus how the read went.
import { z } from "zod";

const tokenQuota = z.object({ client_credentials: z.object({ enforce: z.boolean().optional(), per_day: z.number().optional(), per_hour: z.number().optional() }).optional() }).nullish();

// Shapes: the auth0 npm SDK 7.1.0's Management types (Client, ClientGrantResponseContent,
// ResourceServer); every field but the identity is optional there too. Unknown fields pass through.
export const liveClientSchema = z.looseObject({
    client_id: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    app_type: z.string().optional(),
    grant_types: z.array(z.string()).optional(),
    token_endpoint_auth_method: z.string().optional(),
    client_authentication_methods: z.unknown().optional(),
    global: z.boolean().optional(),
    is_first_party: z.boolean().optional(),
    token_quota: tokenQuota,
});

export const liveGrantSchema = z.looseObject({
    id: z.string().min(1),
    client_id: z.string().optional(),
    audience: z.string().min(1),
    scope: z.array(z.string()).optional(),
    allow_all_scopes: z.boolean().optional(),
    default_for: z.string().optional(),
    subject_type: z.string().optional(),
    is_system: z.boolean().optional(),
});

export const liveResourceServerSchema = z.looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    identifier: z.string().min(1),
    is_system: z.boolean().optional(),
    token_lifetime: z.number().optional(),
    token_lifetime_for_web: z.number().optional(),
    scopes: z.array(z.looseObject({ value: z.string(), description: z.string().optional() })).optional(),
    // Access policies and token binding (SDK 7.1.0 ResourceServer: subject_type_authorization,
    // enforce_policies, token_dialect, proof_of_possession); the policy values are kept as strings so
    // a value Auth0 adds later is reported, not refused as a malformed body.
    subject_type_authorization: z
        .looseObject({
            user: z.looseObject({ policy: z.string().optional() }).optional(),
            client: z.looseObject({ policy: z.string().optional() }).optional(),
        })
        .nullish(),
    enforce_policies: z.boolean().optional(),
    token_dialect: z.string().optional(),
    proof_of_possession: z.looseObject({ mechanism: z.string().optional(), required: z.boolean().optional(), required_for: z.string().optional() }).nullish(),
});

export type LiveClient = z.infer<typeof liveClientSchema>;
export type LiveGrant = z.infer<typeof liveGrantSchema>;
export type LiveResourceServer = z.infer<typeof liveResourceServerSchema>;

export interface LiveTenant {
    /** HOST[:PORT] as given to --domain. */
    readonly domain: string;
    readonly clients: readonly LiveClient[];
    readonly clientGrants: readonly LiveGrant[];
    readonly resourceServers: readonly LiveResourceServer[];
    /** `default_token_quota.clients.client_credentials`; undefined when not read (no read:tenant_settings) or unset. */
    readonly defaultTokenQuota?: { readonly enforce?: boolean; readonly perDay?: number; readonly perHour?: number };
    /** Whether the tenant settings could be read at all. */
    readonly tenantSettingsRead: boolean;
    readonly read: TenantReadStats;
}

export interface TenantReadStats {
    readonly requests: number;
    /** 429 answers the SDK backed off from and retried. */
    readonly rateLimited: number;
    /** 5xx answers the SDK retried. */
    readonly serverErrors: number;
    /** Time spent waiting before retries, in milliseconds. */
    readonly waitedMs: number;
}
