// From what is live to this project's config shape (infra/config/tenantConfig.ts) and to the
// resource names its components give each object (infra/index.ts names the root TenantAccess
// "tenant"; TenantAccess, Api, ManagementApi and MachineClient name their children
// `${name}-<key>`, `-resource-server`, `-scopes`, `-client`, `-credentials`, `-grant-<api key>`).
// Nothing is narrowed: live scopes, lifetimes and access policies are kept as they are. What the
// components can't express without changing a live object, and what the config check refuses
// (schemaCheck.ts), is left out, with the reason.
import { isCanonicalTenantDomain, isManagementApiAudience, M2M_APP_TYPE, M2M_GRANT_TYPE } from "../../policy-pack/guardrails";
import { API_SIGNING_ALG, COMPONENT_TYPES, MANAGEMENT_API_GRANT_KEY, PROGRAM_ROOT_NAME, RESOURCE_KEY } from "../../infra/library";
import { AUTH0_TYPES } from "../../policy-pack/guardrails";
import { authenticationMethod, systemReason } from "../audit/liveResources";
import type { LiveClient, LiveTenant } from "../audit/liveTenant";
import { adoptedAccess } from "./apiAccess";
import type { Draft, DraftEntry, DraftGrant, DraftMachine, ImportEntry, Skipped } from "./draft";
import { checkDraft, tenantConfigInput } from "./schemaCheck";

export type { ImportEntry, Skipped } from "./draft";

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

// Unset grant types: Auth0 gives a non_interactive client client credentials only.
const onlyClientCredentials = (c: LiveClient) => (c.grant_types ?? [M2M_GRANT_TYPE]).every((g) => g === M2M_GRANT_TYPE);

/** One adopted object's entry: its config, and its component and resources to import, `imports[own]` being its own resource. */
function entry(ref: DraftEntry["ref"], config: Record<string, unknown>, imports: ImportEntry[], own = 1): DraftEntry {
    return { ref, config, imports, resourceName: imports[own].name };
}

/**
 * `configDomain` is the host the stack's `auth0:domain` gets (the config check wants a DNS name, no
 * port). For a custom domain, the canonical one (which the Management API's audience is on) comes
 * from the live Management API's identifier.
 */
export function buildAdoptModel(tenant: LiveTenant, configDomain: string): AdoptModel {
    const management = tenant.resourceServers.find((s) => isManagementApiAudience(s.identifier));
    const canonical = management ? new URL(management.identifier).host : undefined;
    const draft: Draft = {
        root: { domain: configDomain, ...(!isCanonicalTenantDomain(configDomain) && canonical !== undefined && canonical !== configDomain ? { tenantDomain: canonical } : {}) },
        apis: new Map(),
        machines: new Map(),
        skipped: [],
    };
    const keys = new Set<string>();
    if (management?.token_lifetime !== undefined) {
        const component = `${PROGRAM_ROOT_NAME}-management-api`;
        const id = management.id ?? management.identifier;
        draft.management = entry({ id, name: management.name ?? "Auth0 Management API" }, { tokenLifetime: management.token_lifetime }, [
            { type: COMPONENT_TYPES.managementApi, name: component, parent: PROGRAM_ROOT_NAME, component: true },
            { type: AUTH0_TYPES.resourceServer, name: `${component}-resource-server`, id, parent: component },
        ]);
    }
    const apiKeys = addApis(tenant, draft, keys);
    addMachines(tenant, draft, keys, apiKeys);
    checkDraft(draft);
    return assemble(draft);
}

function addApis(tenant: LiveTenant, draft: Draft, keys: Set<string>): Map<string, string> {
    const apiKeys = new Map<string, string>();
    for (const server of tenant.resourceServers) {
        if (isManagementApiAudience(server.identifier)) continue;
        const ref = { id: server.id ?? server.identifier, name: server.name ?? server.identifier };
        const reason = systemReason(server);
        if (reason) {
            draft.skipped.push({ kind: "api", ...ref, reason: `${reason}; not the tenant owner's to manage` });
            continue;
        }
        // The Api component always signs with RS256 (infra/components/api.ts); adopting an API that
        // signs otherwise (auth0 SDK 7.1.0 ResourceServer.signing_alg: HS256, RS256, PS256) would
        // change how its tokens are signed and break every API that verifies them.
        const signingAlg = typeof server.signing_alg === "string" ? server.signing_alg : undefined;
        if (signingAlg !== undefined && signingAlg !== API_SIGNING_ALG) {
            draft.skipped.push({ kind: "api", ...ref, reason: `it signs tokens with ${signingAlg}; the Api component signs with ${API_SIGNING_ALG}, so adopting would break every API that verifies its tokens` });
            continue;
        }
        const access = adoptedAccess(server);
        if (!access.ok) {
            draft.skipped.push({ kind: "api", ...ref, reason: access.reason, fix: access.fix });
            continue;
        }
        const key = keyFor(ref.name, keys);
        apiKeys.set(server.identifier, key);
        const component = `${PROGRAM_ROOT_NAME}-${key}`;
        const config = {
            identifier: server.identifier,
            ...(server.name ? { name: server.name } : {}),
            // Kept as live: the config default (3,600 s) would change a live lifetime.
            ...(server.token_lifetime !== undefined ? { tokenLifetime: server.token_lifetime } : {}),
            ...(server.token_lifetime_for_web !== undefined ? { tokenLifetimeForWeb: server.token_lifetime_for_web } : {}),
            ...(server.allow_offline_access === true ? { allowOfflineAccess: true } : {}),
            scopes: Object.fromEntries((server.scopes ?? []).map((s) => [s.value, s.description ?? ""])),
            ...access.fields,
        };
        draft.apis.set(key, entry(ref, config, [
            { type: COMPONENT_TYPES.api, name: component, parent: PROGRAM_ROOT_NAME, component: true },
            { type: AUTH0_TYPES.resourceServer, name: `${component}-resource-server`, id: ref.id, parent: component },
            { type: AUTH0_TYPES.resourceServerScopes, name: `${component}-scopes`, id: server.identifier, parent: component },
        ]));
    }
    return apiKeys;
}

