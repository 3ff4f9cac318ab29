import { describe, expect, it } from "vitest";
import { liveModel } from "../../../cli/audit/auditReport";
import { computeDrift, declaredModel } from "../../../cli/audit/drift";
import { toResources, type LiveResources } from "../../../cli/audit/liveResources";
import type { LiveTenant } from "../../../cli/audit/liveTenant";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { GENERATED_API, generatedTenant, type TenantData } from "../../support/fakeTenant/tenantData";

const DOMAIN = "localhost:8443";
/** The generated tenant, plus two user-facing apps: a SPA with no grant, and a web app with a user grant. */
function liveData(d: string): TenantData {
    const data = generatedTenant(d, { clients: 3, managementScopes: ["read:users"] });
    const spa = { ...data.clients[1], name: "Storefront SPA", client_id: "spa00000000000000000000000000000", app_type: "spa", grant_types: ["authorization_code"] };
    const web = { ...data.clients[1], name: "Back office", client_id: "web00000000000000000000000000000", app_type: "regular_web", grant_types: ["authorization_code"] };
    const userGrant = { ...data.clientGrants[0], id: "cgr_web", client_id: web.client_id, subject_type: "user", scope: ["read:orders"] };
    return { ...data, clients: [...data.clients, spa, web], clientGrants: [...data.clientGrants, userGrant] };
}

/**
 * The declared side in the same resource shapes (the plan's model reduces a program to them): the
 * live tenant with orders-worker-2 and the Management API grant gone, write:orders added to
 * orders-worker-0, the Orders API's lifetime 900, and a declared-only "Reporting job".
 */
function declaredData(d: string): TenantData {
    const data = generatedTenant(d, { clients: 3, managementScopes: ["read:users"] });
    const worker2 = data.clients.find((c) => c.name === "orders-worker-2")!.client_id;
    const clients = data.clients.filter((c) => c.client_id !== worker2);
    clients.push({ ...clients[1], name: "Reporting job", client_id: "reporting00000000000000000000000" });
    const clientGrants = data.clientGrants
        .filter((g) => g.client_id !== worker2 && g.id !== "cgr_genManagement0")
        .map((g) => (g.id === "cgr_gen000000000" ? { ...g, scope: ["read:orders", "write:orders"] } : g));
    clientGrants.push({ ...clientGrants[1], id: "cgr_reporting", client_id: "reporting00000000000000000000000" });
    const resourceServers = data.resourceServers.map((s) => (s.identifier === GENERATED_API ? { ...s, token_lifetime: 900 } : s));
    return { ...data, clients, clientGrants, resourceServers };
}

const modelOf = (tenant: LiveTenant, live: LiveResources) => liveModel({ tool: { name: "t", version: "0" }, tenant, live, pack: { name: "p", version: "0" }, diagnostics: [] });

describe("computeDrift", () => {
    const tenant = liveTenantOf(DOMAIN, liveData);
    const live = toResources(tenant);
    const model = modelOf(tenant, live);
    const declaredTenant = liveTenantOf(DOMAIN, declaredData);
    const declared = declaredModel({ project: "p", stack: "s", resources: toResources(declaredTenant).resources });
    const drift = computeDrift({ report: model, objects: live.objects }, declared);

    it("compares applications like with like: client-credentials apps, and other apps only when they hold grants", () => {
        // The SPA without a grant is not this tool's business; the web app's user grant is.
        expect(drift.applicationsOnlyLive.map((a) => [a.name, a.id])).toEqual([
            ["orders-worker-2", expect.stringMatching(/^gen000002/)],
            ["Back office", "web00000000000000000000000000000"],
        ]);
        expect(drift.applicationsOnlyDeclared).toEqual(["Reporting job"]);
    });

    it("lists grants by application, audience and subject type, live-only and declared-only", () => {
        expect(drift.grantsOnlyLive.map((g) => [g.machine, g.audience, g.subjectType])).toEqual([
            ["Back office", GENERATED_API, "user"],
            ["orders-worker-0", `https://${DOMAIN}/api/v2/`, "client"],
            ["orders-worker-2", GENERATED_API, "client"],
        ]);
        expect(drift.grantsOnlyDeclared.map((g) => [g.machine, g.audience, g.scopes])).toEqual([["Reporting job", GENERATED_API, ["read:orders"]]]);
    });

    it("lists scope drift per scope, and a declared lifetime that differs from the live one", () => {
        expect(drift.scopes).toEqual([{ machine: "orders-worker-0", audience: GENERATED_API, subjectType: "client", scope: "write:orders", state: "declared-only" }]);
        expect(drift.apis).toEqual([{ identifier: GENERATED_API, field: "tokenLifetime", detail: "tokenLifetime", live: "3600", declared: "900" }]);
        expect(drift.total).toBe(9);
    });

    it("finds nothing between a tenant and itself", () => {
        const itself = declaredModel({ project: "p", stack: "s", resources: live.resources });
        expect(computeDrift({ report: model, objects: live.objects }, itself).total).toBe(0);
    });
});
