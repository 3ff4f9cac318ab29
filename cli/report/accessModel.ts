// The access model: every machine, every API and every grant between them, linked the way the
// engine links them (a grant's clientId and audience, through the outputs they came from).
import { AUTH0_TYPES, isManagementApiAudience, isManagementApiResourceServer, MANAGEMENT_API_NAME } from "../../policy-pack/guardrails";
import type { CapturedResource } from "../program/protocol";
import { knownString, redact, SECRET_TEXT, shownNumber, shownString, UNKNOWN_TEXT, type Shown } from "../values";
import { apiAccessOf, clientKindOf, grantOrganizationsOf } from "./accessFields";
import { byText, type PlanApi, type PlanGrant, type PlanMachine } from "./types";

export interface AccessModel {
    /** Clients that can use client credentials. */
    readonly machines: PlanMachine[];
    /** Other clients the program manages that hold grants (user-facing applications). */
    readonly otherApplications: PlanMachine[];
    readonly apis: PlanApi[];
    readonly grants: PlanGrant[];
}

/** Machines, APIs and grants among the program's live resources; what can't be linked is added to `notes`. */
export function buildAccessModel(live: readonly CapturedResource[], notes: string[]): AccessModel {
    const byUrn = new Map(live.map((r) => [r.urn, r] as const));
    const ofType = (type: string) => live.filter((r) => r.type === type);

    // Clients and their credentials (linked through the credentials' clientId dependency).
    const clients = ofType(AUTH0_TYPES.client);
    const credentialsByClient = new Map<string, CapturedResource>();
    for (const credentials of ofType(AUTH0_TYPES.clientCredentials)) {
        const client = linkedResource(credentials, "clientId", AUTH0_TYPES.client, byUrn);
        if (client) credentialsByClient.set(client.urn, credentials);
    }
    const machineName = (client: CapturedResource) => knownString(client.properties.name) ?? client.name;

    // APIs the program declares, and the scopes it defines on each.
    const servers = ofType(AUTH0_TYPES.resourceServer);
    const serverByIdentifier = new Map<string, CapturedResource>();
    for (const server of servers) {
        const identifier = knownString(server.properties.identifier);
        if (identifier !== undefined) serverByIdentifier.set(identifier, server);
    }
    const definedScopes = new Map<string, Shown<string>[]>();
    const addInline = (server: CapturedResource, scopes: unknown[]) => {
        const list = definedScopes.get(server.urn) ?? [];
        list.push(...scopes.map((scope) => (typeof scope === "object" && scope !== null ? (scope as Record<string, unknown>).value : scope) as Shown<string>));
        definedScopes.set(server.urn, list);
    };
    const addScopes = (resource: CapturedResource, scopes: Shown<string>[]) => {
        const server =
            linkedResource(resource, "resourceServerIdentifier", AUTH0_TYPES.resourceServer, byUrn) ??
            serverByIdentifier.get(knownString(resource.properties.resourceServerIdentifier) ?? "");
        if (!server) return;
        const list = definedScopes.get(server.urn) ?? [];
        list.push(...scopes);
        definedScopes.set(server.urn, list);
    };
    for (const resource of ofType(AUTH0_TYPES.resourceServerScopes)) {
        const scopes = redact(resource.properties.scopes);
        if (Array.isArray(scopes)) {
            addScopes(
                resource,
                scopes.map((scope) => (typeof scope === "object" && scope !== null ? (scope as Record<string, unknown>).name : scope) as Shown<string>),
            );
        } else if (scopes === SECRET_TEXT || scopes === UNKNOWN_TEXT) addScopes(resource, [scopes]);
    }
    // @pulumi/auth0 1.x/2.x declared scopes inline, `scopes: [{ value, description }]` (see inlineScopes in the pack).
    for (const server of servers) {
        const inline = redact(server.properties.scopes);
        if (Array.isArray(inline)) addInline(server, inline);
        else if (inline === SECRET_TEXT || inline === UNKNOWN_TEXT) addInline(server, [inline]);
    }
    for (const resource of ofType(AUTH0_TYPES.resourceServerScope)) {
        const scope = shownString(resource.properties, "scope");
        if (scope !== undefined) addScopes(resource, [scope]);
    }

    const apiEntries = new Map<string, PlanApi>();
    for (const server of servers) {
        const identifier = shownString(server.properties, "identifier") ?? UNKNOWN_TEXT;
        const name = shownString(server.properties, "name");
        // As the pack knows it: by the name the provider keys on, or by its audience (guardrails/managementApi.ts).
        const management = isManagementApiResourceServer({ name, identifier });
        apiEntries.set(server.urn, {
            identifier,
            label: management ? managementApiLabel(identifier) : typeof name === "string" && name !== SECRET_TEXT && name !== UNKNOWN_TEXT ? name : server.name,
            urn: server.urn,
            managementApi: management,
            tokenLifetime: shownNumber(server.properties.tokenLifetime) ?? null,
            tokenLifetimeForWeb: shownNumber(server.properties.tokenLifetimeForWeb) ?? null,
            scopes: definedScopes.has(server.urn) ? [...definedScopes.get(server.urn)!].sort(byText) : null,
            ...apiAccessOf(server.properties),
            adopted: server.importId !== undefined,
            retained: server.retainOnDelete === true,
            accessPolicy: accessPolicyOf(server),
        });
    }

    // Grants: each linked to its machine, and to its API by audience.
    const grants: PlanGrant[] = [];
    const grantsPerClient = new Map<string, number>();
    for (const grant of ofType(AUTH0_TYPES.clientGrant)) {
        const client = linkedResource(grant, "clientId", AUTH0_TYPES.client, byUrn);
        let machine: string;
        if (client) {
            machine = machineName(client);
            grantsPerClient.set(client.urn, (grantsPerClient.get(client.urn) ?? 0) + 1);
        } else {
            const clientId = redact(grant.properties.clientId);
            const defaultFor = knownString(grant.properties.defaultFor);
            if (typeof clientId === "string" && clientId !== UNKNOWN_TEXT) {
                machine = clientId === SECRET_TEXT ? "client [secret] (not in this program)" : `client ${clientId} (not in this program)`;
            } else if (defaultFor !== undefined) {
                machine = `default grant for ${defaultFor} clients`;
            } else {
                machine = "unresolved client";
                notes.push(`ClientGrant "${grant.name}": its clientId is not known offline and does not come from a Client of this program, so its machine is unknown.`);
            }
        }

        let audience: Shown<string> = shownString(grant.properties, "audience") ?? UNKNOWN_TEXT;
        let server = typeof audience === "string" ? serverByIdentifier.get(audience) : undefined;
        if (!server) {
            server = linkedResource(grant, "audience", AUTH0_TYPES.resourceServer, byUrn);
            if (server && audience === UNKNOWN_TEXT) audience = shownString(server.properties, "identifier") ?? UNKNOWN_TEXT;
        }
        // On the Management API by its audience, or by the resource server it names being the Management API.
        const management = (server !== undefined && apiEntries.get(server.urn)!.managementApi) || (audience !== SECRET_TEXT && audience !== UNKNOWN_TEXT && isManagementApiAudience(audience));
        let api: string;
        if (server) api = apiEntries.get(server.urn)!.label;
        else if (management) api = managementApiLabel(audience);
        else api = audience === SECRET_TEXT || audience === UNKNOWN_TEXT ? "unknown API" : audience;
        if (!server && audience !== SECRET_TEXT && audience !== UNKNOWN_TEXT && !apiEntries.has(`audience:${audience}`)) {
            // An API the program grants on but does not declare (e.g. the Management API, when not adopted).
            apiEntries.set(`audience:${audience}`, {
                identifier: audience,
                label: api,
                urn: null,
                managementApi: management,
                tokenLifetime: null,
                tokenLifetimeForWeb: null,
                scopes: null,
                enforcePolicies: null,
                proofOfPossession: null,
                adopted: false,
                retained: false,
                accessPolicy: { user: null, client: null },
            });
        }

        const scopes = redact(grant.properties.scopes);
        grants.push({
            machine,
            machineUrn: client?.urn ?? null,
            audience,
            api,
            managementApi: management,
            scopes: Array.isArray(scopes) ? [...(scopes as Shown<string>[])].sort(byText) : scopes === SECRET_TEXT || scopes === UNKNOWN_TEXT ? (scopes as Shown<never>) : [],
            allowAllScopes: grant.properties.allowAllScopes === true,
            ...grantOrganizationsOf(grant.properties),
            urn: grant.urn,
            name: grant.name,
        });
    }
    grants.sort((a, b) => byText(a.machine, b.machine) || byText(a.api, b.api) || byText(a.urn, b.urn));

    const clientEntries: PlanMachine[] = clients
        .map((client) => {
            const credentials = credentialsByClient.get(client.urn);
            const quota = redact(client.properties.tokenQuota);
            const clientCredentials =
                quota !== null && typeof quota === "object" ? (quota as Record<string, unknown>).clientCredentials : quota === undefined ? undefined : quota;
            let tokenQuota: PlanMachine["tokenQuota"] = null;
            if (clientCredentials === SECRET_TEXT || clientCredentials === UNKNOWN_TEXT) {
                tokenQuota = { perHour: clientCredentials, perDay: clientCredentials, enforce: clientCredentials };
            } else if (clientCredentials !== null && typeof clientCredentials === "object") {
                const q = clientCredentials as Record<string, unknown>;
                tokenQuota = {
                    perHour: (q.perHour as Shown<number> | undefined) ?? null,
                    perDay: (q.perDay as Shown<number> | undefined) ?? null,
                    enforce: (q.enforce as Shown<boolean> | undefined) ?? null,
                };
            }
            return {
                machine: machineName(client),
                urn: client.urn,
                name: client.name,
                appType: shownString(client.properties, "appType") ?? null,
                ...clientKindOf(client.properties),
                // @pulumi/auth0 1.x/2.x set it on the Client as tokenEndpointAuthMethod (pulumi/pulumi-auth0
                // v2.24.3 f05c9993 sdk/nodejs/client.ts); 3.0.0 (9837e333) moved it to ClientCredentials.
                authenticationMethod: credentials
                    ? (shownString(credentials.properties, "authenticationMethod") ?? null)
                    : (shownString(client.properties, "tokenEndpointAuthMethod") ?? null),
                tokenQuota,
                grants: grantsPerClient.get(client.urn) ?? 0,
            };
        })
        .sort((a, b) => byText(a.machine, b.machine) || byText(a.urn, b.urn));

    const apis = [...apiEntries.values()].sort(
        (a, b) => Number(b.managementApi) - Number(a.managementApi) || byText(a.label, b.label) || byText(String(a.identifier), String(b.identifier)),
    );

    const machines = clientEntries.filter((c) => c.clientCredentials);
    const otherApplications = clientEntries.filter((c) => !c.clientCredentials && c.grants > 0);
    return { machines, otherApplications, apis, grants };
}