function addMachines(tenant: LiveTenant, draft: Draft, keys: Set<string>, apiKeys: ReadonlyMap<string, string>): void {
    const grantsByClient = new Map<string, typeof tenant.clientGrants>();
    for (const grant of tenant.clientGrants) {
        if (grant.client_id) grantsByClient.set(grant.client_id, [...(grantsByClient.get(grant.client_id) ?? []), grant]);
        else draft.skipped.push({ kind: "grant", id: grant.id, name: `default for ${grant.default_for ?? "?"} → ${grant.audience}`, reason: "a defaultFor grant has no single application; MachineClient grants each application explicitly" });
    }
    for (const client of tenant.clients) {
        const name = client.name ?? client.client_id;
        const skip = (reason: string) => draft.skipped.push({ kind: "application", id: client.client_id, name, reason });
        if (systemReason(client)) continue;
        if (client.app_type !== M2M_APP_TYPE) {
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
        const component = `${PROGRAM_ROOT_NAME}-${key}`;
        const grants = new Map<string, DraftGrant>();
        for (const grant of grantsByClient.get(client.client_id) ?? []) {
            const apiKey = isManagementApiAudience(grant.audience) ? MANAGEMENT_API_GRANT_KEY : apiKeys.get(grant.audience);
            const ref = { id: grant.id, name: `${name} → ${grant.audience}` };
            if (grant.subject_type === "user") draft.skipped.push({ kind: "grant", ...ref, reason: "a user-access grant (subject_type user); MachineClient manages client-credentials grants only" });
            else if (grant.allow_all_scopes) draft.skipped.push({ kind: "grant", ...ref, reason: "allow_all_scopes can't be expressed in config; list the scopes instead" });
            else if (!apiKey) draft.skipped.push({ kind: "grant", ...ref, reason: "its API is not adopted (Auth0's own, or left out with its reason)" });
            else {
                const grantImport = { type: AUTH0_TYPES.clientGrant, name: `${component}-grant-${apiKey}`, id: grant.id, parent: component };
                grants.set(apiKey, { ...entry(ref, {}, [grantImport], 0), scopes: [...(grant.scope ?? [])] });
            }
        }
        const quota = client.token_quota?.client_credentials;
        const config = {
            name,
            ...(client.description ? { description: client.description.slice(0, 140) } : {}),
            // Kept as live: switching a Basic-auth client to client_secret_post would break it (unset is Auth0's client_secret_post).
            authentication: { method: method === "client_secret_basic" ? "client_secret_basic" : "client_secret_post", secretVersion: 1 },
            ...(quota && (quota.per_hour !== undefined || quota.per_day !== undefined)
                ? { tokenQuota: { ...(quota.per_hour !== undefined ? { perHour: quota.per_hour } : {}), ...(quota.per_day !== undefined ? { perDay: quota.per_day } : {}), enforce: quota.enforce ?? false } }
                : {}),
        };
        const machine: DraftMachine = {
            ...entry({ id: client.client_id, name }, config, [
                { type: COMPONENT_TYPES.machineClient, name: component, parent: PROGRAM_ROOT_NAME, component: true },
                { type: AUTH0_TYPES.client, name: `${component}-client`, id: client.client_id, parent: component },
                { type: AUTH0_TYPES.clientCredentials, name: `${component}-credentials`, id: client.client_id, parent: component },
            ]),
            client,
            grants,
        };
        draft.machines.set(key, machine);
    }
}

/** The checked draft as config, imports and names, in a stable order. */
function assemble(draft: Draft): AdoptModel {
    const input = tenantConfigInput(draft);
    const config: Record<string, unknown> = { "auth0:domain": draft.root.domain };
    if (draft.root.tenantDomain !== undefined) config["auth0-m2m:tenantDomain"] = draft.root.tenantDomain;
    if (input.managementApi !== undefined) config["auth0-m2m:managementApi"] = input.managementApi;
    if (input.apis !== undefined) config["auth0-m2m:apis"] = input.apis;
    if (input.machines !== undefined) config["auth0-m2m:machines"] = input.machines;
    const entries: DraftEntry[] = [
        ...(draft.management ? [draft.management] : []),
        ...draft.apis.values(),
        ...[...draft.machines.values()].flatMap((m) => [m, ...m.grants.values()]),
    ];
    return {
        config,
        imports: [{ type: COMPONENT_TYPES.tenantAccess, name: PROGRAM_ROOT_NAME, component: true }, ...entries.flatMap((e) => e.imports)],
        skipped: draft.skipped,
        names: new Map(entries.map((e) => [e.ref.id, e.resourceName])),
        secretMachines: [...draft.machines.keys()],
        machineClients: new Map([...draft.machines].map(([key, m]) => [key, m.client])),
    };
}
