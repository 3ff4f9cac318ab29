// For any two generated access configs A and B of one stack, applying diff(A, B) to A's access
// model gives B's: the diff leaves nothing out. Configs are drawn from small pools of machines,
// APIs and scopes so that A and B overlap, as a pull request's base and head do.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accessStateOf } from "../../../cli/diff/accessState";
import { applyDiff } from "../../../cli/diff/applyDiff";
import { diffAccess, isEmptyDiff } from "../../../cli/diff/diffAccess";
import type { PlanReport } from "../../../cli/report/types";

const MACHINES = ["billing", "sync", "export", "audit"];
const AUDIENCES = ["https://acme.eu.auth0.com/api/v2/", "https://orders.acme.example", "https://ledger.acme.example"];
const SCOPES = ["read:users", "create:users", "update:clients", "read:orders", "write:orders", "read:ledger"];
const shownNumber = fc.oneof(fc.constantFrom(60, 3600, 86_400, 604_800), fc.constantFrom("[secret]" as const, "[unknown]" as const));
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const machine = (name: string) =>
    fc.record({
        machine: fc.constantFrom(name, `${name} (renamed)`),
        urn: fc.constant(`urn:pulumi:dev::p::auth0:index/client:Client::${name}`),
        name: fc.constant(name),
        appType: fc.constant("non_interactive"),
        grantTypes: fc.constant(null),
        clientCredentials: fc.constant(true),
        authenticationMethod: orNull(fc.constantFrom("client_secret_post", "private_key_jwt", "[secret]")),
        tokenQuota: orNull(fc.record({ perHour: orNull(fc.constantFrom(10, 100)), perDay: orNull(fc.constantFrom(100, 1000)), enforce: orNull(fc.boolean()) })),
        grants: fc.constant(0),
    });

const api = (identifier: string) =>
    fc.record({
        identifier: fc.constant(identifier),
        label: fc.constantFrom(identifier, "Orders"),
        urn: fc.constantFrom(`urn:pulumi:dev::p::auth0:index/resourceServer:ResourceServer::${identifier}`, null),
        managementApi: fc.constant(identifier.endsWith("/api/v2/")),
        tokenLifetime: orNull(shownNumber),
        tokenLifetimeForWeb: orNull(shownNumber),
        scopes: fc.constant(null),
        adopted: fc.boolean(),
        retained: fc.boolean(),
        enforcePolicies: orNull(fc.boolean()),
        proofOfPossession: fc.constant(null),
        accessPolicy: fc.record({ user: orNull(fc.constantFrom("denyAll", "allowAll")), client: orNull(fc.constantFrom("denyAll", "requireClientGrant")) }),
    });

const grant = fc.record({
    machineIndex: fc.nat(MACHINES.length - 1),
    audience: fc.constantFrom(...AUDIENCES),
    scopes: fc.oneof({ weight: 5, arbitrary: fc.uniqueArray(fc.constantFrom(...SCOPES)) }, fc.constantFrom("[secret]" as const, "[unknown]" as const)),
    allowAllScopes: fc.boolean(),
    subjectType: orNull(fc.constantFrom("client", "user", "[unknown]")),
    organizationUsage: orNull(fc.constantFrom("deny", "allow", "require", "[secret]")),
    allowAnyOrganization: fc.boolean(),
    logicalName: fc.constantFrom("a", "b"),
});

const config = fc
    .record({
        machines: fc.subarray(MACHINES).chain((names) => fc.tuple(...names.map(machine))),
        apis: fc.subarray(AUDIENCES).chain((ids) => fc.tuple(...ids.map(api))),
        grants: fc.array(grant, { maxLength: 8 }),
        exemptions: fc.uniqueArray(
            fc.record({ policy: fc.constantFrom("auth0-no-wildcard-scopes", "auth0-token-lifetime-limits"), resource: fc.constantFrom("billing-*", "sync-grant"), reason: fc.constantFrom("accepted by the security team until the migration", "legacy exporter, replaced in Q3"), expires: fc.constantFrom("2026-01-01", "2030-12-31"), scopes: fc.option(fc.uniqueArray(fc.constantFrom(...SCOPES, "allowAllScopes"), { minLength: 1 }), { nil: undefined }) }, { requiredKeys: ["policy", "resource", "reason", "expires"] }),
            { selector: (e) => `${e.policy}/${e.resource}` },
        ),
        deployerScopes: fc.subarray(["create:clients", "create:client_grants", "update:resource_servers"]),
        diagnostics: fc.uniqueArray(
            fc.record({ policy: fc.constantFrom("auth0-no-wildcard-scopes", "auth0-m2m-token-quota"), level: fc.constantFrom("mandatory" as const, "advisory" as const), resource: fc.constantFrom("urn:a", null), message: fc.constantFrom("too wide", "no quota") }),
            { selector: (d) => `${d.policy}/${d.resource}/${d.message}` },
        ),
    })
    .map(({ machines, apis, grants, exemptions, deployerScopes, diagnostics }) => {
        const report: Pick<PlanReport, "machines" | "grants" | "apis" | "exemptions" | "deployerScopes" | "diagnostics"> = {
            machines,
            apis,
            grants: grants.map((g) => ({
                machine: MACHINES[g.machineIndex],
                machineUrn: `urn:pulumi:dev::p::auth0:index/client:Client::${MACHINES[g.machineIndex]}`,
                audience: g.audience,
                api: g.audience,
                managementApi: g.audience.endsWith("/api/v2/"),
                scopes: g.scopes,
                allowAllScopes: g.allowAllScopes,
                subjectType: g.subjectType,
                organizationUsage: g.organizationUsage,
                allowAnyOrganization: g.allowAnyOrganization,
                urn: `urn:pulumi:dev::p::auth0:index/clientGrant:ClientGrant::${MACHINES[g.machineIndex]}-${g.logicalName}`,
                name: g.logicalName,
            })),
            exemptions,
            deployerScopes: deployerScopes.map((scope) => ({ scope, reasons: ["create a resource"] })),
            diagnostics: diagnostics.map((d) => ({ ...d, resourceName: null, resourceType: null, description: "" })),
        };
        return accessStateOf(report);
    });

const NOW = new Date("2026-06-01T00:00:00Z");

describe("applyDiff", () => {
    it("applying diff(A, B) to A gives B, for any two configs", () => {
        fc.assert(fc.property(config, config, (a, b) => {
            expect(applyDiff(a, diffAccess(a, b, NOW))).toEqual(b);
        }), { numRuns: 300 });
    });

    it("diff(A, A) is empty, and diff(A, B) is empty only when A equals B", () => {
        fc.assert(
            fc.property(config, config, (a, b) => {
                expect(isEmptyDiff(diffAccess(a, a, NOW))).toBe(true);
                expect(isEmptyDiff(diffAccess(a, b, NOW))).toBe(JSON.stringify(a) === JSON.stringify(b));
            }),
            { numRuns: 300 },
        );
    });
});
