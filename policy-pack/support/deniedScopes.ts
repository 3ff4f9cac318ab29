// The shared half of the two Management API deny-list rules (takeover and sensitive scopes): the
// config knob (scope to reason) and the per-grant check, differing only in wording and list.
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { deniedScopesIn } from "../guardrails";
import { type PolicyConfigLocation, readRecord } from "./config";
import type { Findings } from "./findings";
import { audienceUnknown, readManagementApiGrant } from "./managementGrants";
import { isUnknown } from "./props";
import { type Auth0Resource, labelOf } from "./resources";

export function deniedScopesSchema(what: string): PolicyConfigJSONSchema {
    return {
        type: "object",
        description:
            `${what}, each with the reason quoted in findings. Replaces the default list as a whole; copy it from the ` +
            "README to extend it.",
        additionalProperties: { type: "string", minLength: 1 },
    };
}

/** Scope to reason, from config; a prototype-free record so "constructor" can't find Object's. */
export function readDeniedScopes(value: unknown, at: PolicyConfigLocation): Record<string, string> {
    const scopes = readRecord(value, at);
    const denied: Record<string, string> = Object.create(null);
    for (const [scope, reason] of Object.entries(scopes)) {
        denied[scope] = typeof reason === "string" && reason.trim() !== "" ? reason : at.key(scope).fail("must be the reason the scope is denied", reason);
    }
    return denied;
}

export interface DeniedScopeWording {
    /** What the check is, for the preview advisory: "whether it escalates privileges". */
    readonly check: string;
    /** Says what to do, after `Remove "<scope>" from scopes`. */
    readonly fix: (scope: string) => string;
}

/**
 * Reports each listed scope a Management API grant holds, one finding per scope. Returns the grant
 * (or undefined when it is not a Management API grant) for rule-specific checks.
 */
export function checkDeniedScopes(
    resource: Auth0Resource,
    denied: Readonly<Record<string, string>>,
    findings: Findings,
    wording: DeniedScopeWording,
    extraWouldFlag: (allowAllScopes: boolean) => string[] = () => [],
): ReturnType<typeof readManagementApiGrant> {
    const grant = readManagementApiGrant(resource, findings, wording.check);
    if (!grant) return undefined;
    // Only the deny-list: the catalogue checks (and their costly suggestions) are another rule's.
    const hits = deniedScopesIn(grant.scopes, denied);
    if (isUnknown(grant.audience)) {
        const wouldFlag = [...hits.map((e) => `"${e.scope}"`), ...extraWouldFlag(grant.allowAllScopes)];
        if (wouldFlag.length > 0) audienceUnknown(resource, findings, wouldFlag);
        return grant;
    }
    const where = `${labelOf(resource)} on the Management API (audience "${grant.audience}")`;
    for (const { scope, reason } of hits) {
        findings.report(resource, `${where} grants "${scope}", which ${reason}. Remove "${scope}" from scopes; ${wording.fix(scope)}`, scope);
    }
    return grant;
}
