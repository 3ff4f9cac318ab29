import { AUTH0_TYPES, grantTypesBesidesClientCredentials, isClientCredentialsOnly, M2M_APP_TYPE, quoteList, RECORDED_DEFAULT_GRANT_TYPES } from "../guardrails";
import { isUnknown } from "../support/props";
import type { Findings } from "../support/findings";
import { type Auth0Resource, clientFields, type ClientFields, labelOf } from "../support/resources";
import { NO_SETTINGS, resourceRule } from "../support/rule";

/** The fix for an M2M application that allows more than client credentials; a user-facing flow keeps working elsewhere. */
const CLIENT_CREDENTIALS_ONLY_FIX = 'Set grantTypes: ["client_credentials"] and give any user-facing flow an application of its own.';

export const m2mClientGrantTypes = resourceRule({
    name: "auth0-m2m-client-grant-types",
    description:
        "A machine-to-machine application (appType \"non_interactive\") should allow client_credentials only, even when " +
        "no grant of it is in the stack. A user-facing flow (password, implicit, authorization_code, ...) on it lets its " +
        "credentials sign users in, and makes every API access it holds reachable through that flow. A client that allows " +
        "client_credentials only but has no appType should say it is M2M (appType \"non_interactive\"): whether Auth0 and " +
        "reviewers treat it as one can't be verified otherwise. A client with neither appType nor grantTypes runs on Auth0's " +
        "defaults, client credentials and user flows alike, and should say which it is.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["auth0", "m2m", "clients"],
    remediationSteps:
        "Set grantTypes: [\"client_credentials\"] on the auth0.Client; give a user-facing flow an application of its own. " +
        "On a client-credentials-only client without appType, set appType: \"non_interactive\"; on a client with neither, set " +
        "both to what it does.",
    appliesTo: [AUTH0_TYPES.client],
    ...NO_SETTINGS,
    check(resource, _config, findings) {
        const fields = clientFields(resource);
        if (isUnknown(fields.appType)) {
            findings.cannotCheck(resource, "appType", "whether it is an M2M application, which should allow client_credentials only");
            return;
        }
        if (fields.appType === undefined) {
            reportMissingAppType(resource, fields.grantTypes, findings);
            return;
        }
        if (fields.appType !== M2M_APP_TYPE) return;
        if (isUnknown(fields.grantTypes)) {
            findings.cannotCheck(resource, "grantTypes", "whether the M2M application allows only client_credentials");
            return;
        }
        if (fields.grantTypes === undefined) {
            findings.report(
                resource,
                `${labelOf(resource)} is a machine-to-machine application (appType "non_interactive") but leaves grantTypes unset, ` +
                    `so Auth0 enables its defaults: ${quoteList(grantTypesBesidesClientCredentials(RECORDED_DEFAULT_GRANT_TYPES))} besides ` +
                    `"client_credentials". ${CLIENT_CREDENTIALS_ONLY_FIX}`,
            );
            return;
        }
        fields.grantTypes.forEach((grantType, i) => {
            if (isUnknown(grantType)) findings.cannotCheck(resource, `grantTypes[${i}]`, "whether it is client_credentials");
        });
        const others = grantTypesBesidesClientCredentials(fields.grantTypes);
        if (others.length === 0) return;
        findings.report(
            resource,
            `${labelOf(resource)} is a machine-to-machine application (appType "non_interactive") but allows ` +
                `${quoteList(others)} besides "client_credentials". ${CLIENT_CREDENTIALS_ONLY_FIX}`,
        );
    },
});

/** A client without appType that is, or may be, used as M2M: not a sure problem, so advice only. */
function reportMissingAppType(resource: Auth0Resource, grantTypes: ClientFields["grantTypes"], findings: Findings): void {
    if (isUnknown(grantTypes)) {
        findings.cannotCheck(resource, "grantTypes", "whether the client without appType allows client_credentials only, and so should be appType \"non_interactive\"");
        return;
    }
    if (grantTypes === undefined) {
        // Auth0's recorded defaults for a client with no app_type include client_credentials and user-facing
        // flows alike: nothing says which this client is (guardrails/m2m.ts RECORDED_DEFAULT_GRANT_TYPES).
        findings.report(
            resource,
            `${labelOf(resource)} sets neither appType nor grantTypes, so Auth0 enables its default grant types ` +
                `${quoteList(RECORDED_DEFAULT_GRANT_TYPES)}: it can take client-credentials tokens and sign users in alike. ` +
                `Set both to what it does: for a machine-to-machine application, appType: "${M2M_APP_TYPE}" and grantTypes: ["client_credentials"].`,
        );
        return;
    }
    if (!isClientCredentialsOnly(grantTypes)) return;
    findings.report(
        resource,
        `${labelOf(resource)} allows "client_credentials" only but has no appType, so whether Auth0 and its reviewers treat it as ` +
            `a machine-to-machine application can't be verified. Set appType: "${M2M_APP_TYPE}".`,
    );
}
