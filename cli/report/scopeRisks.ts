// The Management API scope lists a plan's policy config puts in effect, for the report and the
// access diff's marks. The pack's config replaces a default list as a whole
// (policy-pack/policies/managementApiNoEscalation.ts, managementApiSensitiveScopes.ts), so the lists
// come from the reconciled config, not from the guardrails' defaults.
import { DEFAULT_ESCALATION_SCOPES, DEFAULT_SENSITIVE_SCOPES, SCOPE_RISK_POLICIES } from "../../policy-pack/guardrails";
import { byText, type PlanLevel, type PlanScopeRisks } from "./types";


const keys = (list: Readonly<Record<string, string>>) => Object.keys(list).sort(byText);

/** The guardrails' default lists, with the levels unknown (a report built without the pack's config). */
export const DEFAULT_SCOPE_RISKS: PlanScopeRisks = {
    escalation: keys(DEFAULT_ESCALATION_SCOPES),
    sensitive: keys(DEFAULT_SENSITIVE_SCOPES),
    escalationLevel: null,
    sensitiveLevel: null,
};

type PolicyConfig = Readonly<Record<string, { readonly enforcementLevel: string; readonly properties: Readonly<Record<string, unknown>> }>>;

/**
 * The lists and levels of a reconciled policy config (defaults filled in, as the engine does). A
 * pack without one of the two policies keeps that default list, with a null level.
 */
export function scopeRisksOf(config: PolicyConfig): PlanScopeRisks {
    const list = ({ policy, setting }: { policy: string; setting: string }, fallback: readonly string[]) => {
        const value = config[policy]?.properties[setting];
        return value !== null && typeof value === "object" && !Array.isArray(value) ? keys(value as Record<string, string>) : fallback;
    };
    const level = (policy: string) => (config[policy] ? (config[policy].enforcementLevel as PlanLevel) : null);
    return {
        escalation: list(SCOPE_RISK_POLICIES.takeover, DEFAULT_SCOPE_RISKS.escalation),
        sensitive: list(SCOPE_RISK_POLICIES.sensitive, DEFAULT_SCOPE_RISKS.sensitive),
        escalationLevel: level(SCOPE_RISK_POLICIES.takeover.policy),
        sensitiveLevel: level(SCOPE_RISK_POLICIES.sensitive.policy),
    };
}
