// Parses a tenant's config: its shape (tenantConfig.ts), then the checks that span fields and
// entries and the guardrails the policy pack enforces. Every problem at once, each with the exact
// path; either a complete, defaulted config or the problems, so a bad config never registers a
// single resource.
import type { z } from "zod";
import {
    closestMatches,
    isRecord,
    isCanonicalTenantDomain,
    isManagementApiAudience,
    quoteAlternatives,
    tenantDomainProblem,
    type ConfigIssue,
    type ConfigPath,
    defaultTokenLifetimeForWeb,
} from "../../policy-pack/guardrails";
import { checkApiSettings, checkApiGrantScopes, checkManagementGrant } from "./argChecks";
import { clientGrantName } from "./resourceNames";
import { renameIssues } from "./renames";
import { schemaIssues } from "./schemaIssues";
import {
    apiSchema,
    configKeySchema,
    machineSchema,
    MANAGEMENT_API_GRANT_KEY,
    managementApiSchema,
    TENANT_CONFIG_KEYS,
    type GrantConfig,
    type MachineConfig,
    type ManagementApiConfig,
    type TenantConfig,
} from "./tenantConfig";

export type TenantConfigParse =
    | { readonly ok: true; readonly config: TenantConfig }
    | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

function parseEntries<S extends z.ZodType>(
    raw: unknown,
    section: "apis" | "machines",
    schema: S,
    issues: ConfigIssue[],
): Map<string, z.output<S>> {
    const parsed = new Map<string, z.output<S>>();
    if (raw === undefined) return parsed;
    if (!isRecord(raw)) {
        issues.push({ path: [section], message: `must be a map from a name to its settings, not ${Array.isArray(raw) ? "a list" : typeof raw}` });
        return parsed;
    }
    for (const [key, value] of Object.entries(raw)) {
        const keyCheck = configKeySchema.safeParse(key);
        if (!keyCheck.success) issues.push({ path: [section, key], message: `the name "${key}" ${keyCheck.error.issues[0].message}` });
        const result = schema.safeParse(value);
        if (result.success) parsed.set(key, result.data);
        else issues.push(...schemaIssues(result.error, [section, key], schema, value));
    }
    return parsed;
}

const withPrefix = (prefix: ConfigPath, found: readonly ConfigIssue[]): ConfigIssue[] =>
    found.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message }));

/**
 * Validates a tenant's config against its shape and the guardrails the policy pack enforces, so
 * config this accepts never yields a resource the pack (with its default config) rejects.
 */
