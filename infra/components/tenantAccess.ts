import * as pulumi from "@pulumi/pulumi";
import { managementApiAudience, type ManagementApiScope } from "../../policy-pack/guardrails";
import { isParsedTenantConfig, parseTenantConfig } from "../config/parseTenantConfig";
import { MANAGEMENT_API_GRANT_KEY, type TenantConfig, type TenantConfigInput } from "../config/tenantConfig";
import { TenantConfigError } from "../config/tenantConfigError";
import { Api } from "./api";
import type { MachineGrant } from "./machineArgs";
import { MachineClient } from "./machineClient";
import { ManagementApi } from "./managementApi";
import { COMPONENT_TYPES } from "../config/resourceNames";

export interface TenantAccessOptions extends pulumi.ComponentResourceOptions {
    /**
     * How config paths read in error messages: `stack` names stack config keys
     * (`auth0-m2m:machines.x`), `object` the fields of the object passed in (`machines.x`).
     * Default: `object`.
     */
    readonly configPathStyle?: "stack" | "object";
}

/**
 * Everything one tenant's machine-to-machine access needs, from one config object: the custom
 * APIs, the Management API's token lifetime, and every M2M application with its grants. The config
 * is validated in full before any resource is registered, so a bad config changes nothing.
 */
export class TenantAccess extends pulumi.ComponentResource {
    readonly config: TenantConfig;
    readonly managementApiAudience: string;
    readonly managementApi?: ManagementApi;
    readonly apis: Readonly<Record<string, Api>>;
    readonly machines: Readonly<Record<string, MachineClient>>;

    constructor(name: string, config: TenantConfigInput | TenantConfig, opts: TenantAccessOptions = {}) {
        // A config parseTenantConfig returned (loadStackTenantConfig's) is checked already, and frozen.
        const parsed = isParsedTenantConfig(config) ? { ok: true as const, config } : parseTenantConfig(config);
        if (!parsed.ok) throw new TenantConfigError(parsed.issues, opts.configPathStyle ?? "object");
        const { configPathStyle: _style, ...resourceOptions } = opts;
        super(COMPONENT_TYPES.tenantAccess, name, {}, resourceOptions);

        const tenant = parsed.config;
        this.config = tenant;
        // Always the canonical domain, even when auth0:domain is a custom domain (parseTenantConfig).
        this.managementApiAudience = managementApiAudience(tenant.tenantDomain);
        if (tenant.managementApi) {
            this.managementApi = new ManagementApi(
                `${name}-management-api`,
                { domain: tenant.tenantDomain, tokenLifetime: tenant.managementApi.tokenLifetime },
                { parent: this, ignoreChanges: opts.ignoreChanges },
            );
        }

        const apis: Record<string, Api> = {};
        for (const key of Object.keys(tenant.apis).sort()) {
            const api = tenant.apis[key];
            apis[key] = new Api(
                `${name}-${key}`,
                {
                    identifier: api.identifier,
                    displayName: api.name ?? key,
                    tokenLifetime: api.tokenLifetime,
                    tokenLifetimeForWeb: api.tokenLifetimeForWeb,
                    allowOfflineAccess: api.allowOfflineAccess,
                    scopes: api.scopes,
                    userAccessPolicy: api.userAccessPolicy,
                    proofOfPossession: api.proofOfPossession,
                },
                { parent: this, ignoreChanges: opts.ignoreChanges, aliases: renamedFrom(name, api.formerly) },
            );
        }
        this.apis = apis;

        const machines: Record<string, MachineClient> = {};
        for (const key of Object.keys(tenant.machines).sort()) {
            const machine = tenant.machines[key];
            const grants: Record<string, MachineGrant> = {};
            for (const [apiKey, grant] of Object.entries(machine.grants)) {
                const managementApi = { domain: tenant.tenantDomain };
                grants[apiKey] =
                    apiKey !== MANAGEMENT_API_GRANT_KEY
                        ? // A renamed API keeps its grants: the grant is named after the API's key.
                          { api: apis[apiKey], scopes: grant.scopes ?? [], formerly: tenant.apis[apiKey].formerly }
                        : grant.endpoints !== undefined
                          ? { managementApi, endpoints: grant.endpoints }
                          : // parseTenantConfig has checked every scope against the catalogue.
                            { managementApi, scopes: (grant.scopes ?? []) as readonly ManagementApiScope[] };
            }
            machines[key] = new MachineClient(
                `${name}-${key}`,
                {
                    displayName: machine.name ?? key,
                    description: machine.description,
                    authentication: machine.authentication,
                    tokenQuota: machine.tokenQuota,
                    grants,
                },
                { parent: this, ignoreChanges: opts.ignoreChanges, aliases: renamedFrom(name, machine.formerly) },
            );
        }
        this.machines = machines;

        this.registerOutputs({
            managementApiAudience: this.managementApiAudience,
            clientIds: Object.fromEntries(Object.entries(machines).map(([key, machine]) => [key, machine.clientId])),
        });
    }
}

/**
 * The alias that keeps a renamed entry's resources: the component's old name. Its children,
 * named `<component>-<role>`, follow through the SDK's inherited child aliases.
 */
function renamedFrom(tenantName: string, formerly: string | undefined): pulumi.Alias[] | undefined {
    return formerly === undefined ? undefined : [{ name: `${tenantName}-${formerly}` }];
}
