// Each kind of change the diff marks, one table row each: exemption scopes, a grant's subject type
// and organization settings, and Management API scopes marked by the lists the plan's policy config
// puts in effect (takeover before sensitive before any other gain).
import { describe, expect, it } from "vitest";
import { diffAccess, diffRisk } from "../../../cli/diff/diffAccess";
import { EMPTY_ACCESS } from "../../../cli/diff/accessState";
import type { AccessState, ExemptionState, GrantState } from "../../../cli/diff/types";
import { diffSections } from "../../../cli/report/diffLines";
import { DEFAULT_SCOPE_RISKS, scopeRisksOf } from "../../../cli/report/scopeRisks";

const NOW = new Date("2026-06-01T00:00:00Z");
const MANAGEMENT = "https://acme.eu.auth0.com/api/v2/";

const grant = (over: Partial<GrantState> = {}): GrantState => ({
    key: "billing\u0000orders",
    machine: "billing",
    audience: "https://orders.acme.example",
    api: "Orders",
    managementApi: false,
    scopes: ["read:orders"],
    allowAllScopes: false,
    subjectType: "client",
    organizationUsage: null,
    allowAnyOrganization: false,
    ...over,
});
const exemption = (scopes: readonly string[] | undefined): ExemptionState => ({
    key: "auth0-management-api-sensitive-scopes\u0000sync-grant",
    policy: "auth0-management-api-sensitive-scopes",
    resource: "sync-grant",
    reason: "the user-sync job needs it until the migration",
    expires: "2030-01-01",
    ...(scopes ? { scopes } : {}),
});
const withGrants = (...grants: GrantState[]): AccessState => ({ ...EMPTY_ACCESS, grants });
const fieldsOf = (before: GrantState, after: GrantState) => diffAccess(withGrants(before), withGrants(after), NOW).grants.changed[0]?.fields ?? [];

