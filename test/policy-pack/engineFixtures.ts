// What engine.process.test.ts sends the pack: resources as the engine marshals them, a small stack
// of raw @pulumi/auth0 resources, and helpers to read the diagnostics back.
import { type AnalyzerResource, type PolicyDiagnostic, resourceReference, UNKNOWN_VALUE } from "../../cli/analyzer";
import { ORDERS_API } from "./builders";
import { T, urnOf } from "./ruleHarness";

export function resource(type: string, name: string, properties: Record<string, unknown>, extra: Partial<AnalyzerResource> = {}): AnalyzerResource {
    return { urn: urnOf(type, name), type, name, properties, ...extra };
}

export const by = (diagnostics: PolicyDiagnostic[], policyName: string) => diagnostics.filter((d) => d.policyName === policyName);
export const show = (diagnostics: PolicyDiagnostic[]) =>
    diagnostics.map((d) => `[${d.policyName} ${d.enforcementLevel}] ${d.urn ?? "(stack)"}\n${d.message}`).join("\n\n");

/**
 * An API with read and write scopes, an M2M worker and a SPA portal, and three grants (one asking
 * an undefined scope, one to the SPA, one wildcard to an API outside the stack). In preview the
 * clients' IDs are unknown, as for new clients.
 */
export function engineStack(preview: boolean): AnalyzerResource[] {
    const worker = urnOf(T.client, "orders-worker");
    const portal = urnOf(T.client, "portal");
    return [
        resource(T.resourceServer, "orders-api", { identifier: ORDERS_API, tokenLifetime: 3_600 }),
        resource(T.resourceServerScopes, "orders-api-scopes", { resourceServerIdentifier: ORDERS_API, scopes: [{ name: "read:orders" }, { name: "write:orders" }] }),
        resource(T.client, "orders-worker", {
            appType: "non_interactive",
            grantTypes: ["client_credentials"],
            tokenQuota: { clientCredentials: { perHour: 1_000 } },
            ...(preview ? { clientId: UNKNOWN_VALUE, id: UNKNOWN_VALUE } : { clientId: "client-w", id: "client-w" }),
        }),
        resource(T.client, "portal", {
            appType: "spa",
            grantTypes: ["authorization_code", "client_credentials"],
            ...(preview ? { clientId: UNKNOWN_VALUE, id: UNKNOWN_VALUE } : { clientId: "client-p", id: "client-p" }),
        }),
        // The engine sends a reference to a custom resource as its id, unknown until it is created.
        resource(
            T.clientGrant,
            "orders-worker-orders",
            { audience: ORDERS_API, clientId: resourceReference(worker, preview ? "" : "client-w"), scopes: ["read:orders", "write:order"] },
            { dependencies: [worker], propertyDependencies: { clientId: [worker] } },
        ),
        resource(
            T.clientGrant,
            "portal-orders",
            { audience: ORDERS_API, clientId: resourceReference(portal, preview ? "" : "client-p"), scopes: ["read:orders"] },
            { dependencies: [portal], propertyDependencies: { clientId: [portal] } },
        ),
        resource(
            T.clientGrant,
            "legacy-reports",
            { audience: "https://reports.example", clientId: resourceReference(worker, preview ? "" : "client-w"), scopes: ["read:*"] },
            { dependencies: [worker], propertyDependencies: { clientId: [worker] } },
        ),
    ];
}
