import { AUTH0_TYPES, classifyManagementScopes, DEFAULT_ESCALATION_SCOPES } from "../guardrails";
import { readRecord } from "../support/config";
import { audienceUnknown, readManagementApiGrant } from "../support/managementGrants";
import { isUnknown } from "../support/props";
import { labelOf } from "../support/resources";
import { resourceRule } from "../support/rule";

/** Mirrors the configSchema below. */
export interface ManagementApiNoEscalationArgs {
    /** Scope to the reason it is denied; replaces the default deny-list as a whole. */
    readonly escalationScopes: Readonly<Record<string, string>>;
}

export const managementApiNoEscalation = resourceRule<ManagementApiNoEscalationArgs>({
    name: "auth0-management-api-no-escalation",
    description:
        "Client grants on the Auth0 Management API must not include scopes that let the holder widen its own or " +
        "another application's access, or read or replace credentials (create:client_grants, update:client_keys, " +
        "...), nor allowAllScopes. One leaked M2M secret with such a scope is a takeover of the whole tenant.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["auth0", "management-api", "privilege-escalation"],
    remediationSteps:
        "Remove the scope from the grant and do that work from a separate, tightly held pipeline. If an application " +
        "truly needs it, add a time-boxed exemption with a reason under this policy's config.",
    appliesTo: [AUTH0_TYPES.clientGrant],
    settings: {
        escalationScopes: {
            type: "object",
            description:
                "Management API scopes that must not be granted, each with the reason quoted in violations. Replaces the " +
                "default list as a whole; copy it from the README to extend it.",
            additionalProperties: { type: "string", minLength: 1 },
        },
    },
    defaults: { escalationScopes: DEFAULT_ESCALATION_SCOPES as Record<string, string> },
    parseSettings(merged, at) {
        const scopes = readRecord(merged.escalationScopes, at.key("escalationScopes"));
        // No prototype: a scope named "constructor" or "toString" must not find Object's methods.
        const escalationScopes: Record<string, string> = Object.create(null);
        for (const [scope, reason] of Object.entries(scopes)) {
            escalationScopes[scope] =
                typeof reason === "string" && reason.trim() !== ""
                    ? reason
                    : at.key("escalationScopes").key(scope).fail("must be the reason the scope is denied", reason);
        }
        return { escalationScopes };
    },
    check(resource, config, findings) {
        const grant = readManagementApiGrant(resource, findings, "whether it escalates privileges");
        if (!grant) return;
        const escalation = classifyManagementScopes(grant.scopes, { escalationScopes: config.escalationScopes }).escalation;
        if (isUnknown(grant.audience)) {
            const wouldFlag = [...escalation.map((e) => `"${e.scope}"`), ...(grant.allowAllScopes ? ["allowAllScopes"] : [])];
            if (wouldFlag.length > 0) audienceUnknown(resource, findings, wouldFlag);
            return;
        }
        const where = `${labelOf(resource)} on the Management API (audience "${grant.audience}")`;
        if (grant.allowAllScopes) {
            findings.report(
                resource,
                `${where} sets allowAllScopes: true, which grants every Management API scope, including all ` +
                    `${Object.keys(config.escalationScopes).length} on the escalation deny-list. Remove allowAllScopes and ` +
                    `list only the scopes the application needs.`,
            );
        }
        for (const { scope, reason } of escalation) {
            findings.report(
                resource,
                `${where} grants "${scope}", which ${reason}. Remove "${scope}" from scopes; if this application truly ` +
                    `needs it, add a time-boxed exemption with a reason under this policy's config.`,
            );
        }
    },
});
