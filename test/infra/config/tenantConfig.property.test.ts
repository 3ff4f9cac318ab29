// Invariants over generated tenant configs (fast-check).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
    allCatalogueEndpoints,
    CLOSED_USER_ACCESS_POLICIES,
    DEFAULT_ESCALATION_SCOPES,
    DEFAULT_TOKEN_LIFETIME_LIMITS,
    isUserContextScope,
    MANAGEMENT_API_SCOPES,
    PROOF_OF_POSSESSION_MECHANISMS,
} from "../../../policy-pack/guardrails";
import { createPolicies } from "../../../policy-pack/pack";
import { ruleDeps, runResource, runStack, type ResourceSpec } from "../../policy-pack/ruleHarness";
import { Api } from "../../../infra/components/api";
import { TenantAccess } from "../../../infra/components/tenantAccess";
import { parseTenantConfig } from "../../../infra/config/parseTenantConfig";
import { endpointRequirement } from "../../../policy-pack/guardrails";
import { installMocks, registrations, type Registered } from "../support/mockPulumi";

beforeAll(() => installMocks());

const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/).filter((k) => k !== "management");
const scopeName = fc
    .tuple(fc.constantFrom("read", "write", "delete", "export"), fc.stringMatching(/^[a-z][a-z_]{1,10}$/))
    .map(([verb, noun]) => `${verb}:${noun}`);
const grantableManagementScopes = MANAGEMENT_API_SCOPES.filter((s) => !isUserContextScope(s) && !(s in DEFAULT_ESCALATION_SCOPES));
const grantableEndpoints = allCatalogueEndpoints()
    .filter((e) => {
        const clauses = endpointRequirement(e).clauses;
        return clauses.length > 0 && clauses.every((clause) => !(clause[0] in DEFAULT_ESCALATION_SCOPES));
    })
    .map((e) => e.key as string);

const apiArb = fc
    .record({
        tokenLifetime: fc.integer({ min: 1, max: DEFAULT_TOKEN_LIFETIME_LIMITS.maxTokenLifetime }),
        webShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        scopes: fc.uniqueArray(scopeName, { minLength: 1, maxLength: 5 }),
        userAccessPolicy: fc.option(fc.constantFrom(...CLOSED_USER_ACCESS_POLICIES), { nil: undefined }),
        proofOfPossession: fc.option(fc.record({ mechanism: fc.constantFrom(...PROOF_OF_POSSESSION_MECHANISMS), required: fc.boolean() }), { nil: undefined }),
    })
    .map(({ tokenLifetime, webShare, scopes, userAccessPolicy, proofOfPossession }) => ({
        ...(userAccessPolicy ? { userAccessPolicy } : {}),
        ...(proofOfPossession ? { proofOfPossession } : {}),
        tokenLifetime,
        tokenLifetimeForWeb:
            webShare === undefined ? undefined : Math.max(1, Math.floor(Math.min(tokenLifetime, DEFAULT_TOKEN_LIFETIME_LIMITS.maxTokenLifetimeForWeb) * webShare)),
        scopes: Object.fromEntries(scopes.map((s) => [s, `Allows ${s}`])),
    }));

/** Valid tenant configs: every grant names declared scopes, catalogue scopes or endpoints. */
const tenantArb = fc
    .record({
        apis: fc.dictionary(key, apiArb, { maxKeys: 4 }),
        managementLifetime: fc.option(fc.integer({ min: 1, max: DEFAULT_TOKEN_LIFETIME_LIMITS.maxTokenLifetime }), { nil: undefined }),
        machineKeys: fc.uniqueArray(key, { maxLength: 4 }),
        seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    })
    .map(({ apis, managementLifetime, machineKeys, seed }) => {
        let n = 0;
        const pick = () => seed[n++ % seed.length];
        const apiEntries = Object.entries(apis).map(([k, api]) => [k, { identifier: `https://${k}.example`, ...api }] as const);
        const machines = Object.fromEntries(
            machineKeys.map((machineKey) => {
                const grants: Record<string, string[] | { scopes?: string[]; endpoints?: string[] }> = {};
                for (const [apiKey, api] of apiEntries) {
                    const declared = Object.keys(api.scopes);
                    if (pick() % 2 === 0) grants[apiKey] = declared.filter((_, i) => i === 0 || pick() % 2 === 0);
                }
                const management = pick() % 3;
                if (management === 1) grants.management = { scopes: [grantableManagementScopes[pick() % grantableManagementScopes.length]] };
                if (management === 2) grants.management = { endpoints: [grantableEndpoints[pick() % grantableEndpoints.length]] };
                return [machineKey, { tokenQuota: pick() % 2 ? { perHour: 1 + (pick() % 1000) } : undefined, grants }];
            }),
        );
        return {
            domain: "gen.eu.auth0.com",
            ...(managementLifetime ? { managementApi: { tokenLifetime: managementLifetime } } : {}),
            apis: Object.fromEntries(apiEntries),
            machines,
        };
    });

