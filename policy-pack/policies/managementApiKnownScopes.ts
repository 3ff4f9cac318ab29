import { AUTH0_TYPES, classifyManagementScopes, isOidcScope, oidcScopeInGrant, quoteAlternatives, quoteList } from "../guardrails";
import { readStringArray } from "../support/config";
import { audienceUnknown, readManagementApiGrant } from "../support/managementGrants";
import { isUnknown } from "../support/props";
import { labelOf } from "../support/resources";
import { resourceRule } from "../support/rule";

/** Mirrors the configSchema below. */
export interface ManagementApiKnownScopesArgs {
    /** Scopes to accept although the bundled catalogue lacks them (Auth0 adds scopes over time). */
    readonly additionalKnownScopes: readonly string[];
}

export const managementApiKnownScopes = resourceRule<ManagementApiKnownScopesArgs>({
    name: "auth0-management-api-known-scopes",
    description:
        "Client grants on the Auth0 Management API may only list scopes the Management API defines (per the bundled " +
        "catalogue), and no user-context scopes (*current_user*) outside a user-delegated grant (subjectType \"user\"): " +
        "they do nothing in a client-credentials grant. An " +
        "unknown scope is almost always a typo that leaves the application without the access it was meant to have. " +
        "Advisory by default: such a scope grants nothing, so it is no security problem, and the catalogue may lag " +
        "behind Auth0.",
    // A scope Auth0 doesn't define widens nothing: Auth0 accepts a grant for scopes its API doesn't
    // define (recorded: terraform-provider-auth0 test/data/recordings/TestAccOrganizationClientGrant.yaml
    // at a00b692, POST /client-grants with two undefined scopes answered 201), and the Management API
    // acts only on the scopes it defines, so an unknown one gives no power. Not a sure security
    // problem, so not mandatory. (Whether Auth0 copies an undefined scope into tokens could not be
    // confirmed here.)
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["auth0", "management-api", "scopes"],
    remediationSteps:
        "Fix the scope's spelling (the message suggests the nearest known scopes) or remove it. If Auth0 added the " +
        "scope after the pack's catalogue, list it under additionalKnownScopes in this policy's config.",
    appliesTo: [AUTH0_TYPES.clientGrant],
    exemptionsBy: "scope",
    settings: {
        additionalKnownScopes: {
            type: "array",
            description: "Management API scopes to accept although the bundled catalogue lacks them.",
            items: { type: "string", minLength: 1 },
        },
    },
    defaults: { additionalKnownScopes: [] },
    parseSettings: (merged, at) => ({ additionalKnownScopes: readStringArray(merged.additionalKnownScopes, at.key("additionalKnownScopes")) }),
    check(resource, config, findings) {
        const grant = readManagementApiGrant(resource, findings, "whether it is a known Management API scope");
        if (!grant) return;
        // The deny-list is another rule's business; only the catalogue and user-context checks apply here.
        const { unknown, userContext } = classifyManagementScopes(grant.scopes, {
            escalationScopes: {},
            additionalKnownScopes: config.additionalKnownScopes,
        });
        // A user-delegated grant (subjectType "user") is where *current_user* scopes belong: its
        // tokens act for the signed-in user (@pulumi/auth0 3.49 clientGrant.d.ts subjectType;
        // https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens/get-management-api-tokens-for-single-page-applications).
        const misplaced = grant.subjectType === "user" || isUnknown(grant.subjectType) ? [] : userContext;
        if (isUnknown(grant.subjectType) && userContext.length > 0) {
            findings.cannotCheck(resource, "subjectType", `whether the grant acts for users, where ${quoteList(userContext)} would be right`);
        }
        if (isUnknown(grant.audience)) {
            const wouldFlag = [...unknown.map((u) => `"${u.scope}"`), ...misplaced.map((s) => `"${s}"`)];
            if (wouldFlag.length > 0) audienceUnknown(resource, findings, wouldFlag);
            return;
        }
        const where = `${labelOf(resource)} on the Management API (audience "${grant.audience}")`;
        for (const { scope, suggestions } of unknown) {
            if (isOidcScope(scope)) {
                findings.report(resource, `${where} asks for scope "${scope}", ${oidcScopeInGrant(scope)}.`, scope);
                continue;
            }
            const didYouMean = suggestions.length > 0 ? ` Did you mean ${quoteAlternatives(suggestions)}?` : "";
            findings.report(
                resource,
                `${where} asks for scope "${scope}", which the Management API does not define.${didYouMean} Fix or remove ` +
                    `it; if Auth0 added it after this pack's catalogue, list it under additionalKnownScopes in this policy's config.`,
                scope,
            );
        }
        for (const scope of misplaced) {
            findings.report(
                resource,
                `${where} asks for scope "${scope}", a user-context scope for tokens issued to a logged-in user; it does ` +
                    `nothing in a client-credentials grant. Remove it and grant the Management API scope for the data ` +
                    `instead (e.g. "read:users" rather than "read:current_user"), or, if the application acts for signed-in ` +
                    `users, make this a user-delegated grant (subjectType: "user").`,
                scope,
            );
        }
    },
});

