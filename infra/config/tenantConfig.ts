// The per-tenant configuration: its shape (zod) and the guardrails it must satisfy. Parsing
// collects every problem at once, each with the exact path, and returns either a complete,
// defaulted config or the problems, so a bad config never registers a single resource.
import { z } from "zod";
import {
    AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS,
    closestMatches,
    isManagementApiAudience,
    quoteAlternatives,
    tenantDomainProblem,
} from "../../policy-pack/guardrails";
import { checkApiSettings, checkApiGrantScopes, checkManagementGrant, type ArgIssue } from "../components/argChecks";
import { renameIssues } from "./renames";

/** The grant key that means the tenant's Auth0 Management API. */
export const MANAGEMENT_API_GRANT_KEY = "management";

/** Access-token lifetime of an API when its config sets none: one hour, not Auth0's 24. */
export const DEFAULT_API_TOKEN_LIFETIME_SECONDS = 3_600;

/** The web (implicit/hybrid) lifetime when unset: Auth0's 7,200 s, capped at the API lifetime. */
export function defaultTokenLifetimeForWeb(tokenLifetime: number): number {
    return Math.min(tokenLifetime, AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS);
}

/** An API identifier (audience): any string without white space, e.g. `https://orders.acme.example`. */
export const API_IDENTIFIER = /^\S+$/;
/** Config keys and grant names become resource names: lower-case letters, digits and hyphens. */
export const RESOURCE_KEY = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** Auth0's limit on an application's description. */
export const MAX_DESCRIPTION_LENGTH = 140;

const positiveSeconds = z.number().int("must be a whole number of seconds").positive("must be above 0");
const nonEmpty = z.string().trim().min(1, "must not be empty");

