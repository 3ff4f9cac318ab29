import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
    classifyManagementScopes,
    closestEndpoints,
    closestManagementApiScopes,
    findEndpoint,
    isManagementApiScope,
    MANAGEMENT_API_ENDPOINTS,
    MANAGEMENT_API_SCOPES,
} from "../../../policy-pack/guardrails";
import { GENERATED_MODULE, readCatalogueData, renderCatalogueModule } from "../../../policy-pack/guardrails/catalogue/generate";

describe("generated Management API catalogue", () => {
    it("matches the JSON data it was generated from (run `npm run catalogue:generate` if not)", () => {
        const { endpoints, scopes } = readCatalogueData();
        expect(fs.readFileSync(GENERATED_MODULE, "utf8")).toBe(renderCatalogueModule(endpoints, scopes));
    });

    it("holds the whole catalogue: 469 endpoints and 253 scopes", () => {
        expect(MANAGEMENT_API_ENDPOINTS).toHaveLength(469);
        expect(MANAGEMENT_API_SCOPES).toHaveLength(253);
    });

    it("refuses data whose endpoints name a scope the scope list lacks", () => {
        expect(() =>
            renderCatalogueModule([{ method: "GET", path: "/api/v2/x", scopes: ["read:x"] }], []),
        ).toThrow('GET /api/v2/x lists scope "read:x", which the scope file lacks');
    });
});

describe("findEndpoint", () => {
    it.each([
        ["GET /api/v2/users/{id}", "GET /api/v2/users/{id}"],
        ["GET /api/v2/users/auth0|123", "GET /api/v2/users/{id}"],
        ["get /api/v2/users/auth0|123?fields=email", "GET /api/v2/users/{id}"],
        ["DELETE /api/v2/clients/abc", "DELETE /api/v2/clients/{id}"],
        ["GET /api/v2/clients/search", "GET /api/v2/clients/search"],
        ["GET /api/v2/clients/abc/connections", "GET /api/v2/clients/{id}/connections"],
        ["GET /api/v2/users/", "GET /api/v2/users"],
    ])("%s is %s", (request, key) => {
        expect(findEndpoint(request)?.key).toBe(key);
    });

    it("gives the scopes the endpoint accepts, in the source's order", () => {
        expect(findEndpoint("GET /api/v2/users/auth0|123")?.scopes).toEqual([
            "read:users",
            "read:current_user",
            "read:user_idp_tokens",
        ]);
    });

    it.each(["GET /api/v2/nope", "PUT /api/v2/users", "GET api/v2/users", "users", "GET /api/v2/users/a/b/c/d/e"])(
        "knows nothing of %s",
        (request) => expect(findEndpoint(request)).toBeUndefined(),
    );

    it("suggests the nearest known endpoints for a typo", () => {
        expect(closestEndpoints("GET /api/v2/user/{id}")[0]).toBe("GET /api/v2/users/{id}");
    });
});

describe("scopes", () => {
    it("knows catalogue scopes and suggests the nearest for a typo", () => {
        expect(isManagementApiScope("read:users")).toBe(true);
        expect(isManagementApiScope("read:user")).toBe(false);
        expect(closestManagementApiScopes("read:user")[0]).toBe("read:users");
    });
});

describe("classifyManagementScopes", () => {
    it("treats scopes named like Object.prototype members as unknown scopes, not escalations", () => {
        const found = classifyManagementScopes(["constructor", "toString"]);
        expect(found.escalation).toEqual([]);
        expect(found.unknown.map((u) => u.scope)).toEqual(["constructor", "toString"]);
    });
});
