import { accessPolicyProblems, AUTH0_TYPES, isManagementApiResourceServer } from "../guardrails";
import { asBoolean, asObject, asString, isUnknown, type Maybe, type PlainProps } from "../support/props";
import { labelOf } from "../support/resources";
import { NO_SETTINGS, resourceRule } from "../support/rule";

/** `subjectTypeAuthorization.<subject>.policy`, or the field that is unknown during preview. */
function policyOf(authorization: Maybe<PlainProps>, subject: "user" | "client"): Maybe<string> {
    if (isUnknown(authorization)) return authorization;
    const entry = asObject(authorization?.[subject]);
    if (isUnknown(entry)) return entry;
    return asString(entry?.policy);
}

export const apiAccessPolicies = resourceRule({
    name: "auth0-api-access-policies",
    description:
        "An API should say which applications may get tokens for it. Auth0 creates an API with user access open to every " +
        "application in the tenant (allow_all) and, with RBAC off, for any permission it defines, which bypasses the " +
        "least-privilege client grants. Unset client access is Auth0's closed default (require_client_grant), so it is " +
        "not flagged. Advisory by default, because the API may be meant for every first-party app.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["auth0", "least-privilege", "apis"],
    remediationSteps:
        'Set subjectTypeAuthorization on the auth0.ResourceServer: client { policy: "require_client_grant" } and user ' +
        '{ policy: "deny_all" } (or "require_client_grant" with user grants and enforcePolicies: true). The auth0-m2m Api ' +
        "component does this by default.",
    appliesTo: [AUTH0_TYPES.resourceServer],
    ...NO_SETTINGS,
    check(resource, _config, findings) {
        // The Management API is a system API: the provider sends none of these fields for it.
        if (isManagementApiResourceServer(resource.props)) return;
        const authorization = asObject(resource.props.subjectTypeAuthorization);
        const userPolicy = policyOf(authorization, "user");
        const clientPolicy = policyOf(authorization, "client");
        const enforcePolicies = asBoolean(resource.props.enforcePolicies);
        // Each subject's verdict rests on its own policy alone: an unknown one leaves only its own
        // subject unjudged. enforcePolicies never changes the verdict, only what the finding says.
        const unknownFields = new Set<string>();
        if (isUnknown(userPolicy)) unknownFields.add("subjectTypeAuthorization.user.policy");
        if (isUnknown(clientPolicy)) unknownFields.add("subjectTypeAuthorization.client.policy");
        for (const field of unknownFields) findings.cannotCheck(resource, field, "whether the API is closed to applications without a grant");
        const problems = accessPolicyProblems({
            userPolicy: isUnknown(userPolicy) ? undefined : userPolicy,
            clientPolicy: isUnknown(clientPolicy) ? undefined : clientPolicy,
            enforcePolicies: isUnknown(enforcePolicies) ? "unknown" : enforcePolicies,
        }).filter((problem) => !unknownFields.has(problem.field));
        for (const { problem, fix } of problems) {
            findings.report(resource, `${labelOf(resource)} ${problem}. Fix: ${fix}.`);
        }
    },
});
