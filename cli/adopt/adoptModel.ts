// From what is live to this project's config shape (infra/config/tenantConfig.ts) and to the
// resource names its components give each object (infra/index.ts names the root TenantAccess
// "tenant"; TenantAccess, Api, ManagementApi and MachineClient name their children
// `${name}-<key>`, `-resource-server`, `-scopes`, `-client`, `-credentials`, `-grant-<api key>`).
// Nothing is narrowed: live scopes and lifetimes are kept as they are. What the components can't
// express without changing a live object is left out, with the reason.
import { isManagementApiAudience } from "../../policy-pack/guardrails";
import { MANAGEMENT_API_GRANT_KEY, RESOURCE_KEY } from "../../infra/library";
import { AUTH0_TYPES } from "../../policy-pack/guardrails";
import { authenticationMethod, systemReason } from "../audit/liveResources";
import type { LiveClient, LiveTenant } from "../audit/liveTenant";

/** The signing algorithm the Api component sets on every API it manages (infra/components/api.ts). */
const API_SIGNING_ALG = "RS256";

/** The root component's name in this project's program (infra/index.ts). */
export const ROOT_NAME = "tenant";

export interface ImportEntry {
    readonly type: string;
    readonly name: string;
    readonly id?: string;
    readonly parent?: string;
    readonly component?: true;
}

export interface Skipped {
    readonly kind: "application" | "grant" | "api";
    readonly id: string;
    readonly name: string;
    readonly reason: string;
}

export interface AdoptModel {
    /** The `config:` section of Pulumi.<stack>.yaml. */
    readonly config: Record<string, unknown>;
    readonly imports: ImportEntry[];
    readonly skipped: Skipped[];
    /** Live object id → the logical name its adopted resource gets (findings and exemptions name these). */
    readonly names: ReadonlyMap<string, string>;
    /** Machines that authenticate with a secret: rotation through secretVersion replaces the live one. */
    readonly secretMachines: string[];
    /** Machine key → its live client, for proposals. */
    readonly machineClients: ReadonlyMap<string, LiveClient>;
}

