// What the deployer needs for the types the M2M components declare: applications, their
// credentials and grants, and APIs with their scopes.
import type { ManagementApiScope } from "./catalogue/catalogue";
import type { LifecycleNeeds, NeedsOf } from "./lifecycleNeeds";

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

export const M2M_DEPLOYER_NEEDS: Readonly<Record<string, NeedsOf>> = {
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
    // client/resource_grant.go at terraform-provider-auth0 7ab86e53 (go-auth0 v1.45.0
    // ClientGrantManager.Read is GET /client-grants/{id}): with a client_id, create first lists the
    // grants for that client and audience and adopts one of the same subject type instead of
    // POSTing. TestAccClientGrant.yaml records both GETs; TestAccClientGrant_DefaultFor.yaml, a
    // grant with no client_id, records no list.
    "auth0:index/clientGrant:ClientGrant": (inputs) => ({
        create: [...(inputs.clientId === undefined ? [] : (["GET /api/v2/client-grants"] as const)), "POST /api/v2/client-grants"],
        read: ["GET /api/v2/client-grants/{id}"],
        update: ["PATCH /api/v2/client-grants/{id}"],
        delete: ["DELETE /api/v2/client-grants/{id}"],
    }),
    "auth0:index/resourceServer:ResourceServer": () => resourceServerNeeds,
    "auth0:index/resourceServerScopes:ResourceServerScopes": () => resourceServerScopeNeeds,
    "auth0:index/resourceServerScope:ResourceServerScope": () => resourceServerScopeNeeds,
};
