import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { managementApiAudience, tenantDomainProblem, type ConfigIssue, type ManagementApiScope } from "../../policy-pack/guardrails";
import { clientGrantName } from "../config/resourceNames";
import {
    authenticationSchema,
    MAX_DESCRIPTION_LENGTH,
    RESOURCE_KEY,
    tokenQuotaSchema,
    type AuthenticationConfig,
    type TokenQuotaConfig,
} from "../config/tenantConfig";
import type { Api } from "./api";
import { checkApiGrantScopes, checkManagementGrant, managementGrantScopes } from "../config/argChecks";
import { ComponentArgsError } from "../config/argsError";

/** A grant on a custom API declared with the `Api` component; its scopes must be declared there. */
export interface ApiGrant {
    readonly api: Api;
    readonly scopes: readonly string[];
}

/** The tenant whose Management API is granted; a `ManagementApi` component fits too. */
export interface ManagementApiTarget {
    readonly domain: string;
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
              Record<string, { readonly pem: string; readonly algorithm?: "RS256" | "RS384" | "PS256"; readonly expiresAt?: string }>
          >;
      }
    | {
          readonly method: "client_secret_post";
          /** Bump to rotate: a new secret is generated and set. Default: 1. */
          readonly secretVersion?: number;
      };

export interface MachineClientArgs {
    /** Name shown in the Auth0 dashboard. Default: the component's name. */
    readonly displayName?: string;
    /** Shown in the dashboard; at most 140 characters (`MAX_DESCRIPTION_LENGTH`). */
    readonly description?: string;
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

interface ResolvedGrant {
    readonly audience: string;
    readonly scopes: readonly string[];
    readonly api?: Api;
}

/**
 * One machine-to-machine application: a `non_interactive` Auth0 client that may use only the
 * client-credentials grant, its credentials, and one client grant per audience.
 */
export class MachineClient extends pulumi.ComponentResource {
    readonly client: auth0.Client;
    readonly clientId: pulumi.Output<string>;
    readonly credentials: auth0.ClientCredentials;
    readonly authenticationMethod: AuthenticationConfig["method"];
    /** The generated secret (a Pulumi secret), when the app authenticates with one. */
    readonly clientSecret?: pulumi.Output<string>;
    readonly grants: Readonly<Record<string, auth0.ClientGrant>>;
    /** Audience to granted scopes, known before deployment. */
    readonly grantedScopes: Readonly<Record<string, readonly string[]>>;

