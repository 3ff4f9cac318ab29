// The plan as data: what each machine may do on which API, what is adopted or retained, what the
// deployer needs, and what the policy pack said. Every renderer works from this one object, and
// `--format json` prints it as is; its schema is documented in README.md ("JSON report").
import { deployerScopesFor, isKnownToDeployerScopes, isManagementApiAudience, MANAGEMENT_API_NAME } from "../../policy-pack/guardrails";
import type { PolicyDiagnostic } from "../analyzer/types";
import type { CapturedResource } from "../program/protocol";
import { urnName, urnType } from "../program/urn";
import {
    collectSecretPlaintexts,
    knownString,
    redact,
    scrubSecrets,
    SECRET_TEXT,
    shownNumber,
    shownString,
    UNKNOWN_TEXT,
    unwrapSecrets,
    type Shown,
} from "../values";

/** Bumped on any change that could break a reader of the JSON report. */
export const PLAN_REPORT_SCHEMA_VERSION = 1;

/** Type tokens of the @pulumi/auth0 resources the report reads (a test checks them against the SDK). */
export const AUTH0_TYPES = {
    client: "auth0:index/client:Client",
    clientCredentials: "auth0:index/clientCredentials:ClientCredentials",
    clientGrant: "auth0:index/clientGrant:ClientGrant",
    resourceServer: "auth0:index/resourceServer:ResourceServer",
    resourceServerScopes: "auth0:index/resourceServerScopes:ResourceServerScopes",
    resourceServerScope: "auth0:index/resourceServerScope:ResourceServerScope",
} as const;

/** The policy whose diagnostics list the findings that exemptions suppressed. */
export const EXEMPTIONS_APPLIED_POLICY = "auth0-exemptions-applied";

export type PlanLevel = "mandatory" | "advisory" | "remediate" | "disabled";

export interface PlanReport {
    readonly schemaVersion: typeof PLAN_REPORT_SCHEMA_VERSION;
    readonly tool: { readonly name: string; readonly version: string };
    readonly project: string;
    readonly stack: string;
    readonly policyPack: { readonly name: string; readonly version: string };
    /** "fail" when at least one diagnostic is mandatory (the CLI then exits 1). */
    readonly verdict: "pass" | "fail";
    readonly summary: PlanSummary;
    readonly machines: readonly PlanMachine[];
    readonly apis: readonly PlanApi[];
    readonly grants: readonly PlanGrant[];
    /** Resources with the `import` option: adopted from the tenant, never created. */
    readonly adopted: readonly PlanAdopted[];
    /** Resources with `retainOnDelete`: left in the tenant when removed from the program. */
    readonly retained: readonly PlanResourceRef[];
    /** Management API scopes the deploying application needs to apply this plan. */
    readonly deployerScopes: readonly { readonly scope: string; readonly reasons: readonly string[] }[];
    /** Every policy diagnostic, mandatory first. */
    readonly diagnostics: readonly PlanDiagnostic[];
    /** The `auth0-exemptions-applied` diagnostics: findings an exemption suppressed. */
    readonly exemptionsApplied: readonly PlanDiagnostic[];
    /** Things the plan could not determine, or could not do offline. */
    readonly notes: readonly string[];
}

export interface PlanSummary {
    readonly resources: number;
    readonly resourcesByType: Readonly<Record<string, number>>;
    readonly machines: number;
    readonly apis: number;
    readonly grants: number;
    readonly adopted: number;
    readonly retained: number;
    readonly mandatory: number;
    /** Advisory diagnostics, not counting the exemptions-applied ones. */
    readonly advisory: number;
    readonly exemptionsApplied: number;
}

export interface PlanResourceRef {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
}

export interface PlanAdopted extends PlanResourceRef {
    readonly importId: string;
}

export interface PlanMachine {
    /** The Client's `name` input, else its logical name. */
    readonly machine: string;
    readonly urn: string;
    /** The logical (Pulumi) name. */
    readonly name: string;
    readonly appType: Shown<string> | null;
    /** From the client's ClientCredentials resource; null when the program manages none. */
    readonly authenticationMethod: Shown<string> | null;
    /** `tokenQuota.clientCredentials`; null when the client sets none (the tenant's quota applies). */
    readonly tokenQuota: {
        readonly perHour: Shown<number> | null;
        readonly perDay: Shown<number> | null;
        readonly enforce: Shown<boolean> | null;
    } | null;
    readonly grants: number;
}

