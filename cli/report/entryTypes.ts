// The report's entries: each access fact (a machine, an API, a grant, a finding, an exemption) is
// declared here once; the access diff (cli/diff/types.ts) derives its shapes from these. They live
// apart from the PlanReport so the report can hold a typed `diff` without an import circle.
import type { Shown } from "../values";

export type PlanLevel = "mandatory" | "advisory" | "remediate" | "disabled";

/** `tokenQuota.clientCredentials` of a machine. */
export interface PlanTokenQuota {
    readonly perHour: Shown<number> | null;
    readonly perDay: Shown<number> | null;
    readonly enforce: Shown<boolean> | null;
}

/** One entry of a policy's `exemptions` config (policy-pack/support/exemptions.ts). */
export interface PlanExemption {
    readonly policy: string;
    readonly resource: string;
    readonly reason: string;
    readonly expires: string;
    /** For a scope rule, the scopes (or settings such as allowAllScopes) it accepts; absent for a resource rule. */
    readonly scopes?: readonly string[];
}

/**
 * The Management API scope lists the plan's policy config puts in effect (the pack's
 * `auth0-management-api-no-escalation` escalationScopes and `auth0-management-api-sensitive-scopes`
 * sensitiveScopes, each replacing its default as a whole), and the sensitive policy's level. A pack
 * without one of those policies leaves the guardrails' default list and a null level.
 */
export interface PlanScopeRisks {
    readonly escalation: readonly string[];
    readonly sensitive: readonly string[];
    readonly escalationLevel: PlanLevel | null;
    readonly sensitiveLevel: PlanLevel | null;
}

export interface PlanMachine {
    /** The Client's `name` input, else its logical name. */
    readonly machine: string;
    readonly urn: string;
    /** The logical (Pulumi) name. */
    readonly name: string;
    readonly appType: Shown<string> | null;
    /** The client's grantTypes; null when unset (Auth0's defaults for its appType apply). */
    readonly grantTypes: readonly Shown<string>[] | Shown<never> | null;
    /**
     * Whether it can use client credentials: grantTypes lists client_credentials, or is unset on a
     * non_interactive client (Auth0's default for M2M apps), or is unknown offline.
     */
    readonly clientCredentials: boolean;
    /** From the client's ClientCredentials resource; null when the program manages none. */
    readonly authenticationMethod: Shown<string> | null;
    /** `tokenQuota.clientCredentials`; null when the client sets none (the tenant's quota applies). */
    readonly tokenQuota: PlanTokenQuota | null;
    readonly grants: number;
}

export interface PlanApi {
    readonly identifier: Shown<string>;
    /** The display label: the API's name, or "Auth0 Management API (<host>)" for the Management API. */
    readonly label: string;
    /** The ResourceServer's URN; null for an API the grants name but the program does not declare. */
    readonly urn: string | null;
    readonly managementApi: boolean;
    /** Declared lifetime in seconds; null when unset (Auth0's default applies) or not declared here. */
    readonly tokenLifetime: Shown<number> | null;
    readonly tokenLifetimeForWeb: Shown<number> | null;
    /** Scopes the program defines on the API (ResourceServerScopes/ResourceServerScope); null when it defines none. */
    readonly scopes: readonly Shown<string>[] | null;
    /** RBAC (`enforcePolicies`): with it, a user's token carries only the user's permissions; null when unset. */
    readonly enforcePolicies: Shown<boolean> | null;
    /** Sender-constrained tokens (`proofOfPossession`); null when unset or not declared here. */
    readonly proofOfPossession: { readonly mechanism: Shown<string> | null; readonly required: Shown<boolean> | null } | null;
    readonly adopted: boolean;
    readonly retained: boolean;
    /**
     * `subjectTypeAuthorization`: who may get tokens for the API; null where the program leaves it
     * unset (for user access, Auth0 then applies "allow_all": every application).
     */
    readonly accessPolicy: { readonly user: Shown<string> | null; readonly client: Shown<string> | null };
}

export interface PlanGrant {
    /** The machine's display name (see PlanMachine.machine), or a description when it isn't a client of this program. */
    readonly machine: string;
    /** The Client's URN; null when the grant's client is not a Client of this program. */
    readonly machineUrn: string | null;
    readonly audience: Shown<string>;
    /** The API's label (see PlanApi.label). */
    readonly api: string;
    readonly managementApi: boolean;
    readonly scopes: readonly Shown<string>[] | Shown<never>;
    readonly allowAllScopes: boolean;
    /** `subjectType`: "client" (client credentials) or "user" (user-delegated); null when unset ("client"). */
    readonly subjectType: Shown<string> | null;
    /** `organizationUsage` ("deny", "allow", "require"); null when unset. */
    readonly organizationUsage: Shown<string> | null;
    /** `allowAnyOrganization: true`: the grant serves every organization, including later ones. */
    readonly allowAnyOrganization: boolean;
    readonly urn: string;
    readonly name: string;
}

export interface PlanDiagnostic {
    readonly policy: string;
    readonly level: PlanLevel;
    /** The URN the diagnostic is about; null for a stack-wide one. */
    readonly resource: string | null;
    readonly resourceName: string | null;
    readonly resourceType: string | null;
    /** What the policy says about this resource (without the policy's description), every known secret plaintext replaced by "[secret]". */
    readonly message: string;
    readonly description: string;
}
