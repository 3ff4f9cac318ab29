// Who may get tokens for an API, and how those tokens are bound: Auth0's access policies per
// subject type, RBAC, and proof-of-possession, as @pulumi/auth0 3.49 spells them.
//
// Sources:
// - @pulumi/auth0 3.49.0 types/input.d.ts, ResourceServerSubjectTypeAuthorization{User,Client}
//   and ResourceServerProofOfPossession; its generated doc comments show camelCase values, but the
//   provider passes values through to the Management API, which takes the snake_case ones its own
//   example uses (resourceServer.d.ts example: user "allow_all", client "require_client_grant").
// - go-auth0 management/resource_server.go, ResourceServerSubjectTypeAuthorizationUser: "allow_all",
//   "deny_all", "require_client_grant"; ...Client: "deny_all", "require_client_grant".
// - terraform-provider-auth0 examples/resources/auth0_resource_server/resource.tf (same values,
//   proof_of_possession { mechanism = "mtls", required = true }).
// - https://auth0.com/docs/get-started/apis/api-access-policies-for-applications, table "Application
//   API access policies": allow_all is "the default for user access flows when you create an API";
//   require_client_grant is "the default for the Client Credentials Flow when you create an API".
//   With RBAC off, a user token may carry any permission the API defines.
// - Recorded: terraform-provider-auth0 test/data/recordings/TestAccClientGrant.yaml (a00b692), a
//   created API reads back subject_type_authorization { user: allow_all, client: require_client_grant }.

/** User-delegated access (a user's token for the API). */
export const USER_ACCESS_POLICIES = ["allow_all", "deny_all", "require_client_grant"] as const;
export type UserAccessPolicy = (typeof USER_ACCESS_POLICIES)[number];

/**
 * The access policies from narrowest to widest: none, only applications with a grant, every
 * application. What the access diff ranks a change of policy by.
 */
export const ACCESS_POLICIES_NARROWEST_FIRST = ["deny_all", "require_client_grant", "allow_all"] as const satisfies readonly UserAccessPolicy[];

/** The user-access policies that close an API to applications without a grant: every one but allow_all. */
export const CLOSED_USER_ACCESS_POLICIES = ["deny_all", "require_client_grant"] as const satisfies readonly UserAccessPolicy[];
export type ClosedUserAccessPolicy = (typeof CLOSED_USER_ACCESS_POLICIES)[number];

/** Whether a user-access policy keeps an API closed to applications without a grant. */
export function isClosedUserAccess(policy: string): policy is ClosedUserAccessPolicy {
    return (CLOSED_USER_ACCESS_POLICIES as readonly string[]).includes(policy);
}

/** Client access that needs a client grant: what the Api component always sets (adopt keeps only APIs that have it). */
export const GRANTED_CLIENT_ACCESS_POLICY: ClientAccessPolicy = "require_client_grant";

/**
 * The Api component's rule: an API that declares user access turns RBAC on, so a user's token
 * carries only the permissions that user's roles give; with user access denied there is nothing to limit.
 */
export function rbacForUserAccess(policy: ClosedUserAccessPolicy): boolean {
    return policy !== "deny_all";
}

/** Client-credentials access (the application's own token). */
export const CLIENT_ACCESS_POLICIES = ["deny_all", "require_client_grant"] as const;
export type ClientAccessPolicy = (typeof CLIENT_ACCESS_POLICIES)[number];

/** What Auth0 applies to a new API's user access when the program sets none (the docs above): open. */
export const AUTH0_DEFAULT_USER_ACCESS_POLICY: UserAccessPolicy = "allow_all";

/** What Auth0 applies to a new API's client access when the program sets none (the docs above): closed. */
export const AUTH0_DEFAULT_CLIENT_ACCESS_POLICY: ClientAccessPolicy = "require_client_grant";

