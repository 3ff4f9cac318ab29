import { describe, expect, it } from "vitest";
import { computeDrift } from "../../../cli/audit/drift";
import { toResources } from "../../../cli/audit/liveResources";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { GENERATED_API, generatedTenant, type TenantData } from "../../support/fakeTenant/tenantData";

const DOMAIN = "localhost:8443";
const liveData = (d: string) => generatedTenant(d, { clients: 3, managementScopes: ["read:users"] });

/**
 * The declared side in the same resource shapes (the plan's model reduces a program to them): the
 * live tenant with orders-worker-2 and the Management API grant gone, write:orders added to
 * orders-worker-0, the Orders API's lifetime 900, and a declared-only "Reporting job".
 */
function declaredData(d: string): TenantData {
    const data = liveData(d);
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

describe("computeDrift", () => {
    const live = toResources(liveTenantOf(DOMAIN, liveData));
    const applications = [...new Map([...live.objects.values()].filter((o) => o.kind === "application").map((o) => [o.id, o])).values()];
    const declared = toResources(liveTenantOf(DOMAIN, declaredData));
    const drift = computeDrift({ resources: live.resources, applications }, { project: "p", stack: "s", resources: declared.resources });

    it("lists applications that exist only live, and only declared", () => {
        expect(drift.applicationsOnlyLive.map((a) => a.name)).toEqual(["orders-worker-2"]);
        expect(drift.applicationsOnlyDeclared).toEqual(["Reporting job"]);
    });

    it("lists grants by application and audience, live-only and declared-only", () => {
        expect(drift.grantsOnlyLive.map((g) => [g.application, g.audience])).toEqual([
            ["orders-worker-0", `https://${DOMAIN}/api/v2/`],
            ["orders-worker-2", GENERATED_API],
        ]);
        expect(drift.grantsOnlyDeclared.map((g) => [g.application, g.audience, g.scopes])).toEqual([["Reporting job", GENERATED_API, ["read:orders"]]]);
    });

    it("lists scope drift per scope, and a declared lifetime that differs from the live one", () => {
        expect(drift.scopes).toEqual([{ application: "orders-worker-0", audience: GENERATED_API, scope: "write:orders", state: "declared-only" }]);
        expect(drift.apis).toEqual([{ identifier: GENERATED_API, field: "tokenLifetime", detail: "tokenLifetime", live: "3600", declared: "900" }]);
        expect(drift.total).toBe(7);
    });

    it("finds nothing between a tenant and itself", () => {
        expect(computeDrift({ resources: live.resources, applications }, { project: "p", stack: "s", resources: live.resources }).total).toBe(0);
    });
});
