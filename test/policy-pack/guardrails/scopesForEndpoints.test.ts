import { describe, expect, it } from "vitest";
import { allCatalogueEndpoints, isUserContextScope } from "../../../policy-pack/guardrails";
import { endpointRequirement, MULTI_SCOPE_ENDPOINTS } from "../../../policy-pack/guardrails/endpointRequirements";
import { EndpointScopeError, resolveEndpoint, scopesForEndpoints } from "../../../policy-pack/guardrails/scopesForEndpoints";

describe("MULTI_SCOPE_ENDPOINTS", () => {
    const multiScope = allCatalogueEndpoints().filter((e) => e.scopes.length > 1);

    it("decides every catalogue endpoint that lists more than one scope", () => {
        expect(multiScope).toHaveLength(36);
        const undecided = multiScope.filter((e) => MULTI_SCOPE_ENDPOINTS[e.key] === undefined).map((e) => e.key);
        expect(undecided).toEqual([]);
    });

    it("decides no endpoint the catalogue lacks or lists with one scope", () => {
        const multiKeys = new Set(multiScope.map((e) => e.key as string));
        expect(Object.keys(MULTI_SCOPE_ENDPOINTS).filter((key) => !multiKeys.has(key))).toEqual([]);
    });

    it("only uses scopes the endpoint accepts, and never a user-context scope", () => {
        for (const endpoint of multiScope) {
            for (const clause of endpointRequirement(endpoint).clauses) {
                for (const scope of clause) {
                    expect(endpoint.scopes, endpoint.key).toContain(scope);
                    expect(isUserContextScope(scope), `${endpoint.key}: ${scope}`).toBe(false);
                }
            }
        }
    });

    it('keeps every accepted M2M scope as an alternative on "any of" endpoints', () => {
        for (const endpoint of multiScope) {
            const requirement = endpointRequirement(endpoint);
            if (requirement.kind !== "anyOf") continue;
            const accepted = endpoint.scopes.filter((s) => !isUserContextScope(s));
            expect([...requirement.clauses[0]].sort(), endpoint.key).toEqual([...accepted].sort());
        }
    });
});

describe("scopesForEndpoints", () => {
    it("gives a single-scope endpoint its scope", () => {
        expect(scopesForEndpoints(["GET /api/v2/roles"])).toEqual(["read:roles"]);
    });

    it('picks the least powerful scope of an "any of" endpoint', () => {
        expect(scopesForEndpoints(["GET /api/v2/clients"])).toEqual(["read:client_summary"]);
        expect(scopesForEndpoints(["GET /api/v2/clients/abc"])).toEqual(["read:client_summary"]);
        expect(scopesForEndpoints(["GET /api/v2/logs"])).toEqual(["read:logs_users"]);
    });

    it("follows the 403 text where it names the only scope the endpoint is known to accept", () => {
        expect(scopesForEndpoints(["GET /api/v2/organizations"])).toEqual(["read:organizations"]);
        expect(scopesForEndpoints(["GET /api/v2/organizations/org_1"])).toEqual(["read:organizations"]);
        expect(scopesForEndpoints(["GET /api/v2/jobs/job_1"])).toEqual(["create:users"]);
        expect(scopesForEndpoints(["POST /api/v2/roles/rol_1/users"])).toEqual(["update:roles"]);
        expect(scopesForEndpoints(["POST /api/v2/users/auth0|1/roles"])).toEqual(["update:users"]);
        expect(scopesForEndpoints(["DELETE /api/v2/users/auth0|1/roles"])).toEqual(["update:users"]);
    });

    it('never picks a user-context scope, even where the endpoint lists one first', () => {
        expect(scopesForEndpoints(["GET /api/v2/users/auth0|123"])).toEqual(["read:users"]);
        expect(scopesForEndpoints(["PATCH /api/v2/users/auth0|123"])).toEqual(["update:users_app_metadata"]);
        expect(scopesForEndpoints(["DELETE /api/v2/device-credentials/dc_1"])).toEqual(["delete:device_credentials"]);
    });

    it('grants every scope of an "all of" endpoint', () => {
        expect(scopesForEndpoints(["POST /api/v2/keys/signing/rotate"])).toEqual(["create:signing_keys", "update:signing_keys"]);
        expect(scopesForEndpoints(["GET /api/v2/roles/rol_1/users"])).toEqual(["read:roles", "read:users"]);
        expect(scopesForEndpoints(["GET /api/v2/users/auth0|1/roles"])).toEqual(["read:role_members", "read:roles", "read:users"]);
    });

    it("grants the required scope and the least powerful alternative of the mixed endpoint", () => {
        expect(scopesForEndpoints(["GET /api/v2/clients/abc/connections"])).toEqual(["read:client_summary", "read:connections"]);
    });

    it('reuses a scope another endpoint already needs instead of adding the least powerful alternative', () => {
        // GET /users/{id}/roles needs read:users and read:roles outright; GET /organizations/{id}/roles/{role_id}/members
        // accepts read:roles, so read:organization_members is not added.
        expect(
            scopesForEndpoints(["GET /api/v2/users/{id}/roles", "GET /api/v2/organizations/org_1/roles/rol_1/members"]),
        ).toEqual(["read:role_members", "read:roles", "read:users"]);
        expect(scopesForEndpoints(["GET /api/v2/clients", "GET /api/v2/clients/{id}/connections"])).toEqual([
            "read:client_summary",
            "read:connections",
        ]);
    });

    it("deduplicates and sorts, so the order of endpoints does not matter", () => {
        const endpoints = ["GET /api/v2/users", "GET /api/v2/users/{id}", "GET /api/v2/roles", "GET /api/v2/users"];
        expect(scopesForEndpoints(endpoints)).toEqual(["read:roles", "read:users"]);
        expect(scopesForEndpoints([...endpoints].reverse())).toEqual(["read:roles", "read:users"]);
    });

    it("names every unknown endpoint at once, with the nearest known ones", () => {
        let error: unknown;
        try {
            scopesForEndpoints(["GET /api/v2/user/{id}", "GET /api/v2/roles", "FETCH /api/v2/users"]);
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(EndpointScopeError);
        const problems = (error as EndpointScopeError).problems;
        expect(problems).toHaveLength(2);
        expect(problems[0]).toMatch(/^unknown Management API endpoint "GET \/api\/v2\/user\/\{id\}" \(did you mean "GET \/api\/v2\/users\/\{id\}"/);
        expect(problems[1]).toMatch(/^unknown Management API endpoint "FETCH \/api\/v2\/users"/);
    });

    it("explains the expected shape when the endpoint is not written as METHOD /api/v2/path", () => {
        const resolution = resolveEndpoint("users");
        expect(resolution.ok).toBe(false);
        expect(!resolution.ok && resolution.message).toMatch(/write it as "METHOD \/api\/v2\/path"/);
    });
});