/** A config key (it names resources) from a display name: lower-case letters, digits, hyphens; unique. */
export function keyFor(name: string, taken: Set<string>): string {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "") || "item";
    let key = base;
    for (let n = 2; taken.has(key) || !RESOURCE_KEY.test(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return key;
}

const onlyClientCredentials = (c: LiveClient) => (c.grant_types ?? ["client_credentials"]).every((g) => g === "client_credentials");

export function buildAdoptModel(tenant: LiveTenant, domain: string): AdoptModel {
    const imports: ImportEntry[] = [{ type: "auth0-m2m:index:TenantAccess", name: ROOT_NAME, component: true }];
    const skipped: Skipped[] = [];
    const names = new Map<string, string>();
    const keys = new Set<string>();
    // A stack's auth0:domain is a host name (the config check rejects a port); a port only appears
    // behind a proxy or a test tenant, where the Management API audience keeps it.
    const config: Record<string, unknown> = { "auth0:domain": domain.replace(/:\d+$/, "") };

    const management = tenant.resourceServers.find((s) => isManagementApiAudience(s.identifier));
    if (management?.token_lifetime !== undefined) {
        config["auth0-m2m:managementApi"] = { tokenLifetime: management.token_lifetime };
        const component = `${ROOT_NAME}-management-api`;
        imports.push({ type: "auth0-m2m:index:ManagementApi", name: component, parent: ROOT_NAME, component: true });
        imports.push({ type: AUTH0_TYPES.resourceServer, name: `${component}-resource-server`, id: management.id ?? management.identifier, parent: component });
        names.set(management.id ?? management.identifier, `${component}-resource-server`);
    }

    const apiKeys = new Map<string, string>();
    const apis: Record<string, unknown> = {};
    for (const server of tenant.resourceServers) {
        if (isManagementApiAudience(server.identifier)) continue;
        const reason = systemReason(server);
        if (reason) {
            skipped.push({ kind: "api", id: server.id ?? server.identifier, name: server.name ?? server.identifier, reason: `${reason}; not the tenant owner's to manage` });
            continue;
        }
        // The Api component always signs with RS256 (infra/components/api.ts); adopting an API that
        // signs otherwise (auth0 SDK 7.1.0 ResourceServer.signing_alg: HS256, RS256, PS256) would
        // change how its tokens are signed and break every API that verifies them.
        const signingAlg = typeof server.signing_alg === "string" ? server.signing_alg : undefined;
        if (signingAlg !== undefined && signingAlg !== API_SIGNING_ALG) {
            skipped.push({ kind: "api", id: server.id ?? server.identifier, name: server.name ?? server.identifier, reason: `it signs tokens with ${signingAlg}; the Api component signs with ${API_SIGNING_ALG}, so adopting would break every API that verifies its tokens` });
            continue;
        }
        const key = keyFor(server.name ?? server.identifier, keys);
        apiKeys.set(server.identifier, key);
        apis[key] = {
            identifier: server.identifier,
            ...(server.name ? { name: server.name } : {}),
            // Kept as live: the config default (3,600 s) would change a live lifetime.
            ...(server.token_lifetime !== undefined ? { tokenLifetime: server.token_lifetime } : {}),
            ...(server.token_lifetime_for_web !== undefined ? { tokenLifetimeForWeb: server.token_lifetime_for_web } : {}),
            ...(server.allow_offline_access === true ? { allowOfflineAccess: true } : {}),
            scopes: Object.fromEntries((server.scopes ?? []).map((s) => [s.value, s.description ?? ""])),
        };
        const component = `${ROOT_NAME}-${key}`;
        imports.push({ type: "auth0-m2m:index:Api", name: component, parent: ROOT_NAME, component: true });
        imports.push({ type: AUTH0_TYPES.resourceServer, name: `${component}-resource-server`, id: server.id ?? server.identifier, parent: component });
        imports.push({ type: AUTH0_TYPES.resourceServerScopes, name: `${component}-scopes`, id: server.identifier, parent: component });
        names.set(server.id ?? server.identifier, `${component}-resource-server`);
    }
    if (Object.keys(apis).length > 0) config["auth0-m2m:apis"] = apis;

    const machines: Record<string, unknown> = {};
    const secretMachines: string[] = [];
    const machineClients = new Map<string, LiveClient>();
    const grantsByClient = new Map<string, typeof tenant.clientGrants>();
    for (const grant of tenant.clientGrants) {
        if (grant.client_id) grantsByClient.set(grant.client_id, [...(grantsByClient.get(grant.client_id) ?? []), grant]);
        else skipped.push({ kind: "grant", id: grant.id, name: `default for ${grant.default_for ?? "?"} → ${grant.audience}`, reason: "a defaultFor grant has no single application; MachineClient grants each application explicitly" });
    }
    for (const client of tenant.clients) {
        const name = client.name ?? client.client_id;
        const skip = (reason: string) => skipped.push({ kind: "application", id: client.client_id, name, reason });
        const reason = systemReason(client);
        if (reason) continue;
        if (client.app_type !== "non_interactive") {
            if (grantsByClient.has(client.client_id)) skip(`app_type is ${client.app_type ?? "unset"}: MachineClient would make it non_interactive and break its user sign-in`);
            continue;
        }
        if (!onlyClientCredentials(client)) {
            skip(`grant_types ${JSON.stringify(client.grant_types)}: MachineClient allows only client_credentials, so adopting would remove the others from a running application`);
            continue;
        }
        const method = authenticationMethod(client);
        if (method !== "client_secret_post" && method !== "client_secret_basic" && method !== undefined) {
            skip(`authenticates with ${method}; its public keys can't be read with read-only scopes (read:client_credentials is an escalation scope), so add them to the config by hand`);
            continue;
        }
        const key = keyFor(name, keys);
        const component = `${ROOT_NAME}-${key}`;
        const grants: Record<string, string[]> = {};
        const grantImports: ImportEntry[] = [];
        for (const grant of grantsByClient.get(client.client_id) ?? []) {
            const apiKey = isManagementApiAudience(grant.audience) ? MANAGEMENT_API_GRANT_KEY : apiKeys.get(grant.audience);
            const grantName = `${name} → ${grant.audience}`;
            if (grant.subject_type === "user") skipped.push({ kind: "grant", id: grant.id, name: grantName, reason: "a user-access grant (subject_type user); MachineClient manages client-credentials grants only" });
            else if (grant.allow_all_scopes) skipped.push({ kind: "grant", id: grant.id, name: grantName, reason: "allow_all_scopes can't be expressed in config; list the scopes instead" });
            else if (!apiKey) skipped.push({ kind: "grant", id: grant.id, name: grantName, reason: "its API is not adopted (Auth0's own, or left out with its reason)" });
            else {
                grants[apiKey] = [...(grant.scope ?? [])];
                grantImports.push({ type: AUTH0_TYPES.clientGrant, name: `${component}-grant-${apiKey}`, id: grant.id, parent: component });
                names.set(grant.id, `${component}-grant-${apiKey}`);
            }
        }
        const quota = client.token_quota?.client_credentials;
        machines[key] = {
            name,
            ...(client.description ? { description: client.description.slice(0, 140) } : {}),
            authentication: { method: "client_secret_post", secretVersion: 1 },
            ...(quota && (quota.per_hour !== undefined || quota.per_day !== undefined)
                ? { tokenQuota: { ...(quota.per_hour !== undefined ? { perHour: quota.per_hour } : {}), ...(quota.per_day !== undefined ? { perDay: quota.per_day } : {}), enforce: quota.enforce ?? false } }
                : {}),
            grants,
        };
        secretMachines.push(key);
        machineClients.set(key, client);
        imports.push({ type: "auth0-m2m:index:MachineClient", name: component, parent: ROOT_NAME, component: true });
        imports.push({ type: AUTH0_TYPES.client, name: `${component}-client`, id: client.client_id, parent: component });
        imports.push({ type: AUTH0_TYPES.clientCredentials, name: `${component}-credentials`, id: client.client_id, parent: component });
        imports.push(...grantImports);
        names.set(client.client_id, `${component}-client`);
    }
    if (Object.keys(machines).length > 0) config["auth0-m2m:machines"] = machines;
    return { config, imports, skipped, names, secretMachines, machineClients };
}
