// Reads a client grant that targets (or, during preview, may target) the Auth0 Management API.
import { isManagementApiAudience } from "../guardrails";
import type { Findings } from "./findings";
import { isUnknown, type Unknown } from "./props";
import { type Auth0Resource, grantFields } from "./resources";

export interface ManagementApiGrant {
    /** The Management API audience, or UNKNOWN when preview can't tell which API the grant targets. */
    readonly audience: string | Unknown;
    /** The scopes that are known; unknown ones are already recorded as unchecked. */
    readonly scopes: readonly string[];
    readonly allowAllScopes: boolean;
    /** `client` (also when unset) or `user`; UNKNOWN during preview when computed. */
    readonly subjectType: string | Unknown;
}

/**
 * The grant's Management API view, or undefined when it is not a ClientGrant or targets another API.
 * `check` says what an unknown scope prevents, for the preview advisory.
 */
export function readManagementApiGrant(resource: Auth0Resource, findings: Findings, check: string): ManagementApiGrant | undefined {
    const grant = grantFields(resource);
    if (grant.audience === undefined) return undefined;
    if (!isUnknown(grant.audience) && !isManagementApiAudience(grant.audience)) return undefined;

    const scopes: string[] = [];
    if (isUnknown(grant.scopes)) findings.cannotCheck(resource, "scopes", check);
    else {
        (grant.scopes ?? []).forEach((scope, i) => {
            if (isUnknown(scope)) findings.cannotCheck(resource, `scopes[${i}]`, check);
            else if (scope !== undefined) scopes.push(scope);
        });
    }
    if (isUnknown(grant.allowAllScopes)) findings.cannotCheck(resource, "allowAllScopes", check);
    return { audience: grant.audience, scopes, allowAllScopes: grant.allowAllScopes === true, subjectType: grant.subjectType ?? "client" };
}

/** Records that findings exist only if the unknown audience turns out to be the Management API. */
export function audienceUnknown(resource: Auth0Resource, findings: Findings, wouldFlag: readonly string[]): void {
    findings.cannotCheck(
        resource,
        "audience",
        `whether the grant targets the Management API, where ${wouldFlag.join(", ")} would be flagged`,
    );
}
