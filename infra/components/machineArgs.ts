// MachineClient's arguments: their types, and how they are checked and filled in before anything is
// registered (values known now) or when they resolve (values other resources give).
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { managementApiAudience, tenantDomainProblem, type ConfigIssue, type ManagementApiScope } from "../../policy-pack/guardrails";
import {
    authenticationSchema,
    configKeySchema,
    machineSchema,
    tokenQuotaSchema,
    type AuthenticationConfig,
    type PublicKeyConfig,
    type TokenQuotaConfig,
} from "../config/tenantConfig";
import type { Api } from "./api";
import { checkApiGrantScopes, checkManagementGrant, managementGrantScopes } from "../config/argChecks";
import { ComponentArgsError } from "../config/argsError";
import { checkInput, isKnownString } from "../config/deferredChecks";
import { schemaIssues } from "../config/schemaIssues";

/** A grant on a custom API declared with the `Api` component; its scopes must be declared there. */
export interface ApiGrant {
    readonly api: Api;
    readonly scopes: readonly string[];
    /** The grant's name before a rename: its ClientGrant is kept (aliased), not replaced. */
    readonly formerly?: string;
}

/** The tenant whose Management API is granted; a `ManagementApi` component fits too. */
export interface ManagementApiTarget {
    /** The tenant's domain; may come from another resource, and is then checked when it resolves. */
    readonly domain: pulumi.Input<string>;
}

/** A grant on the tenant's Management API, by scopes (type-checked) or by the endpoints the app calls. */
export type ManagementApiGrant =
    | { readonly managementApi: ManagementApiTarget; readonly scopes: readonly ManagementApiScope[]; readonly endpoints?: never }
    | { readonly managementApi: ManagementApiTarget; readonly endpoints: readonly string[]; readonly scopes?: never };

export type MachineGrant = ApiGrant | ManagementApiGrant;

export type MachineAuthentication =
    | {
          readonly method: "private_key_jwt";
          /** One or two public keys by name: Auth0 allows two, so a new key can be rolled in first. */
          readonly publicKeys: Readonly<
              Record<
                  string,
                  {
                      /** PEM public key or certificate; may come from another resource (`tls.PrivateKey.publicKeyPem`). */
                      readonly pem: pulumi.Input<string>;
                      readonly algorithm?: "RS256" | "RS384" | "PS256";
                      readonly expiresAt?: string;
                  }
              >
          >;
      }
    | {
          /** `client_secret_post` sends the secret in the request body, `client_secret_basic` in HTTP Basic. */
          readonly method: "client_secret_post" | "client_secret_basic";
          /** Bump to rotate: a new secret is generated and set. Default: 1. */
          readonly secretVersion?: number;
      }
    | {
          /** mTLS with CA-issued certificates, each matched by its PEM or its subject DN (exactly one). */
          readonly method: "tls_client_auth";
          readonly certificates: Readonly<Record<string, { readonly pem?: string; readonly subjectDn?: string }>>;
      }
    | {
          /** mTLS with self-signed certificates. */
          readonly method: "self_signed_tls_client_auth";
          readonly certificates: Readonly<Record<string, { readonly pem: string }>>;
      };

export interface MachineClientArgs {
    /** Name shown in the Auth0 dashboard. Default: the component's name. */
    readonly displayName?: pulumi.Input<string>;
    /** Shown in the dashboard; at most 140 characters (`MAX_DESCRIPTION_LENGTH`). May come from another resource. */
    readonly description?: pulumi.Input<string>;
    /**
     * How the app authenticates. `private_key_jwt` is recommended: no secret ever reaches Pulumi
     * state. Default: `client_secret_post` with a generated secret, rotated by bumping `secretVersion`.
     */
    readonly authentication?: MachineAuthentication;
    /** Per-client token quota for client-credentials tokens. Default: none (the tenant's quota applies). */
    readonly tokenQuota?: { readonly perHour?: number; readonly perDay?: number; readonly enforce?: boolean };
    /** Grants by a stable name (it names the child resource, so renaming it replaces the grant). Default: none. */
    readonly grants?: Readonly<Record<string, MachineGrant>>;
}

