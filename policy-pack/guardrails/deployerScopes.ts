// The Management API scopes the deploying application (the one whose credentials the auth0
// provider uses) needs to apply a plan. Derived from the endpoints the provider calls over each
// resource's lifecycle, through the same catalogue and least-privilege rules as the grants, plus
// the field-level scopes the catalogue's endpoint lists can't express.
import type { ManagementApiEndpoint, ManagementApiScope } from "./catalogue/catalogue";
import { FLOW_DEPLOYER_NEEDS } from "./deployerNeedsFlows";
import { IDENTITY_DEPLOYER_NEEDS } from "./deployerNeedsIdentity";
import { LOGIN_DEPLOYER_NEEDS } from "./deployerNeedsLogin";
import { M2M_DEPLOYER_NEEDS } from "./deployerNeedsM2m";
import { SECURITY_DEPLOYER_NEEDS } from "./deployerNeedsSecurity";
import { TENANT_DEPLOYER_NEEDS } from "./deployerNeedsTenant";
import { USER_DEPLOYER_NEEDS } from "./deployerNeedsUsers";
import type { NeedsOf } from "./lifecycleNeeds";
import { DEFAULT_ESCALATION_SCOPES } from "./scopeRisks";
import { scopesForEndpoints } from "./scopesForEndpoints";

export interface PlannedResource {
    readonly type: string;
    readonly inputs: Readonly<Record<string, unknown>>;
    /** The `import` resource option: the resource is adopted, never created. */
    readonly import?: string;
    /** The `retainOnDelete` resource option: the resource is never deleted. */
    readonly retainOnDelete?: boolean;
}

export interface DeployerScope {
    readonly scope: ManagementApiScope;
    /** Why it is needed, e.g. "create auth0:index/client:Client". */
    readonly reasons: readonly string[];
    /**
     * Set when the pack forbids the scope to every other application (it takes over the tenant:
     * auth0-management-api-no-escalation): why, as the pack's findings say it. The deployer is
     * the one application trusted with it.
     */
    readonly forbiddenToOthers?: string;
}

const needsByType: Readonly<Record<string, NeedsOf>> = {
    ...M2M_DEPLOYER_NEEDS,
    ...IDENTITY_DEPLOYER_NEEDS,
    ...USER_DEPLOYER_NEEDS,
    ...TENANT_DEPLOYER_NEEDS,
    ...LOGIN_DEPLOYER_NEEDS,
    ...SECURITY_DEPLOYER_NEEDS,
    ...FLOW_DEPLOYER_NEEDS,
};

/** True when the deployer scopes for this resource type are known. Non-auth0 types need none. */
export function isKnownToDeployerScopes(type: string): boolean {
    return !type.startsWith("auth0:") || Object.hasOwn(needsByType, type);
}

/**
 * The Management API scopes the deployer needs to create, read, update and delete `resources`,
 * each with its reasons, sorted by scope. Adopted resources (`import`) need no create scope and
 * retained ones (`retainOnDelete`) no delete scope. Types outside `@pulumi/auth0` need none;
 * auth0 types this table doesn't know are reported by `isKnownToDeployerScopes`. Each scope the
 * pack forbids to every other application says so (`forbiddenToOthers`).
 */
export function deployerScopesFor(resources: readonly PlannedResource[]): DeployerScope[] {
    const reasons = new Map<ManagementApiScope, Set<string>>();
    const need = (scope: ManagementApiScope, why: string) => {
        let set = reasons.get(scope);
        if (!set) reasons.set(scope, (set = new Set()));
        set.add(why);
    };
    for (const resource of resources) {
        const needs = needsByType[resource.type]?.(resource.inputs);
        if (!needs) continue;
        const phases: [string, readonly ManagementApiEndpoint[] | undefined][] = [
            ["create", resource.import === undefined ? needs.create : undefined],
            ["read", needs.read],
            ["update", needs.update],
            ["delete", resource.retainOnDelete ? undefined : needs.delete],
        ];
        for (const [phase, endpoints] of phases) {
            if (!endpoints || endpoints.length === 0) continue;
            for (const scope of scopesForEndpoints(endpoints)) need(scope, `${phase} ${resource.type}`);
        }
        for (const field of needs.fields ?? []) need(field.scope, `${field.why} (${resource.type})`);
    }
    return [...reasons]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([scope, why]) => {
            const forbidden = Object.hasOwn(DEFAULT_ESCALATION_SCOPES, scope) ? { forbiddenToOthers: DEFAULT_ESCALATION_SCOPES[scope] } : {};
            return { scope, reasons: [...why].sort(), ...forbidden };
        });
}