/** "Auth0 Management API (acme.eu.auth0.com)": the tenant's Management API, named by its host. */
export function managementApiLabel(audience: string): string {
    try {
        return `${MANAGEMENT_API_NAME} (${new URL(audience).host})`;
    } catch {
        return MANAGEMENT_API_NAME;
    }
}

/**
 * The resource of `type` that `property` came from. In a preview a grant's clientId is unknown (the
 * client isn't created yet), but the SDK still records which resource's output it is: that link
 * is what ties grants and credentials to their client. Undefined when none or several match.
 */
function linkedResource(
    resource: CapturedResource,
    property: string,
    type: string,
    byUrn: ReadonlyMap<string, CapturedResource>,
): CapturedResource | undefined {
    const matches = (resource.propertyDependencies[property] ?? []).map((urn) => byUrn.get(urn)).filter((r) => r?.type === type);
    const unique = new Set(matches);
    return unique.size === 1 ? [...unique][0] : undefined;
}

/** `subjectTypeAuthorization.{user,client}.policy` as the program declares it. */
function accessPolicyOf(server: CapturedResource): PlanApi["accessPolicy"] {
    const authorization = redact(server.properties.subjectTypeAuthorization);
    const policyOf = (subject: "user" | "client"): Shown<string> | null => {
        if (authorization === SECRET_TEXT || authorization === UNKNOWN_TEXT) return authorization;
        if (authorization === null || typeof authorization !== "object") return null;
        const entry = (authorization as Record<string, unknown>)[subject];
        if (entry === SECRET_TEXT || entry === UNKNOWN_TEXT) return entry;
        if (entry === null || typeof entry !== "object") return null;
        const policy = (entry as Record<string, unknown>).policy;
        return typeof policy === "string" ? (policy as Shown<string>) : null;
    };
    return { user: policyOf("user"), client: policyOf("client") };
}
