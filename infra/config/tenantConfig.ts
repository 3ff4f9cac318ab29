// The per-tenant configuration's shape (zod), its defaults and its types. The checks that span
// fields and entries (and the guardrails) are run by parseTenantConfig.ts.
import { z } from "zod";
import { CLOSED_USER_ACCESS_POLICIES, PROOF_OF_POSSESSION_MECHANISMS, quoteList } from "../../policy-pack/guardrails";

/** The grant key that means the tenant's Auth0 Management API. */
export const MANAGEMENT_API_GRANT_KEY = "management";

/** Access-token lifetime of an API when its config sets none: one hour, not Auth0's 24. */
export const DEFAULT_API_TOKEN_LIFETIME_SECONDS = 3_600;

/** An API identifier (audience): any string without white space, e.g. `https://orders.acme.example`. */
export const API_IDENTIFIER = /^\S+$/;
/** Config keys and grant names become resource names: lower-case letters, digits and hyphens. */
export const RESOURCE_KEY = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** Auth0's limit on an application's description. */
export const MAX_DESCRIPTION_LENGTH = 140;

const positiveSeconds = z.number().int("must be a whole number of seconds").positive("must be above 0");
const nonEmpty = z.string().trim().min(1, "must not be empty");
const oneOf = (values: readonly string[]) => ({ error: `must be one of ${quoteList(values)}` });
const IDENTIFIER_MESSAGE = "must be a non-empty string without white space, e.g. https://orders.acme.example";

export const apiSchema = z.strictObject({
    /** The API's audience, e.g. `https://orders.acme.example`. Can't change once created. */
    // Not trimmed: the component registers the identifier as given, so one with spaces is refused, not changed.
    identifier: z.string({ error: IDENTIFIER_MESSAGE }).regex(API_IDENTIFIER, IDENTIFIER_MESSAGE),
    /** The entry's key before a rename: its resources are kept (aliased), not replaced. */
    formerly: z.string().regex(RESOURCE_KEY, "must be the entry's old key: lower-case letters, digits and hyphens").optional(),
    /** Name shown in the Auth0 dashboard. Default: the config key. */
    name: nonEmpty.optional(),
    /** Access-token lifetime in seconds. Default: 3,600. */
    tokenLifetime: positiveSeconds.default(DEFAULT_API_TOKEN_LIFETIME_SECONDS),
    /** Implicit/hybrid-flow lifetime in seconds. Default: the lesser of 7,200 and `tokenLifetime`. */
    tokenLifetimeForWeb: positiveSeconds.optional(),
    /** Whether Auth0 may issue refresh tokens for this API. Default: false. */
    allowOfflineAccess: z.boolean().default(false),
    /** The API's scopes: name to description. Declared here and nowhere else. */
    scopes: z.record(nonEmpty, z.string()).default({}),
    /** Which applications may get a user's token for the API; declaring user access turns on RBAC. Default: "deny_all". */
    // "deny_all" (client credentials only) or "require_client_grant" (user grants, RBAC on); never
    // "allow_all", which opens the API to every application in the tenant.
    userAccessPolicy: z.enum(CLOSED_USER_ACCESS_POLICIES, oneOf(CLOSED_USER_ACCESS_POLICIES)).default("deny_all"),
    /** Bind access tokens to the client's mTLS certificate or DPoP key. Default: not bound. */
    proofOfPossession: z
        .strictObject({
            mechanism: z.enum(PROOF_OF_POSSESSION_MECHANISMS, oneOf(PROOF_OF_POSSESSION_MECHANISMS)),
            /** Reject tokens requested without the binding. Default: true. */
            required: z.boolean().default(true),
        })
        .optional(),
});

const grantSchema = z.union(
    [
        z.array(z.string()),
        z.strictObject({
            scopes: z.array(z.string()).optional(),
            endpoints: z.array(z.string()).optional(),
        }),
    ],
    { error: "must be a list of scopes, { scopes: [...] } or, for the Management API, { endpoints: [...] }" },
);

