// Happy-path resources for rule tests: each passes every rule; a test changes only what it tests.
import { type ResourceSpec, T } from "./ruleHarness";

export const MANAGEMENT_API = "https://acme.eu.auth0.com/api/v2/";
export const ORDERS_API = "https://orders.example";

type Props = Record<string, unknown>;

export function grant(name = "orders-worker-orders", props: Props = {}, links: Partial<ResourceSpec> = {}): ResourceSpec {
    return {
        type: T.clientGrant,
        name,
        props: { audience: ORDERS_API, clientId: "client-orders-worker", scopes: ["read:orders"], ...props },
        ...links,
    };
}

export function managementGrant(name = "orders-worker-mgmt", scopes: unknown[] = ["read:users"], props: Props = {}): ResourceSpec {
    return grant(name, { audience: MANAGEMENT_API, scopes, ...props });
}

export function api(name = "orders-api", props: Props = {}): ResourceSpec {
    return {
        type: T.resourceServer,
        name,
        props: { identifier: ORDERS_API, name: "Orders", tokenLifetime: 3_600, tokenLifetimeForWeb: 1_800, ...props },
    };
}

export function apiScopes(name = "orders-api-scopes", scopes: unknown[] = ["read:orders", "write:orders"], props: Props = {}): ResourceSpec {
    return {
        type: T.resourceServerScopes,
        name,
        props: {
            resourceServerIdentifier: ORDERS_API,
            scopes: scopes.map((scope) => (typeof scope === "string" ? { name: scope, description: `Allows ${scope}` } : scope)),
            ...props,
        },
    };
}

export function apiScope(name: string, scope: unknown, props: Props = {}): ResourceSpec {
    return { type: T.resourceServerScope, name, props: { resourceServerIdentifier: ORDERS_API, scope, ...props } };
}

export function m2mClient(name = "orders-worker", props: Props = {}): ResourceSpec {
    return {
        type: T.client,
        name,
        props: {
            name: "Orders worker",
            appType: "non_interactive",
            grantTypes: ["client_credentials"],
            clientId: "client-orders-worker",
            id: "client-orders-worker",
            tokenQuota: { clientCredentials: { perHour: 1_000, enforce: true } },
            ...props,
        },
    };
}

export function credentials(name: string, props: Props = {}): ResourceSpec {
    return { type: T.clientCredentials, name, props: { clientId: "client-orders-worker", authenticationMethod: "private_key_jwt", ...props } };
}

export function exemption(resource: string, options: { reason?: string; expires?: string; scopes?: string[] } = {}) {
    return {
        resource,
        reason: options.reason ?? "Legacy integration, replacement tracked in SEC-123",
        expires: options.expires ?? "2026-06-30",
        ...(options.scopes ? { scopes: options.scopes } : {}),
    };
}