export interface ResolvedGrant {
    readonly formerly?: string;
    /** Known at construction, unless it comes from an API or domain that another resource gives. */
    readonly audience: pulumi.Input<string>;
    readonly scopes: readonly string[];
    readonly api?: Api;
}

/** Authentication as configured, except that a public key's pem may still come from another resource. */
export type ResolvedAuthentication =
    | Exclude<AuthenticationConfig, { method: "private_key_jwt" }>
    | {
          readonly method: "private_key_jwt";
          readonly publicKeys: Readonly<Record<string, Omit<PublicKeyConfig, "pem"> & { readonly pem: pulumi.Input<string> }>>;
      };

// Stands in for a pem that another resource gives, so the schema still checks every other field
// now; the real pem is checked against the same schema when it resolves.
const PEM_STAND_IN = "-----BEGIN PUBLIC KEY-----\nc3RhbmQtaW4=\n-----END PUBLIC KEY-----";

/** The config schema's check of one field, at that field's path. */
function fieldIssues(field: string, schema: z.ZodType, value: unknown): ConfigIssue[] {
    const parsed = schema.safeParse(value);
    return parsed.success ? [] : schemaIssues(parsed.error, [field], schema, value);
}

/**
 * Validates and fills in defaults, collecting every problem. Values known now are checked now;
 * values from other resources are returned as Outputs that fail as `component` when they resolve
 * with a problem. Pure for known values, so it is tested without mocks.
 */
export function resolveMachineArgs(args: MachineClientArgs, component = "MachineClient"): {
    authentication: ResolvedAuthentication;
    tokenQuota?: TokenQuotaConfig;
    grants: Record<string, ResolvedGrant>;
    description?: pulumi.Input<string>;
    issues: ConfigIssue[];
} {
    const issues: ConfigIssue[] = [];
    const description =
        args.description === undefined ? undefined : checkInput(component, args.description, (value) => fieldIssues("description", machineSchema.shape.description, value), issues);
    const authentication = resolveAuthentication(args.authentication, component, issues);
    const tokenQuota = args.tokenQuota === undefined ? undefined : tokenQuotaSchema.safeParse(args.tokenQuota);
    if (tokenQuota && !tokenQuota.success) issues.push(...schemaIssues(tokenQuota.error, ["tokenQuota"], tokenQuotaSchema, args.tokenQuota));

    const grants: Record<string, ResolvedGrant> = {};
    const audiences = new Map<string | Api, string>();
    for (const [key, grant] of Object.entries(args.grants ?? {})) {
        const path = ["grants", key];
        const keyCheck = configKeySchema.safeParse(key);
        if (!keyCheck.success) issues.push({ path, message: `the grant name "${key}" ${keyCheck.error.issues[0].message}` });
        const resolved = resolveGrant(grant, path, component, issues);
        if (!resolved) continue;
        // An audience another resource gives is compared when it resolves (below); the same Api twice, now.
        const id = isKnownString(resolved.audience) ? resolved.audience : resolved.api;
        const clash = id === undefined ? undefined : audiences.get(id);
        if (clash !== undefined) {
            issues.push(audienceClash(key, isKnownString(resolved.audience) ? resolved.audience : (resolved.api?.label ?? "the same audience"), clash));
            continue;
        }
        if (id !== undefined) audiences.set(id, key);
        grants[key] = resolved;
    }
    return {
        authentication: authentication ?? { method: "client_secret_post", secretVersion: 1 },
        tokenQuota: tokenQuota?.success ? tokenQuota.data : undefined,
        grants: checkAudiencesWhenKnown(grants, component),
        description,
        issues,
    };
}

function audienceClash(key: string, audience: string, clash: string): ConfigIssue {
    return { path: ["grants", key], message: `grants ${audience} again (already granted by grants.${clash}); Auth0 allows one grant per client, audience and subject type, and both are client-credentials grants, so merge them` };
}