/** One or more PEM blocks, each a public key or a certificate, and nothing around them (anchored). */
const PUBLIC_PEM = /^\s*(?:-----BEGIN (PUBLIC KEY|CERTIFICATE)-----\r?\n[A-Za-z0-9+/=\s]+-----END \1-----\s*)+$/;
const CERTIFICATE_PEM = /^\s*(?:-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*)+$/;

/**
 * A PEM field holding only what `pattern` allows. Anchored, and a private key is refused by name
 * (a certificate and its key pasted together is a common mistake). The messages never quote the
 * value: it may be a private key.
 */
function pemSchema(pattern: RegExp, message: string, publicPart: string) {
    return z.string().superRefine((pem, context) => {
        if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(pem)) {
            context.addIssue({
                code: "custom",
                message:
                    `holds a PRIVATE key, which must never be in config: give ${publicPart}, and treat the private key as leaked (rotate it)`,
            });
        } else if (!pattern.test(pem)) {
            context.addIssue({ code: "custom", message });
        }
    });
}

export const publicKeySchema = z.strictObject({
    /** PEM-encoded public key or X.509 certificate. */
    pem: pemSchema(PUBLIC_PEM, 'must be a PEM public key or certificate ("-----BEGIN PUBLIC KEY-----" ... "-----END PUBLIC KEY-----"), and nothing else', "its public key (openssl pkey -in key.pem -pubout)"),
    /** Signing algorithm the app uses. Default: RS256. */
    algorithm: z.enum(["RS256", "RS384", "PS256"]).default("RS256"),
    /** When Auth0 stops accepting the key (ISO 8601). */
    expiresAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2027-06-30T00:00:00Z" }).optional(),
});

const CERTIFICATE_MESSAGE = 'must be a PEM certificate ("-----BEGIN CERTIFICATE-----" ...), and nothing else';
const oneOrTwo = (entries: object) => Object.keys(entries).length >= 1 && Object.keys(entries).length <= 2;
const ONE_OR_TWO = "must hold one or two certificates, so one can be rotated in while the other is in use";

/**
 * A CA-issued mTLS certificate, by PEM or by subject DN (exactly one): @pulumi/auth0 3.49
 * types/input.d.ts ClientCredentialsTlsClientAuthCredential ("Mutually exlusive with `subjectDn`").
 */
export const caCertificateSchema = z
    .strictObject({
        pem: pemSchema(CERTIFICATE_PEM, CERTIFICATE_MESSAGE, "the certificate alone").optional(),
        subjectDn: nonEmpty.optional(),
    })
    .refine((c) => (c.pem === undefined) !== (c.subjectDn === undefined), { message: "must set exactly one of pem and subjectDn" });

/** A self-signed mTLS certificate (input.d.ts ClientCredentialsSelfSignedTlsClientAuthCredential). */
export const selfSignedCertificateSchema = z.strictObject({
    pem: pemSchema(CERTIFICATE_PEM, CERTIFICATE_MESSAGE, "the certificate alone"),
});

export const authenticationSchema = z.discriminatedUnion(
    "method",
    [
        z.strictObject({
            method: z.literal("private_key_jwt"),
            /** At most two keys, so one can be rotated in while the other is still in use. */
            publicKeys: z
                .record(nonEmpty, publicKeySchema)
                .refine((keys) => Object.keys(keys).length >= 1 && Object.keys(keys).length <= 2, {
                    message: "must hold one or two keys (Auth0 allows two, so one can be rotated in while the other is in use)",
                }),
        }),
        z.strictObject({
            method: z.literal("client_secret_post"),
            /** Bump to rotate the generated secret. Default: 1. */
            secretVersion: z.number().int().positive().default(1),
        }),
        z.strictObject({
            method: z.literal("client_secret_basic"),
            /** Bump to rotate the generated secret. Default: 1. */
            secretVersion: z.number().int().positive().default(1),
        }),
        z.strictObject({
            method: z.literal("tls_client_auth"),
            /** CA-issued client certificates, each matched by its PEM or its subject DN. */
            certificates: z.record(nonEmpty, caCertificateSchema).refine(oneOrTwo, { message: ONE_OR_TWO }),
        }),
        z.strictObject({
            method: z.literal("self_signed_tls_client_auth"),
            /** Self-signed client certificates (PEM). */
            certificates: z.record(nonEmpty, selfSignedCertificateSchema).refine(oneOrTwo, { message: ONE_OR_TWO }),
        }),
    ],
    {
        error:
            'method must be "private_key_jwt" (recommended: no secret reaches state), "tls_client_auth" or ' +
            '"self_signed_tls_client_auth" (mTLS), "client_secret_post" or "client_secret_basic"',
    },
);

