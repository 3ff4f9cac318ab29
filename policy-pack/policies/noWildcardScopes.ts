import { AUTH0_TYPES, hasWildcard } from "../guardrails";
import { isUnknown } from "../support/props";
import { labelOf, grantFields, scopeDefinitions } from "../support/resources";
import { NO_SETTINGS, resourceRule } from "../support/rule";

export const noWildcardScopes = resourceRule({
    name: "auth0-no-wildcard-scopes",
    description:
        "Client grants must list literal scopes: no scope containing '*', and no allowAllScopes. APIs must not " +
        "define scopes containing '*'. Auth0 has no scope wildcards, so a '*' is either a typo that fails or a scope " +
        "that reads as a wildcard in review; allowAllScopes silently grants every scope the API defines, now and later.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["auth0", "least-privilege", "scopes"],
    remediationSteps:
        "List each scope the application needs in the grant's `scopes` (e.g. \"read:orders\"), remove `allowAllScopes`, " +
        "and rename any API scope containing '*' to a literal permission.",
    appliesTo: [AUTH0_TYPES.clientGrant, AUTH0_TYPES.resourceServerScopes, AUTH0_TYPES.resourceServerScope],
    ...NO_SETTINGS,
    check(resource, _config, findings) {
        if (resource.type === AUTH0_TYPES.clientGrant) {
            const grant = grantFields(resource);
            const audience = isUnknown(grant.audience) || grant.audience === undefined ? "" : ` on audience "${grant.audience}"`;
            if (isUnknown(grant.allowAllScopes)) {
                findings.cannotCheck(resource, "allowAllScopes", "whether the grant allows every scope");
            } else if (grant.allowAllScopes) {
                findings.report(
                    resource,
                    `${labelOf(resource)} sets allowAllScopes: true${audience}, which grants every scope the API defines, ` +
                        `including any added later. Remove allowAllScopes and list the scopes the application needs in scopes.`,
                );
            }
            if (isUnknown(grant.scopes)) {
                findings.cannotCheck(resource, "scopes", "whether a scope contains a wildcard");
                return;
            }
            (grant.scopes ?? []).forEach((scope, i) => {
                if (isUnknown(scope)) findings.cannotCheck(resource, `scopes[${i}]`, "whether it contains a wildcard");
                else if (scope !== undefined && hasWildcard(scope)) {
                    findings.report(
                        resource,
                        `${labelOf(resource)} asks for scope "${scope}"${audience}, which contains "*". Auth0 scopes are ` +
                            `literal strings with no wildcards, so this names a scope that should not exist. Replace it with ` +
                            `the literal scopes the application needs (e.g. "read:orders").`,
                    );
                }
            });
            return;
        }

        const { identifier, scopes } = scopeDefinitions(resource);
        const api = identifier === undefined || isUnknown(identifier) ? "" : ` on API "${identifier}"`;
        if (isUnknown(scopes)) {
            findings.cannotCheck(resource, "scopes", "whether a defined scope contains a wildcard");
            return;
        }
        for (const { scope, field } of scopes ?? []) {
            if (isUnknown(scope)) findings.cannotCheck(resource, field, "whether it contains a wildcard");
            else if (scope !== undefined && hasWildcard(scope)) {
                findings.report(
                    resource,
                    `${labelOf(resource)} defines scope "${scope}"${api} (${field}), which contains "*". Auth0 treats it as ` +
                        `a literal name, yet every grant that asks for it reads as a wildcard. Rename it to a literal ` +
                        `permission such as "read:orders".`,
                );
            }
        }
    },
});
