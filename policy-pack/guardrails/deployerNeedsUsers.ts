// What the deployer needs for the types that give one user roles or API permissions directly.
//
// Source: auth0/terraform-provider-auth0 v1.53.0, commit 7ab86e5310e6553889f5eef35dcbd6aa4dd1546b,
// the provider @pulumi/auth0 3.49.0 wraps (pulumi/pulumi-auth0 tag v3.49.0, submodule `upstream`),
// internal/auth0/user/resource_{role,roles,permission,permissions}.go. The calls' methods and paths
// are those of github.com/auth0/go-auth0 v1.45.0 management/user.go (UserManager.Roles, AssignRoles,
// RemoveRoles, Permissions, AssignPermissions, RemovePermissions). Cross-checked against the
// provider's recorded traffic at the same commit (test/data/recordings/TestAccUser{Role,Roles,
// Permission,Permissions}.yaml): every call below appears there; the other calls there are the
// tests' own users, roles and APIs, and the auth0_user data source (data_source.go), which lists
// both a user's roles and permissions.
import type { LifecycleNeeds, NeedsOf } from "./lifecycleNeeds";

// The single-entry bindings force replacement on every input, so they have no update; the read
// lists all of the user's roles or permissions and picks its own.
const userRoleNeeds: LifecycleNeeds = {
    create: ["POST /api/v2/users/{id}/roles"],
    read: ["GET /api/v2/users/{id}/roles"],
    update: [],
    delete: ["DELETE /api/v2/users/{id}/roles"],
};

const userPermissionNeeds: LifecycleNeeds = {
    create: ["POST /api/v2/users/{id}/permissions"],
    read: ["GET /api/v2/users/{id}/permissions"],
    update: [],
    delete: ["DELETE /api/v2/users/{id}/permissions"],
};

export const USER_DEPLOYER_NEEDS: Readonly<Record<string, NeedsOf>> = {
    "auth0:index/userRole:UserRole": () => userRoleNeeds,
    // resource_roles.go: create and update share one function that removes what left the set, then
    // assigns what joined it (on create nothing left, so only the POST); delete removes the set.
    "auth0:index/userRoles:UserRoles": () => ({
        create: ["POST /api/v2/users/{id}/roles"],
        read: ["GET /api/v2/users/{id}/roles"],
        update: ["DELETE /api/v2/users/{id}/roles", "POST /api/v2/users/{id}/roles"],
        delete: ["DELETE /api/v2/users/{id}/roles"],
    }),
    "auth0:index/userPermission:UserPermission": () => userPermissionNeeds,
    // resource_permissions.go: the same remove-then-assign upsert as UserRoles.
    "auth0:index/userPermissions:UserPermissions": () => ({
        create: ["POST /api/v2/users/{id}/permissions"],
        read: ["GET /api/v2/users/{id}/permissions"],
        update: ["DELETE /api/v2/users/{id}/permissions", "POST /api/v2/users/{id}/permissions"],
        delete: ["DELETE /api/v2/users/{id}/permissions"],
    }),
};
