// The benchmark's tenants: N machines over 20 custom APIs, written two ways.
//
// - As auth0-m2m config (`benchTenantConfig`), planned through this repository's own program
//   (infra/index.ts: the TenantAccess component and its children).
// - As the SAME resources for a plain @pulumi/auth0 program with no components (`rawTenantFrom`,
//   run by bench/raw), the floor: what the Pulumi SDK and the plan cost without our components.
//
// Each machine has one custom-API grant and one Management API grant given by endpoints, a token
// quota (so the quota advisory stays quiet), and the default authentication (client_secret_post
// with a generated secret): five resources per machine (Client, RandomPassword, ClientCredentials
// and two ClientGrants) plus its component.
import { defaultTokenLifetimeForWeb, MANAGEMENT_API_NAME, managementApiAudience } from "../policy-pack/guardrails";
import { managementGrantScopes } from "../infra/config/argChecks";
import {
    MANAGEMENT_API_GRANT_KEY,
    type TenantConfig,
    type TenantConfigInput,
} from "../infra/config/tenantConfig";
import { parseTenantConfig } from "../infra/config/parseTenantConfig";
import { formatConfigPath } from "../infra/config/tenantConfigError";
import { PROGRAM_ROOT_NAME } from "../infra/config/resourceNames";

export const BENCH_DOMAIN = "bench-tenant.eu.auth0.com";
export const BENCH_API_COUNT = 20;
/** TenantAccess's name in infra/index.ts: every child's name starts with it. */
export const TENANT_COMPONENT_NAME = PROGRAM_ROOT_NAME;

/**
 * Read-only endpoint sets the machines cycle through; each derives a small scope set that neither
 * escalates nor is sensitive (reading users in bulk is: guardrails/scopeRisks.ts), so the bench
 * tenant plans with no finding at all.
 */
export const BENCH_ENDPOINT_SETS: readonly (readonly string[])[] = [
    ["GET /api/v2/roles", "GET /api/v2/roles/{id}"],
    ["GET /api/v2/roles/{id}/permissions"],
    ["GET /api/v2/organizations"],
    ["GET /api/v2/organizations", "GET /api/v2/organizations/{id}/members"],
];

const pad = (n: number, width: number) => String(n).padStart(width, "0");
export const apiKey = (i: number) => `api-${pad(i + 1, 2)}`;
export const machineKey = (i: number) => `machine-${pad(i + 1, 5)}`;

/** One tenant of `machines` machines, as a stack's auth0-m2m config (before defaults). */
export function benchTenantConfig(machines: number): TenantConfigInput {
    if (!Number.isInteger(machines) || machines < 1) throw new Error(`a bench tenant needs a whole number of machines, got ${machines}`);
    const apis: Record<string, NonNullable<TenantConfigInput["apis"]>[string]> = {};
    for (let i = 0; i < BENCH_API_COUNT; i++) {
        const thing = `thing${pad(i + 1, 2)}`;
        apis[apiKey(i)] = {
            identifier: `https://${apiKey(i)}.bench.example`,
            name: `Bench API ${pad(i + 1, 2)}`,
            tokenLifetime: 3_600,
            scopes: { [`read:${thing}`]: `Read ${thing}`, [`write:${thing}`]: `Change ${thing}`, [`export:${thing}`]: `Export ${thing}` },
            // Write scopes with bearer tokens draw the pack's sender-constrained advice; the bench's
            // plans must have no finding at all, so its APIs bind tokens as the advice says.
            proofOfPossession: { mechanism: "dpop", required: true },
        };
    }
    const machineConfigs: Record<string, NonNullable<TenantConfigInput["machines"]>[string]> = {};
    for (let i = 0; i < machines; i++) {
        const api = i % BENCH_API_COUNT;
        const thing = `thing${pad(api + 1, 2)}`;
        machineConfigs[machineKey(i)] = {
            name: `Bench machine ${pad(i + 1, 5)}`,
            description: `Synthetic machine ${i + 1} of ${machines}`,
            tokenQuota: { perHour: 100 + (i % 7) * 10 },
            grants: {
                [apiKey(api)]: i % 2 === 0 ? [`read:${thing}`] : [`read:${thing}`, `write:${thing}`],
                [MANAGEMENT_API_GRANT_KEY]: { endpoints: [...BENCH_ENDPOINT_SETS[i % BENCH_ENDPOINT_SETS.length]] },
            },
        };
    }
    return { domain: BENCH_DOMAIN, managementApi: { tokenLifetime: 3_600 }, apis, machines: machineConfigs };
}

/** The config validated as the program validates it; a bench tenant that fails is a bench bug. */
export function parseBenchTenant(config: TenantConfigInput): TenantConfig {
    const parsed = parseTenantConfig(config);
    if (!parsed.ok) {
        throw new Error(
            `the bench tenant is not valid auth0-m2m config:\n${parsed.issues.map((i) => `  - ${formatConfigPath(i.path, "stack")}: ${i.message}`).join("\n")}`,
        );
    }
    return parsed.config;
}

