import {
    AUTH0_TYPES,
    closestMatches,
    isManagementApiAudience,
    isManagementApiResourceServer,
    isOidcScope,
    oidcScopeInGrant,
    quoteAlternatives,
    quoteList,
} from "../guardrails";
import type { Findings } from "../support/findings";
import { isUnknown, type Maybe } from "../support/props";
import { ApiScopeIndex } from "../support/apiScopeIndex";
import { type Auth0Resource, labelOf, grantFields, ofType, resourceServerFields } from "../support/resources";
import { NO_SETTINGS, stackRule } from "../support/rule";

const apiIdentifier = (api: Auth0Resource): Maybe<string> => resourceServerFields(api).identifier;

function checkGrant(grant: Auth0Resource, stack: ApiScopeIndex, findings: Findings): void {
    const fields = grantFields(grant);
    if (fields.audience === undefined) return;
    if (typeof fields.audience === "string" && isManagementApiAudience(fields.audience)) return;
    // allowAllScopes asks for whatever the API defines; auth0-no-wildcard-scopes flags it.
    if (fields.allowAllScopes === true) return;

    const target = stack.apis.find(grant, "audience", fields.audience, { unknownKeysMayMatch: true });
    if (target.undetermined) {
        if (fields.scopes !== undefined) {
            findings.cannotCheck(grant, "audience", "which API in this stack the grant targets, and so whether its scopes are defined there");
        }
        return;
    }
    // The API is not in this stack: its scopes are managed elsewhere, so there is nothing to compare.
    const api = target.matches[0];
    if (!api || isManagementApiResourceServer(api.props)) return;

    const identifier = apiIdentifier(api);
    const apiName = `API ${typeof identifier === "string" ? `"${identifier}" ` : ""}(${labelOf(api)})`;
    if (isUnknown(fields.scopes)) {
        findings.cannotCheck(grant, "scopes", `whether the scopes are defined on ${apiName}`);
        return;
    }
    const definitions = stack.scopesOf(api);
    const definedList = [...definitions.defined].sort();
    (fields.scopes ?? []).forEach((scope, i) => {
        if (isUnknown(scope)) {
            findings.cannotCheck(grant, `scopes[${i}]`, `whether it is defined on ${apiName}`);
            return;
        }
        if (scope === undefined || definitions.defined.has(scope)) return;
        if (definitions.unknown.length > 0) {
            for (const { resource, field } of definitions.unknown) {
                findings.cannotCheck(resource, field, `whether it defines scope "${scope}", which ${labelOf(grant)} asks of ${apiName}`);
            }
            return;
        }
        if (isOidcScope(scope)) {
            findings.report(grant, `${labelOf(grant)} asks ${apiName} for scope "${scope}", ${oidcScopeInGrant(scope)}.`, scope);
            return;
        }
        const suggestions = closestMatches(scope, definedList);
        const defines = definedList.length > 0 ? `it defines ${quoteList(definedList)}` : "it defines no scopes in this stack";
        const didYouMean = suggestions.length > 0 ? ` Did you mean ${quoteAlternatives(suggestions)}?` : "";
        findings.report(
            grant,
            `${labelOf(grant)} asks ${apiName} for scope "${scope}", which the API does not define (${defines}).${didYouMean} ` +
                `It is a typo or a missing definition, so the application would run without the access it was meant to have. Fix the scope, or ` +
                `define it on the API with auth0.ResourceServerScopes or auth0.ResourceServerScope.`,
            scope,
        );
    });
}

export const grantScopesDefinedOnApi = stackRule({
    name: "auth0-grant-scopes-defined-on-api",
    description:
        "A client grant for a custom API may only ask for scopes that API defines, when the API (its " +
        "auth0.ResourceServer and the ResourceServerScopes/ResourceServerScope resources for its identifier) is in the " +
        "same stack. A scope the API doesn't define is a typo or a missing definition, and the application would run " +
        "without the access it was meant to have. Management API grants are left to auth0-management-api-known-scopes. " +
        "Advisory by default: an undefined scope grants nothing, so it is a correctness problem, not a security one.",
    // Auth0 accepts a grant for scopes the API doesn't define (recorded: terraform-provider-auth0
    // test/data/recordings/TestAccOrganizationClientGrant.yaml at a00b692: an API created without
    // scopes, then POST /client-grants with scope ["create:organization_client_grants",
    // "create:resource"] answered 201). Nothing is widened, so it is not a sure security problem.
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["auth0", "scopes"],
    remediationSteps:
        "Correct the grant's scope (the message suggests the nearest defined ones), or define the scope on the API with " +
        "auth0.ResourceServerScopes / auth0.ResourceServerScope in the same stack.",
    appliesTo: [AUTH0_TYPES.clientGrant],
    exemptionsBy: "scope",
    ...NO_SETTINGS,
    check(resources, _config, findings) {
        const stack = new ApiScopeIndex(resources);
        for (const grant of ofType(resources, AUTH0_TYPES.clientGrant)) checkGrant(grant, stack, findings);
    },
});