export const tokenQuotaSchema = z
    .strictObject({
        perHour: z.number().int().positive().optional(),
        perDay: z.number().int().positive().optional(),
        /** Reject tokens over the quota instead of only logging them. Default: true. */
        enforce: z.boolean().default(true),
    })
    .refine((quota) => quota.perHour !== undefined || quota.perDay !== undefined, { message: "must set perHour, perDay or both" });

export const machineSchema = z.strictObject({
    /** The entry's key before a rename: its resources are kept (aliased), not replaced. */
    formerly: z.string().regex(RESOURCE_KEY, "must be the entry's old key: lower-case letters, digits and hyphens").optional(),
    /** Name shown in the Auth0 dashboard. Default: the config key. */
    name: nonEmpty.optional(),
    description: z.string().max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters (Auth0's limit)`).optional(),
    /** How the app authenticates. Default: client_secret_post with a generated, rotatable secret. */
    authentication: authenticationSchema.default({ method: "client_secret_post", secretVersion: 1 }),
    tokenQuota: tokenQuotaSchema.optional(),
    /** API key (or `management`) to the scopes granted on it. */
    grants: z.record(nonEmpty, grantSchema).default({}),
});

export const managementApiSchema = z.strictObject({
    /** Access-token lifetime of the tenant's Management API, in seconds. */
    tokenLifetime: positiveSeconds,
});

export const configKeySchema = z.string().regex(RESOURCE_KEY, {
    message: "must be lower-case letters, digits and hyphens (it names Pulumi resources)",
});

export type ApiConfig = z.output<typeof apiSchema>;
export type PublicKeyConfig = z.output<typeof publicKeySchema>;
export type AuthenticationConfig = z.output<typeof authenticationSchema>;
export type TokenQuotaConfig = z.output<typeof tokenQuotaSchema>;
export type ManagementApiConfig = z.output<typeof managementApiSchema>;

export interface GrantConfig {
    readonly scopes?: readonly string[];
    readonly endpoints?: readonly string[];
}

export type MachineConfig = Omit<z.output<typeof machineSchema>, "grants"> & {
    readonly grants: Readonly<Record<string, GrantConfig>>;
};

/** One tenant's access, as written in a stack's config (before defaults). */
export interface TenantConfigInput {
    /** The tenant's domain (`auth0:domain`), e.g. `acme-dev.eu.auth0.com`, or a custom domain. */
    readonly domain: string;
    /**
     * The tenant's canonical domain, when `domain` is a custom domain (`auth0-m2m:tenantDomain`):
     * the Management API's audience is always on the canonical domain.
     */
    readonly tenantDomain?: string;
    readonly managementApi?: z.input<typeof managementApiSchema>;
    readonly apis?: Readonly<Record<string, z.input<typeof apiSchema>>>;
    readonly machines?: Readonly<Record<string, z.input<typeof machineSchema>>>;
}

/** One tenant's access, validated, with every default filled in. */
export interface TenantConfig {
    readonly domain: string;
    /** The canonical domain the Management API audience is built on: `tenantDomain`, else `domain`. */
    readonly tenantDomain: string;
    readonly managementApi?: ManagementApiConfig;
    readonly apis: Readonly<Record<string, ApiConfig>>;
    readonly machines: Readonly<Record<string, MachineConfig>>;
}

/** The top-level keys of a tenant's config, in the order messages list them. */
export const TENANT_CONFIG_KEYS = ["domain", "tenantDomain", "managementApi", "apis", "machines"] as const satisfies readonly (keyof TenantConfigInput)[];