function resolveAuthentication(given: MachineAuthentication | undefined, component: string, issues: ConfigIssue[]): ResolvedAuthentication | undefined {
    const deferred = new Map<string, pulumi.Input<string>>();
    let input: unknown = given ?? { method: "client_secret_post" };
    if (given?.method === "private_key_jwt" && given.publicKeys !== null && typeof given.publicKeys === "object") {
        const keys: Record<string, unknown> = {};
        for (const [name, key] of Object.entries(given.publicKeys)) {
            const pem = (key as { pem?: unknown } | null)?.pem;
            const fromResource = pem !== undefined && pem !== null && typeof pem === "object";
            if (fromResource) deferred.set(name, pem as pulumi.Input<string>);
            keys[name] = fromResource ? { ...key, pem: PEM_STAND_IN } : key;
        }
        input = { ...given, publicKeys: keys };
    }
    const parsed = authenticationSchema.safeParse(input);
    if (!parsed.success) {
        issues.push(...schemaIssues(parsed.error, ["authentication"], authenticationSchema, input));
        return undefined;
    }
    if (parsed.data.method !== "private_key_jwt") return parsed.data;
    const publicKeys: Record<string, Omit<PublicKeyConfig, "pem"> & { pem: pulumi.Input<string> }> = { ...parsed.data.publicKeys };
    for (const [name, pem] of deferred) {
        const check = (value: string) => fieldIssues("authentication", authenticationSchema, { method: "private_key_jwt", publicKeys: { [name]: { pem: value } } });
        publicKeys[name] = { ...publicKeys[name], pem: checkInput(component, pem, check, issues) };
    }
    return { method: "private_key_jwt", publicKeys };
}

function resolveGrant(grant: MachineGrant, path: string[], component: string, issues: ConfigIssue[]): ResolvedGrant | undefined {
    if ("api" in grant && grant.api !== undefined) {
        const found = checkApiGrantScopes(grant.scopes, grant.api.scopeNames, grant.api.label);
        issues.push(...found.map((issue) => ({ path: [...path, ...issue.path], message: issue.message })));
        if (found.length > 0) return undefined;
        return {
            audience: grant.api.knownIdentifier ?? grant.api.identifier,
            scopes: [...new Set(grant.scopes)].sort(),
            api: grant.api,
            formerly: grant.formerly,
        };
    }
    if ("managementApi" in grant && grant.managementApi !== undefined) {
        const before = issues.length;
        const domain = checkInput(component, grant.managementApi.domain, (value) => {
            const problem = tenantDomainProblem(value);
            return problem ? [{ path: [...path, "managementApi", "domain"], message: problem }] : [];
        }, issues);
        const found = checkManagementGrant({ scopes: grant.scopes, endpoints: grant.endpoints });
        issues.push(...found.map((issue) => ({ path: [...path, ...issue.path], message: issue.message })));
        if (issues.length > before) return undefined;
        return {
            audience: isKnownString(domain) ? managementApiAudience(domain) : pulumi.output(domain).apply(managementApiAudience),
            scopes: managementGrantScopes({ scopes: grant.scopes, endpoints: grant.endpoints }),
        };
    }
    issues.push({ path, message: "must name its target: { api, scopes } or { managementApi, scopes | endpoints }" });
    return undefined;
}

/** Where some audience is only known when it resolves, compares them all then, as the synchronous check does. */
function checkAudiencesWhenKnown(grants: Record<string, ResolvedGrant>, component: string): Record<string, ResolvedGrant> {
    const keys = Object.keys(grants).sort();
    if (keys.every((key) => isKnownString(grants[key].audience))) return grants;
    const all = pulumi.all(keys.map((key) => grants[key].audience)).apply((audiences) => {
        const seen = new Map<string, string>();
        audiences.forEach((audience, i) => {
            const clash = seen.get(audience);
            if (clash !== undefined) throw new ComponentArgsError(component, [audienceClash(keys[i], audience, clash)]);
            seen.set(audience, keys[i]);
        });
        return audiences;
    });
    return Object.fromEntries(keys.map((key, i) => [key, { ...grants[key], audience: all.apply((audiences) => audiences[i]) }]));
}