const apiSchema = z.strictObject({
    /** The API's audience, e.g. `https://orders.acme.example`. Can't change once created. */
    identifier: nonEmpty.regex(API_IDENTIFIER, "must not contain white space"),
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

const publicKeySchema = z.strictObject({
    /** PEM-encoded public key or X.509 certificate. */
    pem: z.string().regex(/-----BEGIN (PUBLIC KEY|CERTIFICATE)-----[\s\S]+-----END (PUBLIC KEY|CERTIFICATE)-----/, {
        message: 'must be a PEM public key or certificate ("-----BEGIN PUBLIC KEY-----" ... "-----END PUBLIC KEY-----")',
    }),
    /** Signing algorithm the app uses. Default: RS256. */
    algorithm: z.enum(["RS256", "RS384", "PS256"]).default("RS256"),
    /** When Auth0 stops accepting the key (ISO 8601). */
    expiresAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2027-06-30T00:00:00Z" }).optional(),
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
    ],
    { error: 'method must be "private_key_jwt" (recommended: no secret reaches state) or "client_secret_post"' },
);

export const tokenQuotaSchema = z
    .strictObject({
        perHour: z.number().int().positive().optional(),
        perDay: z.number().int().positive().optional(),
        /** Reject tokens over the quota instead of only logging them. Default: true. */
        enforce: z.boolean().default(true),
    })
    .refine((quota) => quota.perHour !== undefined || quota.perDay !== undefined, { message: "must set perHour, perDay or both" });

const machineSchema = z.strictObject({
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

const managementApiSchema = z.strictObject({
    /** Access-token lifetime of the tenant's Management API, in seconds. */
    tokenLifetime: positiveSeconds,
});

const configKeySchema = z.string().regex(RESOURCE_KEY, {
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
    /** The tenant's domain (`auth0:domain`), e.g. `acme-dev.eu.auth0.com`. */
    readonly domain: string;
    readonly managementApi?: z.input<typeof managementApiSchema>;
    readonly apis?: Readonly<Record<string, z.input<typeof apiSchema>>>;
    readonly machines?: Readonly<Record<string, z.input<typeof machineSchema>>>;
}

/** One tenant's access, validated, with every default filled in. */
export interface TenantConfig {
    readonly domain: string;
    readonly managementApi?: ManagementApiConfig;
    readonly apis: Readonly<Record<string, ApiConfig>>;
    readonly machines: Readonly<Record<string, MachineConfig>>;
}

export type ConfigPath = readonly (string | number)[];

export interface ConfigIssue {
    readonly path: ConfigPath;
    readonly message: string;
}

export type TenantConfigParse =
    | { readonly ok: true; readonly config: TenantConfig }
    | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);

/** The keys an object schema accepts, for "did you mean" on unknown keys. */
const knownKeys: Readonly<Record<string, readonly string[]>> = {
    root: ["domain", "managementApi", "apis", "machines"],
    api: Object.keys(apiSchema.shape),
    machine: Object.keys(machineSchema.shape),
    managementApi: Object.keys(managementApiSchema.shape),
    tokenQuota: ["perHour", "perDay", "enforce"],
    publicKey: Object.keys(publicKeySchema.shape),
    grant: ["scopes", "endpoints"],
    authentication: ["method", "publicKeys", "secretVersion"],
};

function zodIssues(error: z.ZodError, prefix: ConfigPath, keysKind: keyof typeof knownKeys): ConfigIssue[] {
    return error.issues.flatMap((issue): ConfigIssue[] => {
        const path = [...prefix, ...(issue.path as (string | number)[])];
        if (issue.code === "unrecognized_keys") {
            const kind = kindOfObjectAt(issue.path as (string | number)[], keysKind);
            return issue.keys.map((key) => {
                const near = closestMatches(key, knownKeys[kind] ?? [], 1);
                const hint = near.length > 0 ? ` (did you mean "${near[0]}"?)` : "";
                return { path: [...path, key], message: `unknown setting "${key}"${hint}; allowed: ${(knownKeys[kind] ?? []).join(", ")}` };
            });
        }
        return [{ path, message: issue.message.replace(/^Invalid input: /, "") }];
    });
}

/** Which object schema sits at a path inside an entry, e.g. ["tokenQuota"] inside a machine. */
function kindOfObjectAt(path: readonly (string | number)[], entryKind: keyof typeof knownKeys): keyof typeof knownKeys {
    if (entryKind !== "machine" || path.length === 0) return entryKind;
    if (path[0] === "tokenQuota") return "tokenQuota";
    if (path[0] === "authentication") return path[1] === "publicKeys" ? "publicKey" : "authentication";
    if (path[0] === "grants") return "grant";
    return entryKind;
}

function parseEntries<S extends z.ZodType>(
    raw: unknown,
    section: "apis" | "machines",
    schema: S,
    kind: keyof typeof knownKeys,
    issues: ConfigIssue[],
): Map<string, z.output<S>> {
    const parsed = new Map<string, z.output<S>>();
    if (raw === undefined) return parsed;
    if (!isRecord(raw)) {
        issues.push({ path: [section], message: `must be a map from a name to its settings, not ${Array.isArray(raw) ? "a list" : typeof raw}` });
        return parsed;
    }
    for (const [key, value] of Object.entries(raw)) {
        const keyCheck = configKeySchema.safeParse(key);
        if (!keyCheck.success) issues.push({ path: [section, key], message: `the name "${key}" ${keyCheck.error.issues[0].message}` });
        const result = schema.safeParse(value);
        if (result.success) parsed.set(key, result.data);
        else issues.push(...zodIssues(result.error, [section, key], kind));
    }
    return parsed;
}

const withPrefix = (prefix: ConfigPath, found: readonly ArgIssue[]): ConfigIssue[] =>
    found.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message }));

/**
 * Validates a tenant's config against its shape and the guardrails the policy pack enforces, so
 * config this accepts never yields a resource the pack (with its default config) rejects.
 */
export function parseTenantConfig(raw: unknown): TenantConfigParse {
    const issues: ConfigIssue[] = [];
    if (!isRecord(raw)) return { ok: false, issues: [{ path: [], message: "must be an object with domain, apis and machines" }] };
    for (const key of Object.keys(raw)) {
        if (!knownKeys.root.includes(key)) {
            const near = closestMatches(key, knownKeys.root, 1);
            issues.push({ path: [key], message: `unknown setting "${key}"${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ""}` });
        }
    }

    const domain = raw.domain;
    if (typeof domain !== "string" || domain.trim() === "") {
        issues.push({ path: ["domain"], message: 'is required: the tenant\'s domain, e.g. "acme-dev.eu.auth0.com"' });
    } else {
        const problem = tenantDomainProblem(domain);
        if (problem) issues.push({ path: ["domain"], message: problem });
    }

    let managementApi: ManagementApiConfig | undefined;
    if (raw.managementApi !== undefined) {
        const result = managementApiSchema.safeParse(raw.managementApi);
        if (result.success) {
            managementApi = result.data;
            issues.push(...withPrefix(["managementApi"], checkApiSettings({ tokenLifetime: managementApi.tokenLifetime }, { webLifetimeManaged: false })));
        } else issues.push(...zodIssues(result.error, ["managementApi"], "managementApi"));
    }

    const apis = parseEntries(raw.apis, "apis", apiSchema, "api", issues);
    const identifiers = new Map<string, string>();
    for (const [key, api] of apis) {
        const path = ["apis", key];
        if (key === MANAGEMENT_API_GRANT_KEY) {
            issues.push({ path, message: `"${MANAGEMENT_API_GRANT_KEY}" is reserved for the tenant's Management API; name this API differently` });
        }
        if (isManagementApiAudience(api.identifier)) {
            issues.push({
                path: [...path, "identifier"],
                message: `"${api.identifier}" is a Management API audience; grant it as "${MANAGEMENT_API_GRANT_KEY}" in a machine's grants, and set its lifetime under managementApi`,
            });
        }
        const clash = identifiers.get(api.identifier);
        if (clash !== undefined) issues.push({ path: [...path, "identifier"], message: `"${api.identifier}" is already the identifier of apis.${clash}` });
        else identifiers.set(api.identifier, key);
        issues.push(
            ...withPrefix(
                path,
                checkApiSettings({
                    tokenLifetime: api.tokenLifetime,
                    tokenLifetimeForWeb: api.tokenLifetimeForWeb ?? defaultTokenLifetimeForWeb(api.tokenLifetime),
                    scopes: Object.keys(api.scopes),
                }),
            ),
        );
    }

    issues.push(...renameIssues("apis", apis));
    const rawApiKeys = isRecord(raw.apis) ? new Set(Object.keys(raw.apis)) : new Set<string>();
    const machines = new Map<string, MachineConfig>();
    for (const [key, machine] of parseEntries(raw.machines, "machines", machineSchema, "machine", issues)) {
        const grants: Record<string, GrantConfig> = {};
        for (const [apiKey, grant] of Object.entries(machine.grants)) {
            const asList = Array.isArray(grant);
            const scopes = asList ? grant : grant.scopes;
            const endpoints = asList ? undefined : grant.endpoints;
            const grantPath = ["machines", key, "grants", apiKey];
            grants[apiKey] = { scopes, endpoints };
            const located = (found: readonly ArgIssue[]) => found.map((issue) => locateGrantIssue(issue, grantPath, asList));
            if (apiKey === MANAGEMENT_API_GRANT_KEY) {
                issues.push(...located(checkManagementGrant({ scopes, endpoints })));
                continue;
            }
            if (endpoints !== undefined) {
                issues.push({
                    path: [...grantPath, "endpoints"],
                    message: `endpoints derive scopes from the Management API catalogue, so they are only for "${MANAGEMENT_API_GRANT_KEY}"; list the scopes of apis.${apiKey} instead`,
                });
            }
            const api = apis.get(apiKey);
            if (!api) {
                if (!rawApiKeys.has(apiKey)) {
                    const known = [...rawApiKeys, MANAGEMENT_API_GRANT_KEY];
                    const near = closestMatches(apiKey, known, 1);
                    issues.push({
                        path: grantPath,
                        message: `no API "${apiKey}" in auth0-m2m:apis${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ""}; grants name a key of apis, or ${quoteAlternatives([MANAGEMENT_API_GRANT_KEY])}`,
                    });
                }
                continue;
            }
            issues.push(...located(checkApiGrantScopes(scopes ?? [], Object.keys(api.scopes), `apis.${apiKey}`)));
        }
        machines.set(key, { ...machine, grants });
    }
    issues.push(...renameIssues("machines", machines));

    if (issues.length > 0) return { ok: false, issues };
    return {
        ok: true,
        config: {
            domain: (domain as string).trim(),
            managementApi,
            apis: Object.fromEntries(apis),
            machines: Object.fromEntries(machines),
        },
    };
}

/**
 * Grant checks report paths relative to `{ scopes, endpoints }`; a grant written as a plain list
 * has no "scopes" level, so its scope issues point straight at the list.
 */
function locateGrantIssue(issue: ArgIssue, grantPath: ConfigPath, asList: boolean): ConfigIssue {
    const relative = asList && issue.path[0] === "scopes" ? issue.path.slice(1) : issue.path;
    return { path: [...grantPath, ...relative], message: issue.message };
}