export interface PlanApi {
    readonly identifier: Shown<string>;
    /** The display label: the API's name, or "Auth0 Management API (<host>)" for the Management API. */
    readonly label: string;
    /** The ResourceServer's URN; null for an API the grants name but the program does not declare. */
    readonly urn: string | null;
    readonly managementApi: boolean;
    /** Declared lifetime in seconds; null when unset (Auth0's default applies) or not declared here. */
    readonly tokenLifetime: Shown<number> | null;
    readonly tokenLifetimeForWeb: Shown<number> | null;
    /** Scopes the program defines on the API (ResourceServerScopes/ResourceServerScope); null when it defines none. */
    readonly scopes: readonly Shown<string>[] | null;
    readonly adopted: boolean;
    readonly retained: boolean;
}

export interface PlanGrant {
    /** The machine's display name (see PlanMachine.machine), or a description when it isn't a client of this program. */
    readonly machine: string;
    /** The Client's URN; null when the grant's client is not a Client of this program. */
    readonly machineUrn: string | null;
    readonly audience: Shown<string>;
    /** The API's label (see PlanApi.label). */
    readonly api: string;
    readonly managementApi: boolean;
    readonly scopes: readonly Shown<string>[] | Shown<never>;
    readonly allowAllScopes: boolean;
    readonly urn: string;
    readonly name: string;
}

export interface PlanDiagnostic {
    readonly policy: string;
    readonly level: PlanLevel;
    /** The URN the diagnostic is about; null for a stack-wide one. */
    readonly resource: string | null;
    readonly resourceName: string | null;
    readonly resourceType: string | null;
    /** What the policy says about this resource (without the policy's description), every known secret plaintext replaced by "[secret]". */
    readonly message: string;
    readonly description: string;
}

export interface ReportInput {
    readonly tool: { readonly name: string; readonly version: string };
    readonly project: string;
    readonly stack: string;
    readonly policyPack: { readonly name: string; readonly version: string };
    readonly resources: readonly CapturedResource[];
    readonly diagnostics: readonly PolicyDiagnostic[];
    /** Notes from loading the project (e.g. ESC environments the plan can't read). */
    readonly notes?: readonly string[];
}

const LEVEL_ORDER: Readonly<Record<PlanLevel, number>> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** "Auth0 Management API (acme.eu.auth0.com)": the tenant's Management API, named by its host. */
export function managementApiLabel(audience: string): string {
    try {
        return `${MANAGEMENT_API_NAME} (${new URL(audience).host})`;
    } catch {
        return MANAGEMENT_API_NAME;
    }
}