/**
 * Every violation the policy pack's mandatory rules (and the access-policy advisory, since our APIs
 * must be closed) report on these resources, running the real
 * policies as the policy server would (props marshalled, secrets unwrapped, unknown-checking proxy).
 */
async function packViolations(resources: readonly Registered[]): Promise<string[]> {
    const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
    const specs: ResourceSpec[] = resources
        .filter((r) => r.custom)
        .map((r) => ({
            type: r.type,
            name: r.name,
            props: r.inputs,
            dependsOn: r.dependencies.map(nameOf),
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, urns]) => [key, urns.map(nameOf)])),
        }));
    const found: string[] = [];
    for (const policy of createPolicies(ruleDeps()).filter((p) => p.enforcementLevel === "mandatory" || p.name === "auth0-api-access-policies")) {
        const runs = [
            ...(policy.validateResource ? await Promise.all(specs.map((spec) => runResource(policy, spec))) : []),
            await runStack(policy, specs),
        ];
        for (const run of runs) {
            found.push(...run.violations.map((v) => `${policy.name}: ${v.message}`));
            if (run.unknown) found.push(`${policy.name}: could not verify: ${run.unknown}`);
        }
    }
    return found;
}

function reversed(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reversed);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

let tenantCount = 0;

describe("the pack check used below", () => {
    it("does report what the pack rejects: an Api above the guardrail lifetime, which the component allows", async () => {
        const resources = await registrations(() => new Api("long-lived", { identifier: "https://long.example", tokenLifetime: 172_800 }));
        expect(await packViolations(resources)).toEqual([
            expect.stringMatching(/^auth0-token-lifetime-limits: .*tokenLifetime 172800 s exceeds the maximum of 86400 s/),
        ]);
    });
});

describe("generated tenant configs", () => {
    it("are accepted, and parsing is idempotent", () => {
        fc.assert(
            fc.property(tenantArb, (config) => {
                const parsed = parseTenantConfig(config);
                expect(parsed.ok ? [] : parsed.issues).toEqual([]);
                expect(parsed.ok && parseTenantConfig(parsed.config)).toEqual(parsed);
            }),
            { numRuns: 200 },
        );
    });

    it("never yield a resource the policy pack rejects, and register the same resources in any key order", async () => {
        await fc.assert(
            fc.asyncProperty(tenantArb, async (config) => {
                const name = `gen${tenantCount++}`;
                const resources = await registrations(() => new TenantAccess(name, config));
                expect(await packViolations(resources)).toEqual([]);
                const again = await registrations(() => new TenantAccess(name, reversed(config) as typeof config));
                const shape = (rs: readonly Registered[]) => rs.map((r) => JSON.stringify([r.type, r.name, r.parent, r.inputs])).sort();
                expect(shape(again)).toEqual(shape(resources));
            }),
            { numRuns: 20 },
        );
    });

    it("are rejected, with nothing registered, once any grant gains a wildcard or an API an over-long lifetime", async () => {
        const breakage = fc.constantFrom("wildcard", "lifetime", "escalation");
        await fc.assert(
            fc.asyncProperty(tenantArb, breakage, async (config, how) => {
                const broken: any = structuredClone(config);
                const apiKeys = Object.keys(broken.apis);
                const machineKeys = Object.keys(broken.machines);
                if (how === "lifetime" && apiKeys.length > 0) broken.apis[apiKeys[0]].tokenLifetime = DEFAULT_TOKEN_LIFETIME_LIMITS.maxTokenLifetime + 1;
                else if (how === "wildcard" && machineKeys.length > 0) broken.machines[machineKeys[0]].grants.management = { scopes: ["read:*"] };
                else if (machineKeys.length > 0) broken.machines[machineKeys[0]].grants.management = { scopes: ["create:client_grants"] };
                else broken.domain = "not a domain";
                const parsed = parseTenantConfig(broken);
                expect(parsed.ok).toBe(false);
                const resources = await registrations(() => {
                    try {
                        new TenantAccess(`broken${tenantCount++}`, broken);
                    } catch {
                        // Expected: the point is what was registered.
                    }
                });
                expect(resources).toEqual([]);
            }),
            { numRuns: 60 },
        );
    });
});