export function parseTenantConfig(raw: unknown): TenantConfigParse {
    const issues: ConfigIssue[] = [];
    if (!isRecord(raw)) return { ok: false, issues: [{ path: [], message: "must be an object with domain, apis and machines" }] };
    for (const key of Object.keys(raw)) {
        if (!(TENANT_CONFIG_KEYS as readonly string[]).includes(key)) {
            const near = closestMatches(key, TENANT_CONFIG_KEYS, 1);
            issues.push({ path: [key], message: `unknown setting "${key}"${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ""}` });
        }
    }

    const domain = raw.domain;
    if (typeof domain !== "string" || domain.trim() === "") {
        issues.push({ path: ["domain"], message: 'is required: the tenant\'s domain, e.g. "acme-dev.eu.auth0.com"' });
    } else {
        const problem = tenantDomainProblem(domain);
        if (problem) issues.push({ path: ["domain"], message: problem });
    }
    const tenantDomain = checkTenantDomain(raw, issues);

    let managementApi: ManagementApiConfig | undefined;
    if (raw.managementApi !== undefined) {
        const result = managementApiSchema.safeParse(raw.managementApi);
        if (result.success) {
            managementApi = result.data;
            issues.push(...withPrefix(["managementApi"], checkApiSettings({ tokenLifetime: managementApi.tokenLifetime }, { webLifetimeManaged: false })));
        } else issues.push(...schemaIssues(result.error, ["managementApi"], managementApiSchema, raw.managementApi));
    }

    const apis = parseEntries(raw.apis, "apis", apiSchema, issues);
    const identifiers = new Map<string, string>();
    for (const [key, api] of apis) {
        const path = ["apis", key];
        if (key === MANAGEMENT_API_GRANT_KEY) {
            issues.push({ path, message: `"${MANAGEMENT_API_GRANT_KEY}" is reserved for the tenant's Management API; name this API differently` });
        }
        if (isManagementApiAudience(api.identifier)) {
            issues.push({
                path: [...path, "identifier"],
                message: `"${api.identifier}" is a Management API audience; grant it as "${MANAGEMENT_API_GRANT_KEY}" in a machine's grants, and set its lifetime under managementApi`,
            });
        }
        const clash = identifiers.get(api.identifier);
        if (clash !== undefined) issues.push({ path: [...path, "identifier"], message: `"${api.identifier}" is already the identifier of apis.${clash}` });
        else identifiers.set(api.identifier, key);
        // The raw keys: the schema trims them, which merged "read:orders " into "read:orders" unseen.
        const rawApi = isRecord(raw.apis) ? raw.apis[key] : undefined;
        for (const scope of isRecord(rawApi) && isRecord(rawApi.scopes) ? Object.keys(rawApi.scopes) : []) {
            if (scope !== scope.trim()) {
                issues.push({
                    path: [...path, "scopes", scope],
                    message: `the scope ${JSON.stringify(scope)} has spaces around it, so it is not the scope ${JSON.stringify(scope.trim())} a token would carry; remove them`,
                });
            }
        }
        issues.push(
            ...withPrefix(
                path,
                checkApiSettings({
                    tokenLifetime: api.tokenLifetime,
                    tokenLifetimeForWeb: api.tokenLifetimeForWeb ?? defaultTokenLifetimeForWeb(api.tokenLifetime),
                    scopes: Object.keys(api.scopes),
                }),
            ),
        );
    }

    issues.push(...renameIssues("apis", apis));
    const rawApiKeys = isRecord(raw.apis) ? new Set(Object.keys(raw.apis)) : new Set<string>();
    const machines = new Map<string, MachineConfig>();
    for (const [key, machine] of parseEntries(raw.machines, "machines", machineSchema, issues)) {
        const grants: Record<string, GrantConfig> = {};
        for (const [apiKey, grant] of Object.entries(machine.grants)) {
            const asList = Array.isArray(grant);
            const scopes = asList ? grant : grant.scopes;
            const endpoints = asList ? undefined : grant.endpoints;
            const grantPath = ["machines", key, "grants", apiKey];
            grants[apiKey] = { scopes, endpoints };
            const located = (found: readonly ConfigIssue[]) => found.map((issue) => locateGrantIssue(issue, grantPath, asList));
            if (apiKey === MANAGEMENT_API_GRANT_KEY) {
                issues.push(...located(checkManagementGrant({ scopes, endpoints })));
                continue;
            }
            if (endpoints !== undefined) {
                issues.push({
                    path: [...grantPath, "endpoints"],
                    message: `endpoints derive scopes from the Management API catalogue, so they are only for "${MANAGEMENT_API_GRANT_KEY}"; list the scopes of apis.${apiKey} instead`,
                });
            }
            const api = apis.get(apiKey);
            if (!api) {
                if (!rawApiKeys.has(apiKey)) {
                    const known = [...rawApiKeys, MANAGEMENT_API_GRANT_KEY];
                    const near = closestMatches(apiKey, known, 1);
                    issues.push({
                        path: grantPath,
                        message: `no API "${apiKey}" in auth0-m2m:apis${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ""}; grants name a key of apis, or ${quoteAlternatives([MANAGEMENT_API_GRANT_KEY])}`,
                    });
                }
                continue;
            }
            issues.push(...located(checkApiGrantScopes(scopes ?? [], Object.keys(api.scopes), `apis.${apiKey}`)));
        }
        machines.set(key, { ...machine, grants });
    }
    if (isRecord(raw.machines)) issues.push(...grantNameCollisions(raw.machines));
    issues.push(...renameIssues("machines", machines));

    if (issues.length > 0) return { ok: false, issues };
    const config: TenantConfig = deepFreeze({
        domain: (domain as string).trim(),
        tenantDomain: tenantDomain ?? (domain as string).trim(),
        managementApi,
        apis: Object.fromEntries(apis),
        machines: Object.fromEntries(machines),
    });
    parsedConfigs.add(config);
    return { ok: true, config };
}

