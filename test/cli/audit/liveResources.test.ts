import { describe, expect, it } from "vitest";
import { authenticationMethod, systemReason, toResources } from "../../../cli/audit/liveResources";
import { AUTH0_TYPES, MANAGEMENT_API_NAME } from "../../../policy-pack/guardrails";
import { apiAccessPolicies } from "../../../policy-pack/policies/apiAccessPolicies";
import { expectClean, expectViolations, ruleDeps, runResource } from "../../policy-pack/ruleHarness";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { GENERATED_API, generatedTenant, recordedTenant } from "../../support/fakeTenant/tenantData";

const DOMAIN = "localhost:8443";

describe("toResources", () => {
    const live = toResources(liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2, managementScopes: ["read:users"] })));
    const ofType = (type: string) => live.resources.filter((r) => r.type === type);

    it("maps each live object to the provider's resource shape, named by its live id", () => {
        expect(ofType(AUTH0_TYPES.client).map((r) => r.properties)).toContainEqual({
            name: "orders-worker-0",
            clientId: expect.stringMatching(/^gen000000/),
            appType: "non_interactive",
            grantTypes: ["client_credentials"],
            tokenQuota: { clientCredentials: { enforce: true, perHour: 100 } },
        });
        const grant = ofType(AUTH0_TYPES.clientGrant).find((r) => r.name === "cgr_gen000000001")!;
        expect(grant.properties).toEqual({ audience: GENERATED_API, scopes: ["read:orders"], clientId: expect.any(String), subjectType: "client" });
        // The grant points at its client the way a program's would, so the access model links them.
        expect(grant.propertyDependencies.clientId).toEqual([ofType(AUTH0_TYPES.client)[1].urn]);
        expect(ofType(AUTH0_TYPES.clientCredentials).map((r) => r.properties.authenticationMethod)).toEqual(["client_secret_post", "client_secret_post"]);
        expect(ofType(AUTH0_TYPES.resourceServerScopes)).toHaveLength(1);
    });

    it("judges the Management API's lifetime under the provider's name for it, without its scope catalogue", () => {
        const management = ofType(AUTH0_TYPES.resourceServer).find((r) => r.properties.identifier === `https://${DOMAIN}/api/v2/`)!;
        expect(management.properties.name).toBe(MANAGEMENT_API_NAME);
        expect(management.properties).not.toHaveProperty("tokenLifetimeForWeb");
        expect(ofType(AUTH0_TYPES.resourceServerScopes).every((r) => r.properties.resourceServerIdentifier === GENERATED_API)).toBe(true);
    });

    it("names every resource's live object, and sets Auth0's own objects aside with the reason", () => {
        expect(live.resources.every((r) => live.objects.has(r.urn))).toBe(true);
        expect(live.objects.get(ofType(AUTH0_TYPES.clientGrant)[0].urn)).toEqual({ kind: "grant", id: "cgr_gen000000000", name: `orders-worker-0 → Orders API` });
        expect(live.system).toEqual([{ kind: "application", id: "GLOBALclientIDfakeTenant0000000", name: "All Applications", system: expect.stringContaining("global") }]);

        const recorded = toResources(liveTenantOf(DOMAIN, recordedTenant));
        expect(recorded.resources.some((r) => r.name === "GLOBALclientIDfakeTenant0000000")).toBe(false);
    });
});

describe("toResources: API access policies", () => {
    const recorded = toResources(liveTenantOf(DOMAIN, recordedTenant));
    const server = (name: string) => recorded.resources.find((r) => r.type === AUTH0_TYPES.resourceServer && r.properties.name === name)!;
    const policy = apiAccessPolicies(ruleDeps());

    it("maps subject_type_authorization, enforce_policies, token_dialect and proof_of_possession to the provider's inputs", () => {
        expect(server("Acceptance Test - TestAccResourceServer").properties).toMatchObject({
            subjectTypeAuthorization: { client: { policy: "deny_all" }, user: { policy: "deny_all" } },
            enforcePolicies: true,
            tokenDialect: "rfc9068_profile_authz",
            proofOfPossession: { mechanism: "mtls", required: true },
        });
        // Left unset where the tenant reports nothing, as a program that sets nothing would be.
        expect(server("Example API").properties).not.toHaveProperty("enforcePolicies");
        expect(server(MANAGEMENT_API_NAME).properties).not.toHaveProperty("subjectTypeAuthorization");
    });

    it("lets the pack's access-policy rule judge what is live: a live allow_all API is flagged, a closed one is not", async () => {
        const judge = (name: string) => runResource(policy, { type: AUTH0_TYPES.resourceServer, name, props: server(name).properties });
        expectViolations(await judge("Example API"), [/sets user access "allow_all": any application in the tenant can get a user's token for it, with RBAC off/]);
        expectClean(await judge("Acceptance Test - TestAccResourceServer"));
    });
});

describe("systemReason and authenticationMethod", () => {
    it.each([
        [{ client_id: "c", global: true }, "global"],
        [{ identifier: "https://x/", is_system: true }, "an API Auth0 provides"],
        [{ id: "cgr_1", audience: "https://x/", is_system: true }, "a grant Auth0 created"],
        [{ client_id: "c" }, undefined],
    ])("%j", (object, reason) => {
        const found = systemReason(object as Parameters<typeof systemReason>[0]);
        if (reason === undefined) expect(found).toBeUndefined();
        else expect(found).toContain(reason);
    });

    it("prefers a key or certificate method over token_endpoint_auth_method", () => {
        expect(authenticationMethod({ client_id: "c", token_endpoint_auth_method: "none", client_authentication_methods: { private_key_jwt: { credentials: [] } } })).toBe("private_key_jwt");
        expect(authenticationMethod({ client_id: "c", token_endpoint_auth_method: "client_secret_basic" })).toBe("client_secret_basic");
        expect(authenticationMethod({ client_id: "c" })).toBeUndefined();
    });
});