    constructor(name: string, args: MachineClientArgs, opts?: pulumi.ComponentResourceOptions) {
        const { authentication, tokenQuota, grants, issues } = resolveMachineArgs(args);
        if (issues.length > 0) throw new ComponentArgsError(`MachineClient "${name}"`, issues);
        super("auth0-m2m:index:MachineClient", name, {}, opts);

        this.client = new auth0.Client(
            `${name}-client`,
            {
                name: args.displayName ?? name,
                description: args.description,
                appType: "non_interactive",
                grantTypes: ["client_credentials"],
                isFirstParty: true,
                oidcConformant: true,
                tokenQuota: tokenQuota && {
                    clientCredentials: { perHour: tokenQuota.perHour, perDay: tokenQuota.perDay, enforce: tokenQuota.enforce },
                },
            },
            { parent: this },
        );
        this.clientId = this.client.clientId;
        this.authenticationMethod = authentication.method;

        if (authentication.method === "private_key_jwt") {
            this.credentials = new auth0.ClientCredentials(
                `${name}-credentials`,
                {
                    clientId: this.clientId,
                    authenticationMethod: "private_key_jwt",
                    privateKeyJwt: {
                        credentials: Object.keys(authentication.publicKeys)
                            .sort()
                            .map((keyName) => {
                                const key = authentication.publicKeys[keyName];
                                return {
                                    name: keyName,
                                    credentialType: "public_key",
                                    pem: key.pem,
                                    algorithm: key.algorithm,
                                    expiresAt: key.expiresAt,
                                };
                            }),
                    },
                },
                { parent: this },
            );
        } else {
            // Generated here rather than by Auth0, so rotation is declarative (bump secretVersion)
            // and the deployer never needs read:client_keys to learn it.
            const secret = new random.RandomPassword(
                `${name}-secret`,
                { length: 64, special: false, keepers: { secretVersion: String(authentication.secretVersion) } },
                { parent: this },
            );
            this.clientSecret = pulumi.secret(secret.result);
            this.credentials = new auth0.ClientCredentials(
                `${name}-credentials`,
                {
                    clientId: this.clientId,
                    authenticationMethod: "client_secret_post",
                    // Write-only: the provider never reads the secret back.
                    clientSecretWo: this.clientSecret,
                    clientSecretWoVersion: authentication.secretVersion,
                },
                { parent: this },
            );
        }

        const children: Record<string, auth0.ClientGrant> = {};
        const grantedScopes: Record<string, readonly string[]> = {};
        for (const key of Object.keys(grants).sort()) {
            const grant = grants[key];
            children[key] = new auth0.ClientGrant(
                clientGrantName(name, key),
                { clientId: this.clientId, audience: grant.audience, scopes: [...grant.scopes] },
                // The API's scopes must exist before a grant names them.
                { parent: this, dependsOn: grant.api ? [grant.api] : [] },
            );
            grantedScopes[grant.audience] = grant.scopes;
        }
        this.grants = children;
        this.grantedScopes = grantedScopes;

        this.registerOutputs({
            clientId: this.clientId,
            authenticationMethod: this.authenticationMethod,
            grantedScopes: this.grantedScopes,
        });
    }
}

/** Validates and fills in defaults, collecting every problem. Pure, so it is tested without mocks. */
export function resolveMachineArgs(args: MachineClientArgs): {
    authentication: AuthenticationConfig;
    tokenQuota?: TokenQuotaConfig;
    grants: Record<string, ResolvedGrant>;
    issues: ConfigIssue[];
} {
    const issues: ConfigIssue[] = [];
    const zodIssues = (prefix: string, error: { issues: { path: PropertyKey[]; message: string }[] }) =>
        error.issues.map((issue) => ({ path: [prefix, ...(issue.path as (string | number)[])], message: issue.message }));

    if (args.description !== undefined && args.description.length > MAX_DESCRIPTION_LENGTH) {
        issues.push({ path: ["description"], message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters (Auth0's limit)` });
    }
    const authentication = authenticationSchema.safeParse(args.authentication ?? { method: "client_secret_post" });
    if (!authentication.success) issues.push(...zodIssues("authentication", authentication.error));
    const tokenQuota = args.tokenQuota === undefined ? undefined : tokenQuotaSchema.safeParse(args.tokenQuota);
    if (tokenQuota && !tokenQuota.success) issues.push(...zodIssues("tokenQuota", tokenQuota.error));

    const grants: Record<string, ResolvedGrant> = {};
    const audiences = new Map<string, string>();
    for (const [key, grant] of Object.entries(args.grants ?? {})) {
        const path = ["grants", key];
        if (!RESOURCE_KEY.test(key)) {
            issues.push({ path, message: "grant names must be lower-case letters, digits and hyphens (they name Pulumi resources)" });
        }
        let resolved: ResolvedGrant | undefined;
        if ("api" in grant && grant.api !== undefined) {
            const found = checkApiGrantScopes(grant.scopes, grant.api.scopeNames, `the API ${grant.api.identifier}`);
            issues.push(...found.map((issue) => ({ path: [...path, ...issue.path], message: issue.message })));
            if (found.length === 0) resolved = { audience: grant.api.identifier, scopes: [...new Set(grant.scopes)].sort(), api: grant.api };
        } else if ("managementApi" in grant && grant.managementApi !== undefined) {
            const domainProblem = tenantDomainProblem(grant.managementApi.domain);
            if (domainProblem) issues.push({ path: [...path, "managementApi", "domain"], message: domainProblem });
            const found = checkManagementGrant({ scopes: grant.scopes, endpoints: grant.endpoints });
            issues.push(...found.map((issue) => ({ path: [...path, ...issue.path], message: issue.message })));
            if (found.length === 0 && !domainProblem) {
                resolved = {
                    audience: managementApiAudience(grant.managementApi.domain),
                    scopes: managementGrantScopes({ scopes: grant.scopes, endpoints: grant.endpoints }),
                };
            }
        } else {
            issues.push({ path, message: "must name its target: { api, scopes } or { managementApi, scopes | endpoints }" });
        }
        if (!resolved) continue;
        const clash = audiences.get(resolved.audience);
        if (clash !== undefined) {
            issues.push({ path, message: `grants ${resolved.audience} again (already granted by grants.${clash}); Auth0 allows one grant per client and audience, so merge them` });
            continue;
        }
        audiences.set(resolved.audience, key);
        grants[key] = resolved;
    }
    return {
        authentication: authentication.success ? authentication.data : { method: "client_secret_post", secretVersion: 1 },
        tokenQuota: tokenQuota?.success ? tokenQuota.data : undefined,
        grants,
        issues,
    };
}
