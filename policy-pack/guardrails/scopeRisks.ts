// Management API scopes whose holder can gain powers beyond its grant, take over accounts or the
// tenant, run code in the token pipeline, or read or replace credentials. One table, read by both
// escalation rules, the config schema, the deployer list and the README (a test keeps the README's
// table in step).
//
// The tiers' entries live in scopeRisksTakeover.ts, scopeRisksSensitive.ts (users' accounts and
// permissions) and scopeRisksSensitiveTenant.ts (defences, the login page, secrets and personal
// data); scopes judged and left off, in scopesJudged.ts. Sources: each entry names the Management
// API docs page of an endpoint that needs the scope (https://auth0.com/docs/api/management/v2/<page>;
// the catalogue in catalogue/data records which endpoints list which scope, and a test checks a
// cited page lists it), plus a prose page where the risk is Auth0's own words.
import type { ManagementApiScope } from "./catalogue/catalogue";
import type { ScopeRisk, ScopeRiskTier } from "./scopeRiskTypes";
import { SENSITIVE_ACCOUNT_SCOPE_RISKS } from "./scopeRisksSensitive";
import { SENSITIVE_TENANT_SCOPE_RISKS } from "./scopeRisksSensitiveTenant";
import { TAKEOVER_SCOPE_RISKS } from "./scopeRisksTakeover";

export type { ScopeJudgement, ScopeRisk, ScopeRiskTier } from "./scopeRiskTypes";
export { SCOPES_JUDGED_NOT_ESCALATING } from "./scopesJudged";

/** Every rated scope, both tiers (the parts are disjoint; a test checks). */
export const MANAGEMENT_API_SCOPE_RISKS: Readonly<Partial<Record<ManagementApiScope, ScopeRisk>>> = {
    ...TAKEOVER_SCOPE_RISKS,
    ...SENSITIVE_ACCOUNT_SCOPE_RISKS,
    ...SENSITIVE_TENANT_SCOPE_RISKS,
};

function tier(wanted: ScopeRiskTier): Record<string, string> {
    return Object.fromEntries(
        Object.entries(MANAGEMENT_API_SCOPE_RISKS)
            .filter(([, risk]) => risk!.tier === wanted)
            .map(([scope, risk]) => [scope, risk!.reason]),
    );
}

/** "Takes over the tenant": scope to reason. Mandatory, and never grantable through stack config. */
export const DEFAULT_ESCALATION_SCOPES: Readonly<Record<string, string>> = Object.freeze(tier("takeover"));

/** "Sensitive": scope to reason. Its policy's level decides whether it blocks. */
export const DEFAULT_SENSITIVE_SCOPES: Readonly<Record<string, string>> = Object.freeze(tier("sensitive"));

/**
 * The pack's policy that denies each tier's scopes, and its setting that replaces the tier's default
 * list as a whole (policy-pack/policies/managementApiNoEscalation.ts, managementApiSensitiveScopes.ts),
 * named once here for the rules and for the plan's report, which reads the lists a policy config puts
 * in effect.
 */
export const SCOPE_RISK_POLICIES = {
    takeover: { policy: "auth0-management-api-no-escalation", setting: "escalationScopes" },
    sensitive: { policy: "auth0-management-api-sensitive-scopes", setting: "sensitiveScopes" },
} as const satisfies Record<ScopeRiskTier, { policy: string; setting: string }>;
