// Captured resources and diagnostics shaped like a real preview of TenantAccess, for the report
// and renderer tests (no processes).
import type { PolicyDiagnostic } from "../../../cli/analyzer";
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE, type CapturedResource } from "../../../cli/program/protocol";
import { AUTH0_TYPES } from "../../../policy-pack/guardrails";
import { type ReportInput } from "../../../cli/report/report";
import { engineUrn } from "../../../cli/program/urn";

export const secret = (value: unknown) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });
export const CLIENT_SECRET_PLAINTEXT = "generated-secret-value-9f8e7d";
export const SECRET_SCOPE = "read:hidden-scope-x1";

const urn = (type: string, name: string, parent?: string) => engineUrn("dev", "proj", type, name, parent);

export function resource(type: string, name: string, properties: Record<string, unknown>, extra: Partial<CapturedResource> = {}): CapturedResource {
    return { urn: urn(type, name, extra.parent), type, name, custom: true, properties, dependencies: [], propertyDependencies: {}, ...extra };
}

const stack = resource("pulumi:pulumi:Stack", "proj-dev", {}, { custom: false });
const tenant = resource("auth0-m2m:index:TenantAccess", "tenant", {}, { custom: false, parent: stack.urn });
const managementApi = resource(
    AUTH0_TYPES.resourceServer,
    "tenant-management-api-resource-server",
    { identifier: "https://acme.eu.auth0.com/api/v2/", name: "Auth0 Management API", tokenLifetime: 3600 },
    { parent: tenant.urn, importId: "https://acme.eu.auth0.com/api/v2/", retainOnDelete: true },
);
const orders = resource(
    AUTH0_TYPES.resourceServer,
    "tenant-orders-resource-server",
    {
        identifier: "https://orders.example",
        name: "Orders API",
        tokenLifetime: 900,
        tokenLifetimeForWeb: 900,
        subjectTypeAuthorization: { client: { policy: "require_client_grant" }, user: { policy: "deny_all" } },
        enforcePolicies: false,
        proofOfPossession: { mechanism: "mtls", required: true },
    },
    { parent: tenant.urn },
);
const orderScopes = resource(
    AUTH0_TYPES.resourceServerScopes,
    "tenant-orders-scopes",
    { resourceServerIdentifier: "https://orders.example", scopes: [{ name: "write:orders" }, { name: "read:orders", description: "Read" }] },
    { parent: tenant.urn, propertyDependencies: { resourceServerIdentifier: [orders.urn] } },
);
const billing = resource(
    AUTH0_TYPES.client,
    "tenant-billing-client",
    { name: "Billing export", appType: "non_interactive", tokenQuota: { clientCredentials: { perHour: 20, perDay: 200, enforce: true } } },
    { parent: tenant.urn },
);
const billingCredentials = resource(
    AUTH0_TYPES.clientCredentials,
    "tenant-billing-credentials",
    { clientId: UNKNOWN_VALUE, authenticationMethod: "client_secret_post", clientSecretWo: secret(CLIENT_SECRET_PLAINTEXT) },
    { parent: tenant.urn, propertyDependencies: { clientId: [billing.urn] } },
);
const billingOrders = resource(
    AUTH0_TYPES.clientGrant,
    "tenant-billing-grant-orders",
    { clientId: UNKNOWN_VALUE, audience: "https://orders.example", scopes: ["read:orders"] },
    { parent: tenant.urn, propertyDependencies: { clientId: [billing.urn], audience: [] } },
);
const billingManagement = resource(
    AUTH0_TYPES.clientGrant,
    "tenant-billing-grant-management",
    { clientId: UNKNOWN_VALUE, audience: "https://acme.eu.auth0.com/api/v2/", scopes: ["read:users", secret(SECRET_SCOPE)] },
    { parent: tenant.urn, propertyDependencies: { clientId: [billing.urn] } },
);
// A client whose name is a secret, with no credentials resource and no quota.
const hidden = resource(AUTH0_TYPES.client, "hidden", { name: secret("Confidential partner"), appType: "non_interactive" }, { parent: stack.urn });
// A grant for a client this program doesn't manage, on an API it doesn't declare.
const external = resource(
    AUTH0_TYPES.clientGrant,
    "external-grant",
    { clientId: "abc123EXTERNAL", audience: "https://partner.example", scopes: ["read:things"] },
    { parent: stack.urn },
);
const reads = resource(AUTH0_TYPES.client, "looked-up", { name: "Existing" }, { read: true, readId: "xyz" });

export const RESOURCES: CapturedResource[] = [
    stack,
    tenant,
    managementApi,
    orders,
    orderScopes,
    billing,
    billingCredentials,
    billingOrders,
    billingManagement,
    hidden,
    external,
    reads,
];

const description = "Client grants must list literal scopes.";
export const DIAGNOSTICS: PolicyDiagnostic[] = [
    {
        policyName: "auth0-m2m-token-quota",
        policyPackName: "auth0-m2m-guardrails",
        policyPackVersion: "0.1.0",
        description: "Quota advice.",
        message: 'Quota advice.\nClient "hidden" has no token quota.',
        enforcementLevel: "advisory",
        urn: hidden.urn,
    },
    {
        policyName: "auth0-management-api-known-scopes",
        policyPackName: "auth0-m2m-guardrails",
        policyPackVersion: "0.1.0",
        description,
        message: `${description}\nClientGrant "tenant-billing-grant-management" asks for "${SECRET_SCOPE}", which | is *not* known.`,
        enforcementLevel: "mandatory",
        urn: billingManagement.urn,
    },
    {
        policyName: "auth0-exemptions-applied",
        policyPackName: "auth0-m2m-guardrails",
        policyPackVersion: "0.1.0",
        description: "Lists suppressed findings.",
        message: "Lists suppressed findings.\nauth0-no-wildcard-scopes did not flag external-grant because of its exemptions[0].",
        enforcementLevel: "advisory",
        urn: external.urn,
    },
    {
        policyName: "auth0-stack-wide",
        policyPackName: "auth0-m2m-guardrails",
        policyPackVersion: "0.1.0",
        description: "",
        message: "A stack-wide finding.",
        enforcementLevel: "advisory",
    },
];

export const INPUT: ReportInput = {
    tool: { name: "auth0-m2m", version: "0.1.0" },
    project: "proj",
    stack: "dev",
    policyPack: { name: "auth0-m2m-guardrails", version: "0.1.0" },
    resources: RESOURCES,
    diagnostics: DIAGNOSTICS,
    notes: ["Pulumi.dev.yaml imports Pulumi ESC environments."],
};

export const URNS = { stack, tenant, managementApi, orders, billing, billingOrders, billingManagement, hidden, external };