// The configs this module parsed, frozen so they stay as checked: one passed on (the stack's, read
// by loadStackTenantConfig, then given to TenantAccess) needn't be parsed again.
const parsedConfigs = new WeakSet<object>();

/** Whether `config` is a config parseTenantConfig returned (and so complete, defaulted and valid). */
export function isParsedTenantConfig(config: unknown): config is TenantConfig {
    return typeof config === "object" && config !== null && parsedConfigs.has(config);
}

function deepFreeze<T>(value: T): T {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value)) deepFreeze(child);
    }
    return value;
}

/**
 * The canonical domain when `domain` is a custom one. The Management API's audience is built on
 * the canonical domain (see isCanonicalTenantDomain), so a custom domain without it would derive
 * an audience Auth0 doesn't know: refused wherever the Management API is configured or granted.
 */
function checkTenantDomain(raw: Record<string, unknown>, issues: ConfigIssue[]): string | undefined {
    const { domain, tenantDomain } = raw;
    if (tenantDomain !== undefined) {
        if (typeof tenantDomain !== "string" || tenantDomain.trim() === "") {
            issues.push({ path: ["tenantDomain"], message: 'must be the tenant\'s canonical domain, e.g. "acme.eu.auth0.com"' });
            return undefined;
        }
        const problem = tenantDomainProblem(tenantDomain.trim());
        if (problem) issues.push({ path: ["tenantDomain"], message: problem });
        return tenantDomain.trim();
    }
    if (typeof domain !== "string" || tenantDomainProblem(domain.trim()) || isCanonicalTenantDomain(domain)) return undefined;
    const machines = isRecord(raw.machines) ? Object.entries(raw.machines) : [];
    const grantsManagement = machines.filter(([, machine]) => isRecord(machine) && isRecord(machine.grants) && MANAGEMENT_API_GRANT_KEY in machine.grants);
    const uses = [...(raw.managementApi !== undefined ? ["managementApi"] : []), ...grantsManagement.map(([key]) => `machines.${key}.grants.${MANAGEMENT_API_GRANT_KEY}`)];
    if (uses.length > 0) {
        issues.push({
            path: ["tenantDomain"],
            message:
                `is required: "${domain.trim()}" is a custom domain, and the Management API's audience is on the tenant's canonical domain ` +
                `(e.g. "acme.eu.auth0.com"), not on a custom one; set it for ${uses.join(", ")}`,
        });
    }
    return undefined;
}

/** Grants of different machines whose generated resource names are equal (machine a + API b-grant-c, machine a-grant-b + API c). */
function grantNameCollisions(machines: Record<string, unknown>): ConfigIssue[] {
    const byName = new Map<string, ConfigPath>();
    const issues: ConfigIssue[] = [];
    for (const [machineKey, machine] of Object.entries(machines)) {
        if (!isRecord(machine) || !isRecord(machine.grants)) continue;
        for (const apiKey of Object.keys(machine.grants)) {
            const path: ConfigPath = ["machines", machineKey, "grants", apiKey];
            const name = clientGrantName(machineKey, apiKey);
            const other = byName.get(name);
            if (other === undefined) byName.set(name, path);
            else {
                issues.push({
                    path,
                    message: `its client grant would be named "${name}", like that of ${other.join(".")}; rename one of the machines or APIs so the names differ`,
                });
            }
        }
    }
    return issues;
}

/**
 * Grant checks report paths relative to `{ scopes, endpoints }`; a grant written as a plain list
 * has no "scopes" level, so its scope issues point straight at the list.
 */
function locateGrantIssue(issue: ConfigIssue, grantPath: ConfigPath, asList: boolean): ConfigIssue {
    const relative = asList && issue.path[0] === "scopes" ? issue.path.slice(1) : issue.path;
    return { path: [...grantPath, ...relative], message: issue.message };
}
