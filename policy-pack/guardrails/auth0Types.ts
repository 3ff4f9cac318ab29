// Type tokens of the @pulumi/auth0 resources the pack, the library and the plan's report read.
// Literals, so the pack need not load @pulumi/auth0; test/policy-pack/pack.test.ts checks each one
// against the provider SDK (@pulumi/auth0 3.49.0).
export const AUTH0_TYPES = {
    client: "auth0:index/client:Client",
    clientCredentials: "auth0:index/clientCredentials:ClientCredentials",
    clientGrant: "auth0:index/clientGrant:ClientGrant",
    resourceServer: "auth0:index/resourceServer:ResourceServer",
    resourceServerScopes: "auth0:index/resourceServerScopes:ResourceServerScopes",
    resourceServerScope: "auth0:index/resourceServerScope:ResourceServerScope",
    tenant: "auth0:index/tenant:Tenant",
} as const;
