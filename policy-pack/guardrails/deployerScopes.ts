// The Management API scopes the deploying application (the one whose credentials the auth0
// provider uses) needs to apply a plan. Derived from the endpoints the provider calls over each
// resource's lifecycle, through the same catalogue and least-privilege rules as the grants, plus
// the field-level scopes the catalogue's endpoint lists can't express.
import type { ManagementApiEndpoint, ManagementApiScope } from "./catalogue/catalogue";
import { DEFAULT_ESCALATION_SCOPES } from "./scopeRisks";
import { scopesForEndpoints } from "./scopesForEndpoints";

export interface PlannedResource {
    readonly type: string;
    readonly inputs: Readonly<Record<string, unknown>>;
    /** The `import` resource option: the resource is adopted, never created. */
    readonly import?: string;
    /** The `retainOnDelete` resource option: the resource is never deleted. */
    readonly retainOnDelete?: boolean;
}

export interface DeployerScope {
    readonly scope: ManagementApiScope;
    /** Why it is needed, e.g. "create auth0:index/client:Client". */
    readonly reasons: readonly string[];
    /**
     * Set when the pack forbids the scope to every other application (it takes over the tenant:
     * auth0-management-api-no-escalation): why, as the pack's findings say it. The deployer is
     * the one application trusted with it.
     */
    readonly forbiddenToOthers?: string;
}

interface LifecycleNeeds {
    readonly create?: readonly ManagementApiEndpoint[];
    readonly read: readonly ManagementApiEndpoint[];
    readonly update: readonly ManagementApiEndpoint[];
    readonly delete?: readonly ManagementApiEndpoint[];
    /** Scopes for fields the endpoint's own scope list can't tell apart. */
    readonly fields?: readonly { readonly scope: ManagementApiScope; readonly why: string }[];
}

const resourceServerNeeds: LifecycleNeeds = {
    create: ["POST /api/v2/resource-servers"],
    read: ["GET /api/v2/resource-servers/{id}"],
    update: ["PATCH /api/v2/resource-servers/{id}"],
    delete: ["DELETE /api/v2/resource-servers/{id}"],
};
// Scope lists live on the resource server itself: the provider reads and patches it.
const resourceServerScopeNeeds: LifecycleNeeds = {
    read: ["GET /api/v2/resource-servers/{id}"],
    update: ["PATCH /api/v2/resource-servers/{id}"],
};

function credentialNeeds(inputs: Readonly<Record<string, unknown>>): LifecycleNeeds {
    const method = inputs.authenticationMethod;
    // The provider lists the client's credentials on every read, whatever the method (recorded:
    // TestAccClientCredentialsWriteOnlySecret.yaml, GET /clients/{id}/credentials). The same scope
    // makes GET /clients/{id} return client_secret (catalogue: get-clients-by-id).
    const fields: { scope: ManagementApiScope; why: string }[] = [{ scope: "read:client_credentials", why: "read the client's authentication methods" }];
    // A secret-based method is set through PATCH /clients/{id} (token_endpoint_auth_method, and
    // client_secret with update:client_keys; same recording), which needs no update:client_credentials:
    // Auth0 requires that scope only for client_authentication_methods, i.e. private_key_jwt and mTLS
    // (https://auth0.com/docs/api/management/v2/clients/patch-clients-by-id).
    if (method !== "client_secret_post" && method !== "client_secret_basic") {
        fields.push({ scope: "update:client_credentials", why: "set the client's authentication method" });
    }
    // private_key_jwt keys and mTLS certificates (tls_client_auth, self_signed_tls_client_auth) are
    // client credentials the provider creates and reads under /clients/{id}/credentials
    // (@pulumi/auth0 3.49 clientCredentials.d.ts: privateKeyJwt, tlsClientAuth, selfSignedTlsClientAuth).
    if (method === "private_key_jwt" || method === "tls_client_auth" || method === "self_signed_tls_client_auth") {
        return {
            create: ["POST /api/v2/clients/{client_id}/credentials"],
            read: ["GET /api/v2/clients/{client_id}/credentials/{credential_id}"],
            update: ["PATCH /api/v2/clients/{client_id}/credentials/{credential_id}"],
            delete: ["DELETE /api/v2/clients/{client_id}/credentials/{credential_id}"],
            fields,
        };
    }
    if (inputs.clientSecret !== undefined || inputs.clientSecretWo !== undefined) {
        fields.push({ scope: "update:client_keys", why: "set the client secret" });
    }
    return { read: [], update: [], fields };
}

