import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isManagementApiScope, MANAGEMENT_API_SCOPE_RISKS, SCOPES_JUDGED_NOT_ESCALATING } from "../../../policy-pack/guardrails";

const endpoints = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../../policy-pack/guardrails/catalogue/data/management-api-v2-endpoints.json"), "utf8"),
) as { docPage: string; scopes: string[] }[];

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

    it("names only catalogue scopes, and each docs page it cites is one whose endpoint lists the scope", () => {
        for (const [scope, risk] of Object.entries({ ...MANAGEMENT_API_SCOPE_RISKS })) {
            expect(isManagementApiScope(scope), scope).toBe(true);
            const page = /auth0\.com\/docs\/api\/management\/v2\/([a-z0-9/-]+)/.exec(risk!.source)?.[1];
            if (page === undefined) continue; // the one scope whose endpoint left the docs says so in its source
            expect(endpoints.some((e) => e.docPage === page && e.scopes.includes(scope)), `${scope}: ${page}`).toBe(true);
        }
        expect(Object.keys(SCOPES_JUDGED_NOT_ESCALATING).filter((s) => s in MANAGEMENT_API_SCOPE_RISKS)).toEqual([]);
    });
});
