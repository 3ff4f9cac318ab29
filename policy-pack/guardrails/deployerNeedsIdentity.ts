// What the deployer needs for the identity types: connections with the applications they serve and
// their SCIM provisioning, roles and their permissions, organizations with their connections,
// members, member roles and client grants, users.
//
// Source: auth0/terraform-provider-auth0 v1.53.0, commit 7ab86e5310e6553889f5eef35dcbd6aa4dd1546b,
// the provider @pulumi/auth0 3.49.0 wraps (pulumi/pulumi-auth0 tag v3.49.0, submodule `upstream`).
// Each type names its file there (internal/auth0/...). The calls' methods and paths are those of
// github.com/auth0/go-auth0 v1.45.0 management/*.go and, for organization connections,
// github.com/auth0/go-auth0/v2 v2.14.0 management/organizations/connections/raw_client.go (the
// versions that commit's go.mod pins). Cross-checked against the provider's recorded traffic at the
// same commit (test/data/recordings/TestAcc<Type>.yaml; for SCIM, TestAccSCIMConfiguration.yaml and
// TestAccSCIMToken.yaml): every call below appears there, and the resources make no other calls
// (the tests' data sources make the rest).
import type { LifecycleNeeds, NeedsOf } from "./lifecycleNeeds";

// connection/resource_client.go: every input forces replacement, so there is no update. Create
// and delete both PATCH the connection's client list (status true, then false).
const connectionClientNeeds: LifecycleNeeds = {
    create: ["PATCH /api/v2/connections/{id}/clients"],
    read: ["GET /api/v2/connections/{id}/clients", "GET /api/v2/connections/{id}"],
    update: [],
    delete: ["PATCH /api/v2/connections/{id}/clients"],
};

// organization/resource_member.go: inputs force replacement; the read lists the members.
const organizationMemberNeeds: LifecycleNeeds = {
    create: ["POST /api/v2/organizations/{id}/members"],
    read: ["GET /api/v2/organizations/{id}/members"],
    update: [],
    delete: ["DELETE /api/v2/organizations/{id}/members"],
};

