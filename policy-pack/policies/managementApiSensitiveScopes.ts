import { AUTH0_TYPES, DEFAULT_SENSITIVE_SCOPES, SCOPE_RISK_POLICIES } from "../guardrails";
import { checkDeniedScopes, deniedScopesSchema, readDeniedScopes } from "../support/deniedScopes";
import { resourceRule } from "../support/rule";

/** Mirrors the configSchema below. */
export interface ManagementApiSensitiveScopesArgs {
    /** Scope to the reason it is flagged; replaces the default list as a whole. */
    readonly sensitiveScopes: Readonly<Record<string, string>>;
}

/**
 * The "sensitive" tier: scopes that can take over users' accounts, weaken a tenant-wide defence
 * (MFA, mail and SMS, the login page, attack protection, tenant settings), or expose credentials or
 * users' personal data in bulk, yet that ordinary integrations need. Advisory by default; set this policy's level to
 * "mandatory" to block them too, and exempt the grants that need them.
 */
export const managementApiSensitiveScopes = resourceRule<ManagementApiSensitiveScopesArgs>({
    name: SCOPE_RISK_POLICIES.sensitive.policy,
    description:
        "Client grants on the Auth0 Management API that hold scopes able to take over users' accounts, weaken MFA, mail, " +
        "SMS, the login page, attack protection or tenant settings, or read credentials or users' personal data in bulk " +
        "(update:users, update:mfa_policies, create:user_tickets, create:role_members, read:users, ...). Ordinary integrations such as a user-sync job need some of " +
        "them, so this tier has its own level: advisory by default, mandatory by config.",
    enforcementLevel: "advisory",
    severity: "high",
    tags: ["auth0", "management-api", "account-takeover"],
    remediationSteps:
        "Keep the scope only on the application whose job needs it, and prefer the narrower one where it exists " +
        "(update:users_app_metadata rather than update:users). With this policy mandatory, exempt that grant for the scope.",
    appliesTo: [AUTH0_TYPES.clientGrant],
    exemptionsBy: "scope",
    settings: {
        sensitiveScopes: deniedScopesSchema("Management API scopes able to take over users' accounts, weaken a defence or expose secrets or personal data"),
    },
    defaults: { sensitiveScopes: DEFAULT_SENSITIVE_SCOPES },
    parseSettings: (merged, at) => ({ sensitiveScopes: readDeniedScopes(merged.sensitiveScopes, at.key("sensitiveScopes")) }),
    check(resource, config, findings) {
        checkDeniedScopes(resource, config.sensitiveScopes, findings, {
            check: "whether it holds sensitive scopes",
            fix: (scope) =>
                `if this application's job needs it, keep it and, where this policy is mandatory, add a time-boxed exemption listing "${scope}".`,
        });
    },
});