export function buildReport(input: ReportInput): PlanReport {
    const notes: string[] = [...(input.notes ?? [])];
    const live = input.resources.filter((r) => !r.read);
    const byUrn = new Map(live.map((r) => [r.urn, r] as const));
    const ofType = (type: string) => live.filter((r) => r.type === type);

    const secrets = new Set<string>();
    for (const resource of input.resources) collectSecretPlaintexts(resource.properties, secrets);

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
    for (const resource of ofType(AUTH0_TYPES.resourceServerScope)) {
        const scope = shownString(resource.properties, "scope");
        if (scope !== undefined) addScopes(resource, [scope]);
    }

    const apiEntries = new Map<string, PlanApi>();
    for (const server of servers) {
        const identifier = shownString(server.properties, "identifier") ?? UNKNOWN_TEXT;
        const management = typeof identifier === "string" && isManagementApiAudience(identifier);
        const name = shownString(server.properties, "name");
        apiEntries.set(server.urn, {
            identifier,
            label: management ? managementApiLabel(identifier) : typeof name === "string" && name !== SECRET_TEXT && name !== UNKNOWN_TEXT ? name : server.name,
            urn: server.urn,
            managementApi: management,
            tokenLifetime: shownNumber(server.properties.tokenLifetime) ?? null,
            tokenLifetimeForWeb: shownNumber(server.properties.tokenLifetimeForWeb) ?? null,
            scopes: definedScopes.has(server.urn) ? [...definedScopes.get(server.urn)!].sort(byText) : null,
            adopted: server.importId !== undefined,
            retained: server.retainOnDelete === true,
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
        const management = audience !== SECRET_TEXT && audience !== UNKNOWN_TEXT && isManagementApiAudience(audience);
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
                adopted: false,
                retained: false,
            });
        }

        const scopes = redact(grant.properties.scopes);
        grants.push({
            machine,
            machineUrn: client?.urn ?? null,
            audience,
            api,
            managementApi: management,
            scopes: Array.isArray(scopes) ? (scopes as Shown<string>[]) : scopes === SECRET_TEXT || scopes === UNKNOWN_TEXT ? (scopes as Shown<never>) : [],
            allowAllScopes: grant.properties.allowAllScopes === true,
            urn: grant.urn,
            name: grant.name,
        });
    }
    grants.sort((a, b) => byText(a.machine, b.machine) || byText(a.api, b.api) || byText(a.urn, b.urn));

    const machines: PlanMachine[] = clients
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
                authenticationMethod: credentials ? (shownString(credentials.properties, "authenticationMethod") ?? null) : null,
                tokenQuota,
                grants: grantsPerClient.get(client.urn) ?? 0,
            };
        })
        .sort((a, b) => byText(a.machine, b.machine) || byText(a.urn, b.urn));

    const apis = [...apiEntries.values()].sort(
        (a, b) => Number(b.managementApi) - Number(a.managementApi) || byText(a.label, b.label) || byText(String(a.identifier), String(b.identifier)),
    );

    const ref = (r: CapturedResource): PlanResourceRef => ({ urn: r.urn, type: r.type, name: r.name });
    const adopted = live.filter((r) => r.importId !== undefined).map((r) => ({ ...ref(r), importId: r.importId! }));
    const retained = live.filter((r) => r.retainOnDelete === true).map(ref);
    adopted.sort((a, b) => byText(a.urn, b.urn));
    retained.sort((a, b) => byText(a.urn, b.urn));

    const custom = live.filter((r) => r.custom);
    const deployerScopes = deployerScopesFor(
        custom.map((r) => ({
            type: r.type,
            inputs: unwrapSecrets(r.properties) as Record<string, unknown>,
            import: r.importId,
            retainOnDelete: r.retainOnDelete,
        })),
    ).map((s) => ({ scope: s.scope as string, reasons: [...s.reasons] }));
    const unknownTypes = [...new Set(custom.map((r) => r.type).filter((t) => !isKnownToDeployerScopes(t)))].sort(byText);
    if (unknownTypes.length > 0) {
        notes.push(`The deployer scopes for ${unknownTypes.join(", ")} are not known to this version, so the list below may be incomplete.`);
    }

    const diagnostics: PlanDiagnostic[] = input.diagnostics
        .map((d) => {
            const resource = d.urn && d.urn !== "" ? d.urn : null;
            return {
                policy: d.policyName,
                level: d.enforcementLevel,
                resource,
                resourceName: resource ? safe(() => urnName(resource)) : null,
                resourceType: resource ? safe(() => urnType(resource)) : null,
                message: scrubSecrets(specificMessage(d), secrets),
                description: scrubSecrets(d.description, secrets),
            };
        })
        .sort(
            (a, b) =>
                LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
                byText(a.policy, b.policy) ||
                byText(a.resource ?? "", b.resource ?? "") ||
                byText(a.message, b.message),
        );
    const exemptionsApplied = diagnostics.filter((d) => d.policy === EXEMPTIONS_APPLIED_POLICY);
    const mandatory = diagnostics.filter((d) => d.level === "mandatory").length;

    const resourcesByType: Record<string, number> = {};
    for (const r of live) if (r.custom) resourcesByType[r.type] = (resourcesByType[r.type] ?? 0) + 1;

    return {
        schemaVersion: PLAN_REPORT_SCHEMA_VERSION,
        tool: input.tool,
        project: input.project,
        stack: input.stack,
        policyPack: input.policyPack,
        verdict: mandatory > 0 ? "fail" : "pass",
        summary: {
            resources: custom.length,
            resourcesByType: Object.fromEntries(Object.entries(resourcesByType).sort(([a], [b]) => byText(a, b))),
            machines: machines.length,
            apis: apis.length,
            grants: grants.length,
            adopted: adopted.length,
            retained: retained.length,
            mandatory,
            advisory: diagnostics.filter((d) => d.level === "advisory" && d.policy !== EXEMPTIONS_APPLIED_POLICY).length,
            exemptionsApplied: exemptionsApplied.length,
        },
        machines,
        apis,
        grants,
        adopted,
        retained,
        deployerScopes,
        diagnostics,
        exemptionsApplied,
        notes: notes.map((note) => scrubSecrets(note, secrets)),
    };
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

/**
 * The pack server sends "<policy description>\n<violation message>"; the report keeps the
 * description in its own field, so the message is only what this violation says.
 */
function specificMessage(diagnostic: PolicyDiagnostic): string {
    const prefix = `${diagnostic.description}\n`;
    return diagnostic.description && diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message;
}

function safe<T>(read: () => T): T | null {
    try {
        return read();
    } catch {
        return null;
    }
}
