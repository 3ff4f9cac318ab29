import { AUTH0_TYPES } from "../guardrails";
import { isUnknown } from "../support/props";
import { labelOf, grantFields } from "../support/resources";
import { NO_SETTINGS, resourceRule } from "../support/rule";

export const noDefaultForGrants = resourceRule({
    name: "auth0-no-default-for-grants",
    description:
        "Client grants must name their application (clientId), not set defaultFor. A defaultFor grant applies to " +
        "every third-party application, including ones registered later (e.g. through Dynamic Client Registration), " +
        "so nobody reviews who actually gets the access.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["auth0", "least-privilege", "grants"],
    remediationSteps: "Remove defaultFor and create one grant per application that needs the access, with its clientId.",
    appliesTo: [AUTH0_TYPES.clientGrant],
    ...NO_SETTINGS,
    check(resource, _config, findings) {
        const grant = grantFields(resource);
        if (isUnknown(grant.defaultFor)) {
            findings.cannotCheck(resource, "defaultFor", "whether the grant applies to every third-party application");
            return;
        }
        if (grant.defaultFor === undefined || grant.defaultFor === "") return;
        const audience = typeof grant.audience === "string" ? ` on audience "${grant.audience}"` : "";
        const scopes = Array.isArray(grant.scopes)
            ? ` with scopes ${grant.scopes.map((s) => (typeof s === "string" ? JSON.stringify(s) : "(unknown)")).join(", ") || "(none)"}`
            : "";
        findings.report(
            resource,
            `${labelOf(resource)} sets defaultFor "${grant.defaultFor}", so every application in that group, including ones ` +
                `registered later, gets this grant${audience}${scopes}. Remove defaultFor and grant each application ` +
                `explicitly with clientId.`,
        );
    },
});