export const IDENTITY_DEPLOYER_NEEDS: Readonly<Record<string, NeedsOf>> = {
    // connection/resource.go (+ expand.go: an update of an enterprise or database connection first
    // reads it, to keep options Terraform doesn't manage and to refuse erasing unmanaged secrets).
    "auth0:index/connection:Connection": () => ({
        create: ["POST /api/v2/connections"],
        read: ["GET /api/v2/connections/{id}"],
        update: ["GET /api/v2/connections/{id}", "PATCH /api/v2/connections/{id}"],
        delete: ["DELETE /api/v2/connections/{id}"],
    }),
    "auth0:index/connectionClient:ConnectionClient": () => connectionClientNeeds,
    // connection/resource_clients.go: create lists the enabled clients first and refuses to
    // overwrite a list it doesn't match; delete disables each client it manages.
    "auth0:index/connectionClients:ConnectionClients": () => ({
        create: ["GET /api/v2/connections/{id}/clients", "PATCH /api/v2/connections/{id}/clients"],
        read: ["GET /api/v2/connections/{id}/clients", "GET /api/v2/connections/{id}"],
        update: ["PATCH /api/v2/connections/{id}/clients"],
        delete: ["PATCH /api/v2/connections/{id}/clients"],
    }),
    // role/resource.go
    "auth0:index/role:Role": () => ({
        create: ["POST /api/v2/roles"],
        read: ["GET /api/v2/roles/{id}"],
        update: ["PATCH /api/v2/roles/{id}"],
        delete: ["DELETE /api/v2/roles/{id}"],
    }),
    // role/resource_permission.go: inputs force replacement; the read lists the role's permissions.
    "auth0:index/rolePermission:RolePermission": () => ({
        create: ["POST /api/v2/roles/{id}/permissions"],
        read: ["GET /api/v2/roles/{id}/permissions"],
        update: [],
        delete: ["DELETE /api/v2/roles/{id}/permissions"],
    }),
    // role/resource_permissions.go: create and update share one function that removes, then adds.
    "auth0:index/rolePermissions:RolePermissions": () => ({
        create: ["POST /api/v2/roles/{id}/permissions"],
        read: ["GET /api/v2/roles/{id}/permissions"],
        update: ["DELETE /api/v2/roles/{id}/permissions", "POST /api/v2/roles/{id}/permissions"],
        delete: ["DELETE /api/v2/roles/{id}/permissions"],
    }),
    // organization/resource.go: an update also PATCHes fields set to null.
    "auth0:index/organization:Organization": () => ({
        create: ["POST /api/v2/organizations"],
        read: ["GET /api/v2/organizations/{id}"],
        update: ["PATCH /api/v2/organizations/{id}"],
        delete: ["DELETE /api/v2/organizations/{id}"],
    }),
    // organization/resource_connection.go (go-auth0/v2: /organizations/{id}/connections, not the
    // older /enabled_connections).
    "auth0:index/organizationConnection:OrganizationConnection": () => ({
        create: ["POST /api/v2/organizations/{id}/connections"],
        read: ["GET /api/v2/organizations/{id}/connections/{connection_id}"],
        update: ["PATCH /api/v2/organizations/{id}/connections/{connection_id}"],
        delete: ["DELETE /api/v2/organizations/{id}/connections/{connection_id}"],
    }),
    // organization/resource_connections.go: create lists the enabled connections first and refuses
    // to overwrite a list it doesn't match; an update removes, then adds.
    "auth0:index/organizationConnections:OrganizationConnections": () => ({
        create: ["GET /api/v2/organizations/{id}/connections", "POST /api/v2/organizations/{id}/connections"],
        read: ["GET /api/v2/organizations/{id}/connections"],
        update: ["DELETE /api/v2/organizations/{id}/connections/{connection_id}", "POST /api/v2/organizations/{id}/connections"],
        delete: ["DELETE /api/v2/organizations/{id}/connections/{connection_id}"],
    }),
    "auth0:index/organizationMember:OrganizationMember": () => organizationMemberNeeds,
    // organization/resource_members.go (+ data_source.go fetchAllOrganizationMembers: only the
    // user_id field, so no member-roles scope): create lists the members first, as above.
    "auth0:index/organizationMembers:OrganizationMembers": () => ({
        create: ["GET /api/v2/organizations/{id}/members", "POST /api/v2/organizations/{id}/members"],
        read: ["GET /api/v2/organizations/{id}/members"],
        update: ["DELETE /api/v2/organizations/{id}/members", "POST /api/v2/organizations/{id}/members"],
        delete: ["DELETE /api/v2/organizations/{id}/members"],
    }),
    // organization/resource_member_role.go: inputs force replacement; the read lists the member's roles.
    "auth0:index/organizationMemberRole:OrganizationMemberRole": () => ({
        create: ["POST /api/v2/organizations/{id}/members/{user_id}/roles"],
        read: ["GET /api/v2/organizations/{id}/members/{user_id}/roles"],
        update: [],
        delete: ["DELETE /api/v2/organizations/{id}/members/{user_id}/roles"],
    }),
    // organization/resource_member_roles.go: an update removes what left the set, then assigns
    // what joined it; on create nothing left, so only the POST.
    "auth0:index/organizationMemberRoles:OrganizationMemberRoles": () => ({
        create: ["POST /api/v2/organizations/{id}/members/{user_id}/roles"],
        read: ["GET /api/v2/organizations/{id}/members/{user_id}/roles"],
        update: ["DELETE /api/v2/organizations/{id}/members/{user_id}/roles", "POST /api/v2/organizations/{id}/members/{user_id}/roles"],
        delete: ["DELETE /api/v2/organizations/{id}/members/{user_id}/roles"],
    }),
    // organization/resource_client_grant.go: associates an existing client grant with the
    // organization; inputs force replacement, and the read lists the organization's grants.
    "auth0:index/organizationClientGrant:OrganizationClientGrant": () => ({
        create: ["POST /api/v2/organizations/{id}/client-grants"],
        read: ["GET /api/v2/organizations/{id}/client-grants"],
        update: [],
        delete: ["DELETE /api/v2/organizations/{id}/client-grants/{grant_id}"],
    }),
    // connection/resource_scim.go: the connection's one SCIM configuration.
    "auth0:index/connectionScimConfiguration:ConnectionScimConfiguration": () => ({
        create: ["POST /api/v2/connections/{id}/scim-configuration"],
        read: ["GET /api/v2/connections/{id}/scim-configuration"],
        update: ["PATCH /api/v2/connections/{id}/scim-configuration"],
        delete: ["DELETE /api/v2/connections/{id}/scim-configuration"],
    }),
    // connection/resource_scim_token.go: inputs force replacement; the read lists the tokens.
    "auth0:index/connectionScimToken:ConnectionScimToken": () => ({
        create: ["POST /api/v2/connections/{id}/scim-configuration/tokens"],
        read: ["GET /api/v2/connections/{id}/scim-configuration/tokens"],
        update: [],
        delete: ["DELETE /api/v2/connections/{id}/scim-configuration/tokens/{tokenId}"],
    }),
    // user/resource.go. An update PATCHes the user's email, password, profile and blocks
    // (https://auth0.com/docs/api/management/v2/users/patch-users-by-id lists those fields). The
    // endpoint's least-privilege pick, update:users_app_metadata, is read here as app_metadata only
    // (its name; that Auth0 refuses other fields with it was not confirmed), so update:users is
    // named rather than derived.
    "auth0:index/user:User": () => ({
        create: ["POST /api/v2/users"],
        read: ["GET /api/v2/users/{id}"],
        update: [],
        delete: ["DELETE /api/v2/users/{id}"],
        fields: [{ scope: "update:users", why: "update the user's email, password, profile and blocks" }],
    }),
};