const needsByType: Readonly<Record<string, (inputs: Readonly<Record<string, unknown>>) => LifecycleNeeds>> = {
    "auth0:index/client:Client": () => ({
        create: ["POST /api/v2/clients"],
        read: [],
        update: ["PATCH /api/v2/clients/{id}"],
        delete: ["DELETE /api/v2/clients/{id}"],
        // GET /clients/{id} accepts read:client_summary, which returns a four-field summary of the
        // client (which four was not confirmed here), too little for the provider.
        fields: [{ scope: "read:clients", why: "read the client's settings" }],
    }),
    "auth0:index/clientCredentials:ClientCredentials": credentialNeeds,
    "auth0:index/clientGrant:ClientGrant": () => ({
        create: ["POST /api/v2/client-grants"],
        read: ["GET /api/v2/client-grants"],
        update: ["PATCH /api/v2/client-grants/{id}"],
        delete: ["DELETE /api/v2/client-grants/{id}"],
    }),
    "auth0:index/resourceServer:ResourceServer": () => resourceServerNeeds,
    "auth0:index/resourceServerScopes:ResourceServerScopes": () => resourceServerScopeNeeds,
    "auth0:index/resourceServerScope:ResourceServerScope": () => resourceServerScopeNeeds,
};

/** True when the deployer scopes for this resource type are known. Non-auth0 types need none. */
export function isKnownToDeployerScopes(type: string): boolean {
    return !type.startsWith("auth0:") || type in needsByType;
}

/**
 * The Management API scopes the deployer needs to create, read, update and delete `resources`,
 * each with its reasons, sorted by scope. Adopted resources (`import`) need no create scope and
 * retained ones (`retainOnDelete`) no delete scope. Types outside `@pulumi/auth0` need none;
 * auth0 types this table doesn't know are reported by `isKnownToDeployerScopes`. Each scope the
 * pack forbids to every other application says so (`forbiddenToOthers`).
 */
export function deployerScopesFor(resources: readonly PlannedResource[]): DeployerScope[] {
    const reasons = new Map<ManagementApiScope, Set<string>>();
    const need = (scope: ManagementApiScope, why: string) => {
        let set = reasons.get(scope);
        if (!set) reasons.set(scope, (set = new Set()));
        set.add(why);
    };
    for (const resource of resources) {
        const needs = needsByType[resource.type]?.(resource.inputs);
        if (!needs) continue;
        const phases: [string, readonly ManagementApiEndpoint[] | undefined][] = [
            ["create", resource.import === undefined ? needs.create : undefined],
            ["read", needs.read],
            ["update", needs.update],
            ["delete", resource.retainOnDelete ? undefined : needs.delete],
        ];
        for (const [phase, endpoints] of phases) {
            if (!endpoints || endpoints.length === 0) continue;
            for (const scope of scopesForEndpoints(endpoints)) need(scope, `${phase} ${resource.type}`);
        }
        for (const field of needs.fields ?? []) need(field.scope, `${field.why} (${resource.type})`);
    }
    return [...reasons]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([scope, why]) => {
            const forbidden = Object.hasOwn(DEFAULT_ESCALATION_SCOPES, scope) ? { forbiddenToOthers: DEFAULT_ESCALATION_SCOPES[scope] } : {};
            return { scope, reasons: [...why].sort(), ...forbidden };
        });
}
