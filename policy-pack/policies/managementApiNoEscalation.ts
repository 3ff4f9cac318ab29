import { AUTH0_TYPES, DEFAULT_ESCALATION_SCOPES, SCOPE_RISK_POLICIES } from "../guardrails";
import { checkDeniedScopes, deniedScopesSchema, readDeniedScopes } from "../support/deniedScopes";
import { isUnknown } from "../support/props";
import { labelOf } from "../support/resources";
import { resourceRule } from "../support/rule";

/** Mirrors the configSchema below. */
export interface ManagementApiNoEscalationArgs {
    /** Scope to the reason it is denied; replaces the default deny-list as a whole. */
    readonly escalationScopes: Readonly<Record<string, string>>;
}

export const managementApiNoEscalation = resourceRule<ManagementApiNoEscalationArgs>({
    name: SCOPE_RISK_POLICIES.takeover.policy,
    description:
        "Client grants on the Auth0 Management API must not include scopes whose holder can take over the tenant: " +
        "gain powers beyond its grant (create:client_grants, ...), run code in logins and token exchanges " +
        "(update:actions, update:connections, ...), read or replace credentials (read:client_credentials, ...), or " +
        "receive password-reset mail (update:email_provider, ...); nor allowAllScopes. One leaked M2M secret with such a " +
        "scope is the whole tenant.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["auth0", "management-api", "privilege-escalation"],
    remediationSteps:
        "Remove the scope from the grant and do that work from a separate, tightly held pipeline. If an application " +
        "truly needs it, add a time-boxed exemption listing that scope under this policy's config. The deployer (the " +
        "application the auth0 provider runs as) needs some of these scopes to apply the program: if the grant is the " +
        "deployer's own, don't remove them; take the grant out of the program without deleting it (pulumi state delete), " +
        "or exempt it.",
    appliesTo: [AUTH0_TYPES.clientGrant],
    exemptionsBy: "scope",
    settings: {
        escalationScopes: deniedScopesSchema("Management API scopes whose holder can take over the tenant, denied to every grant"),
    },
    defaults: { escalationScopes: DEFAULT_ESCALATION_SCOPES },
    parseSettings: (merged, at) => ({ escalationScopes: readDeniedScopes(merged.escalationScopes, at.key("escalationScopes")) }),
    check(resource, config, findings) {
        const grant = checkDeniedScopes(
            resource,
            config.escalationScopes,
            findings,
            {
                check: "whether it escalates privileges",
                fix: (scope) => `if this application truly needs it, add a time-boxed exemption listing "${scope}" under this policy's config.`,
            },
            (allowAllScopes) => (allowAllScopes ? ["allowAllScopes"] : []),
        );
        if (!grant || isUnknown(grant.audience) || !grant.allowAllScopes) return;
        findings.report(
            resource,
            `${labelOf(resource)} on the Management API (audience "${grant.audience}") sets allowAllScopes: true, which ` +
                `grants every Management API scope, including all ${Object.keys(config.escalationScopes).length} that take ` +
                `over the tenant. Remove allowAllScopes and list only the scopes the application needs.`,
            "allowAllScopes",
        );
    },
});
