// What the scopes listed on a Management API endpoint mean. Auth0 lists several scopes on 36
// endpoints and does not say, in any machine-readable way, whether it wants one or all of them
// (see policy-pack/guardrails/catalogue/data/README.md). Each such endpoint is decided here, by
// hand, from the endpoint's 403 text and Auth0's prose; a test fails when the catalogue gains a
// multi-scope endpoint this table does not decide.
import type { CatalogueEndpoint, ManagementApiEndpoint, ManagementApiScope } from "./catalogue/catalogue";
import { isUserContextScope } from "./scopes";

/**
 * Conjunctive normal form: the app needs one scope from every clause. Within a clause the
 * alternatives run from least to most powerful, so the first is the least-privilege choice.
 */
export type ScopeClauses = readonly (readonly ManagementApiScope[])[];

export type RequirementKind = "single" | "anyOf" | "allOf" | "mixed";

export interface EndpointRequirement {
    readonly kind: RequirementKind;
    readonly clauses: ScopeClauses;
    /** Why the table reads the endpoint this way, where the source is ambiguous. */
    readonly note?: string;
}

const anyOf = (scopes: ManagementApiScope[], note?: string): EndpointRequirement => ({ kind: "anyOf", clauses: [scopes], note });
const allOf = (scopes: ManagementApiScope[], note?: string): EndpointRequirement => ({
    kind: "allOf",
    clauses: scopes.map((s) => [s]),
    note,
});

const clientReads = anyOf(["read:client_summary", "read:clients", "read:client_keys", "read:client_credentials"]);
const logReads = anyOf(["read:logs_users", "read:logs"], "read:logs_users covers user-related events only");
// Where the 403 text (catalogue forbidden403, the spec's own words) names one scope, that scope
// comes first: it is the only machine-readable statement of what the endpoint accepts, and a
// narrower pick it doesn't name may fail with 403.
const organizationReads = anyOf(
    ["read:organizations", "read:organizations_summary"],
    "403 text: any of read:organizations; read:organizations_summary is listed but the 403 text doesn't name it",
);
const jobReads = anyOf(
    ["create:users", "read:users"],
    "403 text: any of create:users; read:users is listed but the 403 text doesn't name it, so it may be refused",
);
const sessionRevocation = anyOf(
    ["delete:sessions", "delete:refresh_tokens"],
    "the 403 text names delete:sessions only, so it comes first",
);

/**
 * Every catalogue endpoint that lists more than one scope, with user-context (`*current_user*`)
 * scopes left out: they are for tokens tied to a logged-in user, never for an M2M grant.
 */
