import { AUTH0_TYPES } from "../guardrails";
import { isUnknown } from "../support/props";
import { clientFields, labelOf } from "../support/resources";
import { NO_SETTINGS, resourceRule } from "../support/rule";

export const m2mClientGrantTypes = resourceRule({
    name: "auth0-m2m-client-grant-types",
    description:
        "A machine-to-machine application (appType \"non_interactive\") should allow client_credentials only, even when " +
        "no grant of it is in the stack. A user-facing flow (password, implicit, authorization_code, ...) on it lets its " +
        "credentials sign users in, and makes every API access it holds reachable through that flow.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["auth0", "m2m", "clients"],
    remediationSteps:
        "Set grantTypes: [\"client_credentials\"] on the auth0.Client; give a user-facing flow an application of its own.",
    appliesTo: [AUTH0_TYPES.client],
    ...NO_SETTINGS,
    check(resource, _config, findings) {
        const fields = clientFields(resource);
        if (isUnknown(fields.appType)) {
            findings.cannotCheck(resource, "appType", "whether it is an M2M application, which should allow client_credentials only");
            return;
        }
        if (fields.appType !== "non_interactive") return;
        if (isUnknown(fields.grantTypes)) {
            findings.cannotCheck(resource, "grantTypes", "whether the M2M application allows only client_credentials");
            return;
        }
        (fields.grantTypes ?? []).forEach((grantType, i) => {
            if (isUnknown(grantType)) findings.cannotCheck(resource, `grantTypes[${i}]`, "whether it is client_credentials");
        });
        const others = (fields.grantTypes ?? []).filter((g): g is string => typeof g === "string" && g !== "client_credentials");
        if (others.length === 0) return;
        findings.report(
            resource,
            `${labelOf(resource)} is a machine-to-machine application (appType "non_interactive") but allows ` +
                `${others.map((g) => JSON.stringify(g)).join(", ")} besides "client_credentials". Set grantTypes: ` +
                `["client_credentials"] and give any user-facing flow an application of its own.`,
        );
    },
});
