import { AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS, AUTH0_TYPES, isManagementApiResourceServer } from "../guardrails";
import { isUnknown } from "../support/props";
import { labelOf, resourceServerFields } from "../support/resources";
import { NO_SETTINGS, resourceRule } from "../support/rule";

export const webLifetimeExplicit = resourceRule({
    name: "auth0-web-lifetime-explicit",
    description:
        "An API whose tokenLifetime is below 7,200 s should set tokenLifetimeForWeb explicitly. Left unset, the web " +
        "lifetime is Auth0's default, which its docs give as both 7,200 s and 86,400 s, and which may then exceed the " +
        "API's own lifetime. Not a known security problem (the web lifetime stays within the maximum), so advisory.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["auth0", "tokens"],
    remediationSteps: "Set tokenLifetimeForWeb on the auth0.ResourceServer, at most its tokenLifetime.",
    appliesTo: [AUTH0_TYPES.resourceServer],
    ...NO_SETTINGS,
    check(resource, _config, findings) {
        const api = resourceServerFields(resource);
        // The provider never sends the Management API's web lifetime (auth0-token-lifetime-limits explains why).
        if (isManagementApiResourceServer(resource.props)) return;
        if (isUnknown(api.tokenLifetimeForWeb) || api.tokenLifetimeForWeb !== undefined) return;
        if (isUnknown(api.tokenLifetime)) {
            findings.cannotCheck(resource, "tokenLifetime", "whether it is below Auth0's default web lifetime, so tokenLifetimeForWeb should be set");
            return;
        }
        if (api.tokenLifetime === undefined || !(api.tokenLifetime < AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS)) return;
        findings.report(
            resource,
            `${labelOf(resource)} sets tokenLifetime ${api.tokenLifetime} s but leaves tokenLifetimeForWeb unset, so the web ` +
                `lifetime is Auth0's default (documented as ${AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS} s, elsewhere 86,400 s), ` +
                `above the API's. Set tokenLifetimeForWeb explicitly, at most ${api.tokenLifetime} s.`,
        );
    },
});