export const MULTI_SCOPE_ENDPOINTS: Readonly<Partial<Record<ManagementApiEndpoint, EndpointRequirement>>> = {
    "GET /api/v2/clients": clientReads,
    "GET /api/v2/clients/{id}": clientReads,
    "GET /api/v2/clients/search": anyOf(["read:client_summary", "read:clients"]),
    "POST /api/v2/clients/cimd/register": allOf(
        ["create:clients", "update:clients"],
        "register creates the client or updates it; with only one scope half its outcomes fail",
    ),
    "PATCH /api/v2/clients/{id}": anyOf(
        ["update:clients", "update:client_credentials", "update:client_keys", "update:client_token_vault_privileged_access"],
        "update:client_keys and update:client_credentials are needed only to change secrets, keys or authentication methods",
    ),
    "GET /api/v2/clients/{id}/connections": {
        kind: "mixed",
        clauses: [["read:connections"], ["read:client_summary", "read:clients"]],
        note: "403 text: read:connections and any of read:clients or read:client_summary",
    },
    "POST /api/v2/connections/{id}/keys/rotate": allOf(["create:connections_keys", "update:connections_keys"]),
    "PUT /api/v2/keys/custom-signing": allOf(["create:custom_signing_keys", "update:custom_signing_keys"]),
    "POST /api/v2/keys/encryption/rekey": allOf(["create:encryption_keys", "update:encryption_keys"]),
    "POST /api/v2/keys/signing/rotate": allOf(["create:signing_keys", "update:signing_keys"]),
    "DELETE /api/v2/device-credentials/{id}": anyOf(["delete:device_credentials"]),
    "GET /api/v2/event-streams/{id}/deliveries": anyOf(
        ["read:event_deliveries", "read:event_streams"],
        "read:event_deliveries reads deliveries only; read:event_streams also reads stream configuration",
    ),
    "GET /api/v2/jobs/{id}": jobReads,
    "GET /api/v2/jobs/{id}/errors": jobReads,
    "GET /api/v2/logs": logReads,
    "GET /api/v2/logs/{id}": logReads,
    "GET /api/v2/users/{id}/logs": logReads,
    "GET /api/v2/organizations": organizationReads,
    "GET /api/v2/organizations/{id}": organizationReads,
    "POST /api/v2/organizations": anyOf(
        ["create:organizations", "create:organization_connections"],
        "the 403 text names create:organizations only, so it comes first",
    ),
    "GET /api/v2/organizations/{id}/roles/{role_id}/members": anyOf(["read:organization_members", "read:roles"]),
    "GET /api/v2/organizations/{organization_id}/roles/{role_id}/groups": anyOf(["read:organization_groups", "read:roles"]),
    "GET /api/v2/roles/{id}/users": allOf(
        ["read:users", "read:roles"],
        "403 text: all of read:users, read:roles (read:role_members is listed but not required)",
    ),
    "GET /api/v2/users/{id}/roles": allOf(["read:users", "read:roles", "read:role_members"]),
    "POST /api/v2/roles/{id}/users": anyOf(
        ["update:roles", "create:role_members"],
        "403 text: expected update:roles; create:role_members is listed but the 403 text doesn't name it",
    ),
    "POST /api/v2/users/{id}/roles": anyOf(
        ["update:users", "create:role_members"],
        "403 text: any of read:roles, update:users; update:users is the one the scope list and the 403 text share",
    ),
    "DELETE /api/v2/users/{id}/roles": anyOf(
        ["update:users", "delete:role_members"],
        "403 text: any of update:users; delete:role_members is listed but the 403 text doesn't name it",
    ),
    "POST /api/v2/sessions/{id}/revoke": sessionRevocation,
    "POST /api/v2/users/{id}/revoke-access": sessionRevocation,
    "GET /api/v2/users": anyOf(["read:users", "read:user_idp_tokens"], "read:user_idp_tokens also returns users' IdP tokens"),
    "GET /api/v2/users/{id}": anyOf(["read:users", "read:user_idp_tokens"], "read:user_idp_tokens also returns users' IdP tokens"),
    "PATCH /api/v2/users/{id}": anyOf(["update:users_app_metadata", "update:users"], "update:users_app_metadata changes app_metadata only"),
    "DELETE /api/v2/users/{id}": anyOf(["delete:users"]),
    "GET /api/v2/users/{id}/enrollments": anyOf(["read:users"]),
    "POST /api/v2/users/{id}/identities": anyOf(["update:users"]),
    "DELETE /api/v2/users/{id}/identities/{provider}/{user_id}": anyOf(["update:users"]),
};

/** The requirement for any catalogue endpoint: the table for multi-scope ones, else its one scope. */
export function endpointRequirement(endpoint: CatalogueEndpoint): EndpointRequirement {
    const decided = MULTI_SCOPE_ENDPOINTS[endpoint.key];
    if (decided) return decided;
    if (endpoint.scopes.length > 1) {
        // Guarded by a test; reaching this means the catalogue was regenerated without deciding.
        throw new Error(`${endpoint.key} lists ${endpoint.scopes.length} scopes but MULTI_SCOPE_ENDPOINTS does not decide what they mean`);
    }
    const m2mScopes = endpoint.scopes.filter((scope) => !isUserContextScope(scope));
    return { kind: "single", clauses: m2mScopes.length > 0 ? [m2mScopes] : [] };
}
