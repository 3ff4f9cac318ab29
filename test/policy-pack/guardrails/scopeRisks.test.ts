import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isManagementApiScope, MANAGEMENT_API_SCOPE_RISKS, MANAGEMENT_API_SCOPES, SCOPES_JUDGED_NOT_ESCALATING } from "../../../policy-pack/guardrails";
import { SENSITIVE_ACCOUNT_SCOPE_RISKS } from "../../../policy-pack/guardrails/scopeRisksSensitive";
import { SENSITIVE_TENANT_SCOPE_RISKS } from "../../../policy-pack/guardrails/scopeRisksSensitiveTenant";
import { TAKEOVER_SCOPE_RISKS } from "../../../policy-pack/guardrails/scopeRisksTakeover";
import { DESTROYING_SCOPES, USER_CONTEXT_SCOPES } from "../../../policy-pack/guardrails/scopesJudged";

const guardrails = path.join(__dirname, "../../../policy-pack/guardrails");
const endpoints = JSON.parse(fs.readFileSync(path.join(guardrails, "catalogue/data/management-api-v2-endpoints.json"), "utf8")) as {
    method: string;
    path: string;
    docPage: string;
    scopes: string[];
}[];
const citedPages = (source: string) => [...source.matchAll(/auth0\.com\/docs\/api\/management\/v2\/([a-z0-9/-]+)/g)].map((m) => m[1]);
const judgedInGroups = new Set<string>([...DESTROYING_SCOPES, ...USER_CONTEXT_SCOPES]);

describe("the Management API scope risks", () => {
    it("judges every scope issue 10 lists, each kept or left out with a reason", () => {
        const judged = [
            ...["create:actions", "update:actions", "create:connections", "update:connections"],
            ...["update:resource_servers", "update:clients", "update:tenant_settings"],
            ...["create:user_tickets", "update:users", "update:users_app_metadata", "create:role_members", "update:roles"],
            ...["create:token_exchange_profiles", "update:token_exchange_profiles", "create:sso_access_tickets"],
            ...["update:email_provider", "update:email_templates", "create:guardian_enrollment_tickets", "update:guardian_factors", "update:mfa_policies"],
        ];
        for (const scope of judged) expect(scope in MANAGEMENT_API_SCOPE_RISKS || scope in SCOPES_JUDGED_NOT_ESCALATING, scope).toBe(true);
    });

    // Reads are rated only when they return credentials or personal data in bulk (scopesJudged.ts);
    // every other scope changes something, so it must be rated or judged.
    it("rates or judges every catalogue scope that is not a read, so a new scope fails until someone judges it", () => {
        const unjudged = MANAGEMENT_API_SCOPES.filter((s) => !s.startsWith("read:") && !(s in MANAGEMENT_API_SCOPE_RISKS) && !(s in SCOPES_JUDGED_NOT_ESCALATING));
        expect(unjudged).toEqual([]);
    });

    it("rates each scope once: the tier tables are disjoint, and nothing both rated and judged", () => {
        const parts = [TAKEOVER_SCOPE_RISKS, SENSITIVE_ACCOUNT_SCOPE_RISKS, SENSITIVE_TENANT_SCOPE_RISKS].map((part) => Object.keys(part));
        expect(parts.flat().length).toBe(Object.keys(MANAGEMENT_API_SCOPE_RISKS).length);
        expect(Object.values(TAKEOVER_SCOPE_RISKS).every((r) => r!.tier === "takeover")).toBe(true);
        expect([SENSITIVE_ACCOUNT_SCOPE_RISKS, SENSITIVE_TENANT_SCOPE_RISKS].flatMap((t) => Object.values(t)).every((r) => r!.tier === "sensitive")).toBe(true);
        expect(Object.keys(SCOPES_JUDGED_NOT_ESCALATING).filter((s) => s in MANAGEMENT_API_SCOPE_RISKS)).toEqual([]);
    });

    it("names only catalogue scopes, and cites for each a docs page whose endpoint lists it", () => {
        const entries = [...Object.entries({ ...MANAGEMENT_API_SCOPE_RISKS }), ...Object.entries({ ...SCOPES_JUDGED_NOT_ESCALATING })];
        for (const [scope, entry] of entries) {
            expect(isManagementApiScope(scope), scope).toBe(true);
            if (judgedInGroups.has(scope)) continue; // checked below, by what the group says of its scopes
            const pages = citedPages(entry!.source);
            if (scope === "read:federated_connections_tokens") continue; // its endpoint left the docs; its source says so
            expect(pages.some((page) => endpoints.some((e) => e.docPage === page && e.scopes.includes(scope))), `${scope}: ${pages.join(", ")}`).toBe(true);
        }
    });

    it("judges as destroying only scopes whose every endpoint deletes or revokes", () => {
        for (const scope of DESTROYING_SCOPES) {
            const opened = endpoints.filter((e) => e.scopes.includes(scope)).map((e) => `${e.method} ${e.path}`);
            expect(opened.filter((e) => !e.startsWith("DELETE ") && !/^POST \S*\/revoke(-access)?(\/|$)/.test(e)), scope).toEqual([]);
        }
        // The user-context group is exactly the catalogue's *current_user* scopes that are not reads.
        expect([...USER_CONTEXT_SCOPES].sort()).toEqual(MANAGEMENT_API_SCOPES.filter((s) => s.includes("current_user") && !s.startsWith("read:")).sort());
    });

    it("lists every judged scope in the pack README's \"Judged and left off\" section", () => {
        const readme = fs.readFileSync(path.join(guardrails, "../README.md"), "utf8");
        const start = readme.indexOf("\n- ", readme.indexOf("Judged and left off")); // the list, after its intro
        const section = readme.slice(start, readme.indexOf("The deployer (the application the provider runs as)"));
        const listed = new Set<string>([...section.matchAll(/`([a-z_]+:[a-z_]+)`/g)].map((m) => m[1]).filter(isManagementApiScope));
        expect(Object.keys(SCOPES_JUDGED_NOT_ESCALATING).filter((s) => !listed.has(s))).toEqual([]);
        expect([...listed].filter((s) => !(s in SCOPES_JUDGED_NOT_ESCALATING))).toEqual([]);
    });
});