/** A stack config file (`Pulumi.<stack>.yaml` shape) for this repository's program. */
export function componentStackConfig(config: TenantConfigInput): { config: Record<string, unknown> } {
    return {
        config: {
            "auth0:domain": config.domain,
            "auth0-m2m:managementApi": config.managementApi,
            "auth0-m2m:apis": config.apis,
            "auth0-m2m:machines": config.machines,
        },
    };
}

// The raw program's input: every value the components would compute, already computed, so the raw
// program is nothing but `new auth0.X(...)` calls. Names are the components' child names.

export interface RawApi {
    readonly resourceServerName: string;
    readonly scopesName: string;
    readonly identifier: string;
    readonly displayName: string;
    readonly tokenLifetime: number;
    readonly tokenLifetimeForWeb: number;
    readonly allowOfflineAccess: boolean;
    readonly proofOfPossession?: { readonly mechanism: string; readonly required: boolean };
    readonly scopes: readonly { readonly name: string; readonly description: string }[];
}

export interface RawGrant {
    readonly resourceName: string;
    readonly audience: string;
    readonly scopes: readonly string[];
    /** The custom API's identifier, whose resources the grant must wait for. */
    readonly api?: string;
}

export interface RawMachine {
    readonly key: string;
    readonly clientName: string;
    readonly secretName: string;
    readonly credentialsName: string;
    readonly displayName: string;
    readonly description?: string;
    readonly tokenQuota?: { readonly perHour?: number; readonly perDay?: number; readonly enforce: boolean };
    readonly secretVersion: number;
    readonly grants: readonly RawGrant[];
}

export interface RawTenant {
    readonly managementApi?: { readonly resourceName: string; readonly identifier: string; readonly name: string; readonly tokenLifetime: number };
    readonly apis: readonly RawApi[];
    readonly machines: readonly RawMachine[];
}

/** The resources the components declare for `tenant`, as plain values (see bench/rawProgram.ts). */
export function rawTenantFrom(tenant: TenantConfig, name = TENANT_COMPONENT_NAME): RawTenant {
    const apis = Object.keys(tenant.apis)
        .sort()
        .map((key): RawApi => {
            const api = tenant.apis[key];
            return {
                resourceServerName: `${name}-${key}-resource-server`,
                scopesName: `${name}-${key}-scopes`,
                identifier: api.identifier,
                displayName: api.name ?? key,
                tokenLifetime: api.tokenLifetime,
                tokenLifetimeForWeb: api.tokenLifetimeForWeb ?? defaultTokenLifetimeForWeb(api.tokenLifetime),
                allowOfflineAccess: api.allowOfflineAccess,
                proofOfPossession: api.proofOfPossession,
                scopes: Object.keys(api.scopes)
                    .sort()
                    .map((scope) => ({ name: scope, description: api.scopes[scope] })),
            };
        });
    const machines = Object.keys(tenant.machines)
        .sort()
        .map((key): RawMachine => {
            const machine = tenant.machines[key];
            if (machine.authentication.method !== "client_secret_post") {
                throw new Error(`bench machines use client_secret_post; ${key} uses ${machine.authentication.method}`);
            }
            const prefix = `${name}-${key}`;
            const grants = Object.keys(machine.grants)
                .sort()
                .map((grantKey): RawGrant => {
                    const grant = machine.grants[grantKey];
                    if (grantKey === MANAGEMENT_API_GRANT_KEY) {
                        return {
                            resourceName: `${prefix}-grant-${grantKey}`,
                            audience: managementApiAudience(tenant.domain),
                            scopes: managementGrantScopes({ scopes: grant.scopes, endpoints: grant.endpoints }),
                        };
                    }
                    const identifier = tenant.apis[grantKey].identifier;
                    return { resourceName: `${prefix}-grant-${grantKey}`, audience: identifier, scopes: [...new Set(grant.scopes)].sort(), api: identifier };
                });
            return {
                key,
                clientName: `${prefix}-client`,
                secretName: `${prefix}-secret`,
                credentialsName: `${prefix}-credentials`,
                displayName: machine.name ?? key,
                ...(machine.description === undefined ? {} : { description: machine.description }),
                ...(machine.tokenQuota === undefined ? {} : { tokenQuota: machine.tokenQuota }),
                secretVersion: machine.authentication.secretVersion,
                grants,
            };
        });
    return {
        ...(tenant.managementApi
            ? {
                  managementApi: {
                      resourceName: `${name}-management-api-resource-server`,
                      identifier: managementApiAudience(tenant.domain),
                      name: MANAGEMENT_API_NAME,
                      tokenLifetime: tenant.managementApi.tokenLifetime,
                  },
              }
            : {}),
        apis,
        machines,
    };
}

/** The raw program's stack config file; its project (bench/raw) reads `tenant` in its own namespace. */
export function rawStackConfig(domain: string, tenant: RawTenant): { config: Record<string, unknown> } {
    return { config: { "auth0:domain": domain, [`${RAW_PROJECT_NAME}:tenant`]: tenant } };
}

/** bench/raw/Pulumi.yaml's name. */
export const RAW_PROJECT_NAME = "auth0-m2m-bench-raw";

/** Custom resources each tenant declares: the Management API, two per API, five per machine. */
export function expectedResourceCount(machines: number): number {
    return 1 + 2 * BENCH_API_COUNT + 5 * machines;
}
