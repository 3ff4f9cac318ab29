// Live objects as the resources a Pulumi program would declare for them: @pulumi/auth0 3.49.0's
// type tokens and camelCase input names (node_modules/@pulumi/auth0/{client,clientGrant,
// clientCredentials,resourceServer,resourceServerScopes}.d.ts), which is what the policy pack reads
// (policy-pack/support/resources.ts). Each resource's logical name is the live object's id, so a
// policy-config exemption can name a live object (`"resource": "cgr_..."`) and the name is stable.
// Auth0's own objects are recognised and left out: they are not the user's to fix.
import { isManagementApiAudience, MANAGEMENT_API_NAME } from "../../policy-pack/guardrails";
import type { CapturedResource } from "../program/protocol";
import { AUTH0_TYPES } from "../../policy-pack/guardrails";
import type { LiveClient, LiveGrant, LiveResourceServer, LiveTenant } from "./liveTenant";

export const AUDIT_PROJECT = "auth0-m2m-audit";
export const AUDIT_STACK = "live";

export type LiveKind = "application" | "grant" | "api";

/** A live object the report can name: its kind, display name and id. */
export interface LiveObject {
    readonly kind: LiveKind;
    readonly id: string;
    readonly name: string;
    /** Why it is Auth0's own, when it is. */
    readonly system?: string;
}

export interface LiveResources {
    readonly resources: CapturedResource[];
    /** URN → the live object it stands for (a ClientCredentials resource maps to its application). */
    readonly objects: ReadonlyMap<string, LiveObject>;
    /** Auth0's own objects: recognised, listed, not judged. */
    readonly system: readonly LiveObject[];
}

const urnOf = (type: string, name: string) => `urn:pulumi:${AUDIT_STACK}::${AUDIT_PROJECT}::${type}::${name}`;

/** Why Auth0 owns this object, or undefined when it is the user's. */
export function systemReason(object: LiveClient | LiveGrant | LiveResourceServer): string | undefined {
    // `global` marks the "All Applications" client and `is_system` an API or grant Auth0 created
    // (auth0 npm SDK 7.1.0 Management types: Client.global, ResourceServer.is_system, ClientGrant.is_system).
    if ("global" in object && object.global === true) return "the tenant's global \"All Applications\" client (legacy tenant settings)";
    if ("is_system" in object && object.is_system === true) {
        return "identifier" in object ? "an API Auth0 provides" : "a grant Auth0 created (it can't be modified or deleted directly)";
    }
    return undefined;
}

/**
 * How the client authenticates at the token endpoint, as ClientCredentials' `authenticationMethod`
 * (@pulumi/auth0 3.49.0 clientCredentials.d.ts: none, client_secret_post, client_secret_basic,
 * private_key_jwt, tls_client_auth, self_signed_tls_client_auth). Undefined when the client sets none.
 */
export function authenticationMethod(client: LiveClient): string | undefined {
    const methods = client.client_authentication_methods;
    if (methods && typeof methods === "object") {
        for (const key of ["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"]) {
            if ((methods as Record<string, unknown>)[key]) return key;
        }
    }
    return client.token_endpoint_auth_method;
}

function clientResources(client: LiveClient): CapturedResource[] {
    const urn = urnOf(AUTH0_TYPES.client, client.client_id);
    const quota = client.token_quota?.client_credentials;
    const resources: CapturedResource[] = [
        resource(AUTH0_TYPES.client, client.client_id, {
            name: client.name ?? client.client_id,
            clientId: client.client_id,
            ...(client.app_type !== undefined ? { appType: client.app_type } : {}),
            ...(client.grant_types !== undefined ? { grantTypes: client.grant_types } : {}),
            ...(client.description ? { description: client.description } : {}),
            ...(quota ? { tokenQuota: { clientCredentials: defined({ enforce: quota.enforce, perDay: quota.per_day, perHour: quota.per_hour }) } } : {}),
        }),
    ];
    const method = authenticationMethod(client);
    if (method !== undefined) {
        resources.push(resource(AUTH0_TYPES.clientCredentials, `${client.client_id}-credentials`, { clientId: client.client_id, authenticationMethod: method }, { clientId: [urn] }));
    }
    return resources;
}

function serverResources(server: LiveResourceServer, management: boolean): CapturedResource[] {
    const name = server.id ?? server.identifier;
    const resources = [
        resource(AUTH0_TYPES.resourceServer, name, {
            identifier: server.identifier,
            // The provider recognises the Management API by this name (PITFALLS.md, provider behaviours).
            name: management ? MANAGEMENT_API_NAME : (server.name ?? server.identifier),
            ...(server.token_lifetime !== undefined ? { tokenLifetime: server.token_lifetime } : {}),
            // The provider never sends the Management API's web lifetime, and the pack does not judge it there.
            ...(server.token_lifetime_for_web !== undefined && !management ? { tokenLifetimeForWeb: server.token_lifetime_for_web } : {}),
            ...(management ? {} : accessProperties(server)),
        }),
    ];
    // The Management API's scopes are Auth0's catalogue, not definitions the user owns.
    if (!management) {
        const serverUrn = urnOf(AUTH0_TYPES.resourceServer, name);
        const scopes = (server.scopes ?? []).map((s) => defined({ name: s.value, description: s.description }));
        resources.push(resource(AUTH0_TYPES.resourceServerScopes, `${name}-scopes`, { resourceServerIdentifier: server.identifier, scopes }, { resourceServerIdentifier: [serverUrn] }));
    }
    return resources;
}

