import { AUTH0_TYPES, isManagementApiResourceServer, isWriteScope, quoteList, senderConstraintGap } from "../guardrails";
import { ApiScopeIndex } from "../support/apiScopeIndex";
import { asObject, isUnknown } from "../support/props";
import { labelOf, ofType } from "../support/resources";
import { NO_SETTINGS, stackRule } from "../support/rule";

/** The proofOfPossession fields senderConstraintGap reads. */
const SETTING_FIELDS = ["disable", "mechanism", "required"] as const;

export const apiSenderConstrainedTokens = stackRule({
    name: "auth0-api-sender-constrained-tokens",
    description:
        "An API in the stack that defines write scopes (a scope with a segment such as create, update, delete or write) " +
        "should require sender-constrained tokens (proofOfPossession: mTLS or DPoP, required). Access tokens can't be " +
        "revoked: a leaked bearer token can be replayed by anyone until it expires, a bound one only by the holder of the " +
        "client's key. Advisory: every application calling the API must first be able to present the proof.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["auth0", "apis", "tokens"],
    remediationSteps:
        "Once the applications that call the API can present DPoP proofs or authenticate with mTLS client certificates " +
        "(tls_client_auth or self_signed_tls_client_auth), set proofOfPossession: { mechanism: \"dpop\" or \"mtls\", " +
        "required: true } on the auth0.ResourceServer (the auth0-m2m Api component's proofOfPossession).",
    appliesTo: [AUTH0_TYPES.resourceServer],
    ...NO_SETTINGS,
    check(resources, _config, findings) {
        const index = new ApiScopeIndex(resources);
        for (const api of ofType(resources, AUTH0_TYPES.resourceServer)) {
            // The Management API's proof-of-possession is not the program's to set (a system API).
            if (isManagementApiResourceServer(api.props)) continue;
            const scopes = index.scopesOf(api);
            const writes = [...scopes.defined].filter(isWriteScope).sort();
            const setting = asObject(api.props.proofOfPossession);
            if (isUnknown(setting)) {
                if (writes.length > 0 || scopes.unknown.length > 0) findings.cannotCheck(api, "proofOfPossession", "whether its tokens are bound to their client");
                continue;
            }
            // A field the verdict reads may be unknown in preview; disable: true settles it on its own.
            const unknownField = setting?.disable === true ? undefined : SETTING_FIELDS.find((field) => isUnknown(setting?.[field]));
            if (unknownField !== undefined) {
                if (writes.length > 0 || scopes.unknown.length > 0) findings.cannotCheck(api, `proofOfPossession.${unknownField}`, "whether its tokens are bound to their client");
                continue;
            }
            const gap = senderConstraintGap(setting);
            if (gap === undefined) continue;
            if (writes.length === 0) {
                for (const { resource, field } of scopes.unknown) {
                    findings.cannotCheck(resource, field, `whether ${labelOf(api)} defines write scopes, whose tokens should be sender-constrained`);
                }
                continue;
            }
            findings.report(
                api,
                `${labelOf(api)} defines write scopes ${quoteList(writes)} but ${gap}: a leaked access token for it can be ` +
                    `replayed by anyone until it expires. Once the applications that call it can present DPoP proofs or mTLS ` +
                    // proofOfPossession is in @pulumi/auth0 3.8.0 and later (pulumi/pulumi-auth0 v3.8.0, ebb6290e,
                    // sdk/nodejs/resourceServer.ts; absent from v3.7.1 4f5f7c59).
                    `client certificates, set proofOfPossession (@pulumi/auth0 3.8.0 and later): { mechanism: "dpop" or "mtls", required: true }.`,
            );
        }
    },
});