/**
 * The token dialect that carries RBAC permissions in the access token (resourceServer.d.ts,
 * tokenDialect: "`accessTokenAuthz` is a JWT containing standard Auth0 claims, including RBAC
 * permissions claims"; the API value is access_token_authz, as the terraform provider's docs use).
 */
export const RBAC_TOKEN_DIALECT = "access_token_authz";

/** Proof-of-possession mechanisms (input.d.ts ResourceServerProofOfPossession.mechanism: "`mtls` or `dpop`"). */
export const PROOF_OF_POSSESSION_MECHANISMS = ["mtls", "dpop"] as const;
export type ProofOfPossessionMechanism = (typeof PROOF_OF_POSSESSION_MECHANISMS)[number];

/** An API's access settings as a rule or a report reads them; undefined means unset. */
export interface ApiAccessSettings {
    readonly userPolicy: string | undefined;
    readonly clientPolicy: string | undefined;
    /** "unknown" during preview: it only changes what a finding says, never whether there is one. */
    readonly enforcePolicies: boolean | undefined | "unknown";
}

export interface AccessPolicyProblem {
    readonly field: "subjectTypeAuthorization.user.policy" | "subjectTypeAuthorization.client.policy";
    readonly problem: string;
    readonly fix: string;
}

/** Why an API's access policies leave it open, one entry per subject type; empty when closed. */
export function accessPolicyProblems(settings: ApiAccessSettings): AccessPolicyProblem[] {
    const problems: AccessPolicyProblem[] = [];
    // deny_all only where no application calls the API for its signed-in users (an SPA would break).
    // subjectTypeAuthorization is in @pulumi/auth0 3.26.0 and later (pulumi/pulumi-auth0 v3.26.0,
    // 5a51453d, sdk/nodejs/resourceServer.ts; absent from v3.25.0 a568d355), so older programs upgrade first.
    const closeUser =
        `set subjectTypeAuthorization.user.policy (@pulumi/auth0 3.26.0 and later) to "deny_all" if no application calls the API ` +
        `for signed-in users, else to "require_client_grant" with user grants for the applications that do`;
    if (settings.userPolicy === undefined) {
        problems.push({
            field: "subjectTypeAuthorization.user.policy",
            problem: `leaves user access unset, so Auth0 applies "${AUTH0_DEFAULT_USER_ACCESS_POLICY}": any application in the tenant can get a user's token for it`,
            fix: closeUser,
        });
    } else if (settings.userPolicy === "allow_all") {
        const rbac =
            settings.enforcePolicies === true
                ? "; RBAC limits the permissions to the user's, but not which applications may ask"
                : settings.enforcePolicies === "unknown"
                  ? " (whether RBAC limits the permissions to the user's is unknown until `pulumi up`)"
                  : ", with RBAC off, for any permission the API defines";
        problems.push({
            field: "subjectTypeAuthorization.user.policy",
            problem: `sets user access "allow_all": any application in the tenant can get a user's token for it${rbac}`,
            fix: closeUser,
        });
    } else if (!(USER_ACCESS_POLICIES as readonly string[]).includes(settings.userPolicy)) {
        problems.push({
            field: "subjectTypeAuthorization.user.policy",
            problem: `sets user access "${settings.userPolicy}", which is not an Auth0 policy (${USER_ACCESS_POLICIES.join(", ")})`,
            fix: closeUser,
        });
    }
    // Unset client access is Auth0's closed default (AUTH0_DEFAULT_CLIENT_ACCESS_POLICY): nothing to report.
    if (settings.clientPolicy !== undefined && !(CLIENT_ACCESS_POLICIES as readonly string[]).includes(settings.clientPolicy)) {
        problems.push({
            field: "subjectTypeAuthorization.client.policy",
            problem: `sets client access "${settings.clientPolicy}", which is not an Auth0 policy (${CLIENT_ACCESS_POLICIES.join(", ")})`,
            fix: `set subjectTypeAuthorization.client.policy to "require_client_grant"`,
        });
    }
    return problems;
}
