// Sample tenant configs and how their problems read, for the parseTenantConfig tests.
import { parseTenantConfig } from "../../../infra/config/parseTenantConfig";
import { formatConfigPath } from "../../../infra/config/tenantConfigError";

/** The issue's example config: valid, with every kind of entry. */
export const valid = (): any => ({
    domain: "acme-dev.eu.auth0.com",
    managementApi: { tokenLifetime: 3600 },
    apis: {
        orders: { identifier: "https://orders.acme.example", tokenLifetime: 3600, scopes: { "read:orders": "Read orders", "write:orders": "Write" } },
    },
    machines: {
        "billing-export": {
            description: "Nightly invoice export",
            tokenQuota: { perHour: 20, perDay: 200 },
            grants: { orders: ["read:orders"], management: { endpoints: ["GET /api/v2/users", "GET /api/v2/users/{id}"] } },
        },
    },
});

/** The issues of a config, as the stack-config lines a user would read. */
export function problems(config: unknown): string[] {
    const parsed = parseTenantConfig(config);
    if (parsed.ok) return [];
    return parsed.issues.map((issue) => `${formatConfigPath(issue.path, "stack")}: ${issue.message}`);
}

/** A valid config with one change. */
export function withChange(change: (config: any) => void): unknown {
    const config = valid();
    change(config);
    return config;
}