/**
 * Who may get tokens for the API and how they are bound, in @pulumi/auth0 3.49.0's input shapes
 * (types/input.d.ts ResourceServerSubjectTypeAuthorization { user?: { policy }, client?: { policy } },
 * ResourceServerProofOfPossession { mechanism, required, requiredFor }; resourceServer.d.ts
 * enforcePolicies, tokenDialect). What the tenant leaves out stays unset, as Auth0 reports it.
 */
function accessProperties(server: LiveResourceServer): Record<string, unknown> {
    const authorization = server.subject_type_authorization;
    const policies = authorization
        ? defined({ user: policyOf(authorization.user?.policy), client: policyOf(authorization.client?.policy) })
        : undefined;
    const pop = server.proof_of_possession;
    return {
        ...(policies ? { subjectTypeAuthorization: policies } : {}),
        ...(server.enforce_policies !== undefined ? { enforcePolicies: server.enforce_policies } : {}),
        ...(server.token_dialect !== undefined ? { tokenDialect: server.token_dialect } : {}),
        ...(pop ? { proofOfPossession: defined({ mechanism: pop.mechanism, required: pop.required, requiredFor: pop.required_for }) } : {}),
    };
}

const policyOf = (policy: string | undefined) => (policy === undefined ? undefined : { policy });

function grantResource(grant: LiveGrant, clientUrn: string | undefined): CapturedResource {
    return resource(
        AUTH0_TYPES.clientGrant,
        grant.id,
        {
            audience: grant.audience,
            scopes: grant.scope ?? [],
            ...(grant.client_id !== undefined ? { clientId: grant.client_id } : {}),
            ...(grant.allow_all_scopes !== undefined ? { allowAllScopes: grant.allow_all_scopes } : {}),
            ...(grant.default_for !== undefined ? { defaultFor: grant.default_for } : {}),
            ...(grant.subject_type !== undefined ? { subjectType: grant.subject_type } : {}),
        },
        clientUrn ? { clientId: [clientUrn] } : {},
    );
}

export function toResources(tenant: LiveTenant): LiveResources {
    const resources: CapturedResource[] = [];
    const objects = new Map<string, LiveObject>();
    const system: LiveObject[] = [];
    const clientNames = new Map<string, string>();
    const userClients = new Set<string>();

    for (const client of tenant.clients) {
        const object: LiveObject = { kind: "application", id: client.client_id, name: client.name ?? client.client_id };
        clientNames.set(client.client_id, object.name);
        const reason = systemReason(client);
        if (reason) {
            system.push({ ...object, system: reason });
            continue;
        }
        userClients.add(client.client_id);
        for (const r of clientResources(client)) {
            resources.push(r);
            objects.set(r.urn, object);
        }
    }
    const apiNames = new Map<string, string>();
    for (const server of tenant.resourceServers) {
        const management = isManagementApiAudience(server.identifier);
        const object: LiveObject = { kind: "api", id: server.id ?? server.identifier, name: management ? MANAGEMENT_API_NAME : (server.name ?? server.identifier) };
        apiNames.set(server.identifier, object.name);
        const reason = systemReason(server);
        // The Management API is Auth0's, but its token lifetime is the tenant owner's setting, so it is judged.
        if (reason && !management) {
            system.push({ ...object, system: reason });
            continue;
        }
        for (const r of serverResources(server, management)) {
            resources.push(r);
            objects.set(r.urn, object);
        }
    }
    for (const grant of tenant.clientGrants) {
        const who = grant.client_id ? (clientNames.get(grant.client_id) ?? grant.client_id) : `default for ${grant.default_for ?? "?"}`;
        const object: LiveObject = { kind: "grant", id: grant.id, name: `${who} → ${apiNames.get(grant.audience) ?? grant.audience}` };
        const reason = systemReason(grant);
        if (reason) {
            system.push({ ...object, system: reason });
            continue;
        }
        const clientUrn = grant.client_id && userClients.has(grant.client_id) ? urnOf(AUTH0_TYPES.client, grant.client_id) : undefined;
        const r = grantResource(grant, clientUrn);
        resources.push(r);
        objects.set(r.urn, object);
    }
    return { resources, objects, system };
}

function resource(type: string, name: string, properties: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): CapturedResource {
    return {
        urn: urnOf(type, name),
        type,
        name,
        custom: true,
        properties,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
    };
}

function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