describe("diffAccess", () => {
    it("shows an exemption widened from one scope to three as a widening change, and narrowed back as narrowing", () => {
        const one = { ...EMPTY_ACCESS, exemptions: [exemption(["update:users"])] };
        const three = { ...EMPTY_ACCESS, exemptions: [exemption(["create:user_tickets", "update:roles", "update:users"])] };
        const widened = diffAccess(one, three, NOW);
        expect(widened.exemptions.changed).toEqual([
            expect.objectContaining({ risk: "widening", fields: [{ field: "scopes", before: "update:users", after: "create:user_tickets, update:roles, update:users", risk: "widening" }] }),
        ]);
        expect(diffSections(widened).find((s) => s.title === "Exemptions")!.lines.map((l) => l.text)).toEqual([
            "~ auth0-management-api-sensitive-scopes / sync-grant: scopes: update:users -> create:user_tickets, update:roles, update:users",
        ]);
        expect(diffAccess(three, one, NOW).exemptions.changed[0].risk).toBe("narrowing");
    });

    it.each([
        ["subjectType client -> user", { subjectType: "client" }, { subjectType: "user" }, "subjectType", "widening"],
        ["organizationUsage unset -> allow", {}, { organizationUsage: "allow" }, "organizationUsage", "widening"],
        ["organizationUsage unset -> deny", {}, { organizationUsage: "deny" }, "organizationUsage", "neutral"],
        ["organizationUsage deny -> allow", { organizationUsage: "deny" }, { organizationUsage: "allow" }, "organizationUsage", "widening"],
        ["organizationUsage deny -> require", { organizationUsage: "deny" }, { organizationUsage: "require" }, "organizationUsage", "widening"],
        ["organizationUsage allow -> require", { organizationUsage: "allow" }, { organizationUsage: "require" }, "organizationUsage", "narrowing"],
        ["organizationUsage require -> allow", { organizationUsage: "require" }, { organizationUsage: "allow" }, "organizationUsage", "widening"],
        ["organizationUsage allow -> unknown", { organizationUsage: "allow" }, { organizationUsage: "[unknown]" }, "organizationUsage", "neutral"],
        ["allowAnyOrganization on", {}, { allowAnyOrganization: true }, "allowAnyOrganization", "widening"],
        ["allowAnyOrganization off", { allowAnyOrganization: true }, {}, "allowAnyOrganization", "narrowing"],
    ] as const)("marks a grant's %s", (_, before, after, field, risk) => {
        expect(fieldsOf(grant(before), grant(after))).toEqual([expect.objectContaining({ field, risk })]);
    });

    it("marks Management API scopes by the lists in effect: escalation, then sensitive, then widening", () => {
        const before = grant({ audience: MANAGEMENT, api: "Auth0 Management API", managementApi: true, scopes: ["read:users"] });
        const after = { ...before, scopes: ["create:client_grants", "read:users", "read:roles", "update:users"] };
        const marked = (risks = DEFAULT_SCOPE_RISKS) => diffAccess(withGrants(before), withGrants(after), NOW, risks).grants.changed[0].scopesAdded;
        expect(marked()).toEqual([
            { scope: "create:client_grants", risk: "escalation" },
            { scope: "read:roles", risk: "widening" },
            { scope: "update:users", risk: "sensitive" },
        ]);
        // A policy config that moves read:roles onto the escalation list and empties the sensitive one.
        expect(marked({ ...DEFAULT_SCOPE_RISKS, escalation: ["read:roles"], sensitive: [] })).toEqual([
            { scope: "create:client_grants", risk: "widening" },
            { scope: "read:roles", risk: "escalation" },
            { scope: "update:users", risk: "widening" },
        ]);
        // The same scope on another API is only a widening.
        expect(diffAccess(withGrants(grant()), withGrants(grant({ scopes: ["read:orders", "update:users"] })), NOW).grants.changed[0].scopesAdded).toEqual([{ scope: "update:users", risk: "widening" }]);
    });

    it("marks allowAllScopes on the Management API as an escalation, on a new grant and on an existing one", () => {
        const management = grant({ audience: MANAGEMENT, api: "Auth0 Management API", managementApi: true, scopes: [] });
        const added = diffAccess(EMPTY_ACCESS, withGrants({ ...management, allowAllScopes: true }), NOW);
        expect(added.grants.added[0].risk).toBe("escalation");
        expect(diffRisk(added)).toBe("escalation");
        expect(fieldsOf(management, { ...management, allowAllScopes: true })).toEqual([expect.objectContaining({ field: "allowAllScopes", risk: "escalation" })]);
    });

    it("marks the deployer's new scopes by the same lists", () => {
        const diff = diffAccess(EMPTY_ACCESS, { ...EMPTY_ACCESS, deployerScopes: ["create:clients", "update:client_grants"] }, NOW);
        expect(diff.deployerScopes.added).toEqual([
            { scope: "create:clients", risk: "widening" },
            { scope: "update:client_grants", risk: "escalation" },
        ]);
    });
});

describe("scopeRisksOf", () => {
    it("takes each list and level from the reconciled policy config, a replaced list as a whole", () => {
        const config = {
            "auth0-management-api-no-escalation": { enforcementLevel: "mandatory", properties: { escalationScopes: { "read:logs": "reads the logs", "create:client_grants": "grants" } } },
            "auth0-management-api-sensitive-scopes": { enforcementLevel: "mandatory", properties: { sensitiveScopes: {} } },
        };
        expect(scopeRisksOf(config)).toEqual({ escalation: ["create:client_grants", "read:logs"], sensitive: [], escalationLevel: "mandatory", sensitiveLevel: "mandatory" });
    });

    it("keeps the guardrails' default list, with no level, for a pack without the policy", () => {
        expect(scopeRisksOf({})).toEqual(DEFAULT_SCOPE_RISKS);
        expect(DEFAULT_SCOPE_RISKS.sensitive).toContain("update:users");
        expect(DEFAULT_SCOPE_RISKS.escalation).toContain("create:client_grants");
    });
});
