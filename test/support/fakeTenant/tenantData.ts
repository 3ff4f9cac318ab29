// What the fake tenant holds: Management API objects in the shapes the real API returned
// (test/fixtures/auth0-tenant/recorded.json, copied from recorded traffic), either as recorded or
// generated from those recorded objects for a tenant of any size.
import * as fs from "node:fs";
import * as path from "node:path";
import type { RecordedTenant } from "./extractRecordings";

export type ApiObject = Record<string, unknown>;

export interface TenantData {
    readonly clients: ApiObject[];
    readonly clientGrants: ApiObject[];
    readonly resourceServers: ApiObject[];
    readonly tenantSettings: ApiObject;
}

const RECORDED_FILE = path.resolve(__dirname, "../../fixtures/auth0-tenant/recorded.json");

export function recorded(): RecordedTenant {
    return JSON.parse(fs.readFileSync(RECORDED_FILE, "utf8")) as RecordedTenant;
}

/**
 * The tenant's "All Applications" client. Not in the recordings (the provider never lists clients);
 * its `global` flag is documented on the Management API's Client type ("Whether this is your
 * global 'All Applications' client representing legacy tenant settings", auth0 npm SDK 7.1.0
 * management/api/types). Its other fields are a minimal guess.
 */
export function globalClient(tenant: string): ApiObject {
    return { name: "All Applications", client_id: "GLOBALclientIDfakeTenant0000000", tenant, global: true, callbacks: [], is_first_party: true };
}

function withManagementApiOn(domain: string, server: ApiObject): ApiObject {
    // The recorded Management API belongs to the recording tenant; on the fake tenant its audience is the fake's.
    return server.is_system === true ? { ...server, identifier: `https://${domain}/api/v2/` } : server;
}

/** The recorded tenant as it was, served from `domain`. */
export function recordedTenant(domain: string): TenantData {
    const data = recorded();
    return {
        clients: [globalClient("terraform-provider-auth0-dev"), ...data.clients.map((c) => c.body)],
        clientGrants: data.clientGrants.map((g) => g.body),
        resourceServers: data.resourceServers.map((s) => withManagementApiOn(domain, s.body)),
        tenantSettings: data.tenantSettings.body,
    };
}

export interface GeneratedTenantOptions {
    /** M2M applications, each with one grant on the generated custom API. */
    readonly clients: number;
    /** Management API scopes granted to the first application (none: no Management API grant). */
    readonly managementScopes?: readonly string[];
    /** The custom API's token lifetime, seconds. */
    readonly tokenLifetime?: number;
}

export const GENERATED_API = "https://orders.fake-tenant.example/";

/** A well-kept tenant of `clients` M2M applications, built from the recorded objects' shapes. */
export function generatedTenant(domain: string, options: GeneratedTenantOptions): TenantData {
    const data = recorded();
    const clientTemplate = data.clients.find((c) => c.body.app_type === "non_interactive" && c.body.token_endpoint_auth_method === "client_secret_post")!.body;
    const apiTemplate = data.resourceServers.find((s) => Array.isArray(s.body.scopes) && (s.body.scopes as unknown[]).length > 0 && s.body.is_system !== true)!.body;
    const management = data.resourceServers.find((s) => s.body.is_system === true)!.body;
    const grantTemplate = data.clientGrants.find((g) => typeof g.body.client_id === "string" && g.body.subject_type === "client")!.body;

    const clients: ApiObject[] = [globalClient("fake-tenant")];
    const clientGrants: ApiObject[] = [];
    for (let i = 0; i < options.clients; i++) {
        const clientId = `gen${String(i).padStart(6, "0")}${"x".repeat(23)}`.slice(0, 32);
        clients.push({
            ...clientTemplate,
            name: `orders-worker-${i}`,
            client_id: clientId,
            grant_types: ["client_credentials"],
            token_quota: { client_credentials: { enforce: true, per_hour: 100 } },
        });
        clientGrants.push({
            ...grantTemplate,
            id: `cgr_gen${String(i).padStart(9, "0")}`,
            client_id: clientId,
            audience: GENERATED_API,
            scope: ["read:orders"],
            subject_type: "client",
        });
    }
    if (options.managementScopes && options.clients > 0) {
        clientGrants.push({
            ...grantTemplate,
            id: "cgr_genManagement0",
            client_id: clients[1].client_id,
            audience: `https://${domain}/api/v2/`,
            scope: [...options.managementScopes],
            subject_type: "client",
        });
    }
    return {
        clients,
        clientGrants,
        resourceServers: [
            withManagementApiOn(domain, management),
            {
                ...apiTemplate,
                id: "genOrdersApi000000000000",
                name: "Orders API",
                identifier: GENERATED_API,
                token_lifetime: options.tokenLifetime ?? 3600,
                token_lifetime_for_web: 600,
                // Well kept: closed to applications without a grant (the recorded API is open to all).
                subject_type_authorization: { user: { policy: "deny_all" }, client: { policy: "require_client_grant" } },
                scopes: [
                    { value: "read:orders", description: "Read orders" },
                    { value: "write:orders", description: "Write orders" },
                ],
            },
        ],
        tenantSettings: data.tenantSettings.body,
    };
}
