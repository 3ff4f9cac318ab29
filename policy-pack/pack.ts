// The pack's contents, separate from index.ts so tests can load the policies without starting the
// policy server (`new PolicyPack(...)` starts one).
import { apiAccessPolicies } from "./policies/apiAccessPolicies";
import { apiSenderConstrainedTokens } from "./policies/apiSenderConstrainedTokens";
import { exemptionsApplied } from "./policies/exemptionsApplied";
import { grantClientIsM2m } from "./policies/grantClientIsM2m";
import { grantScopesDefinedOnApi } from "./policies/grantScopesDefinedOnApi";
import { m2mClientGrantTypes } from "./policies/m2mClientGrantTypes";
import { m2mTokenQuota } from "./policies/m2mTokenQuota";
import { managementApiKnownScopes } from "./policies/managementApiKnownScopes";
import { managementApiNoEscalation } from "./policies/managementApiNoEscalation";
import { managementApiSensitiveScopes } from "./policies/managementApiSensitiveScopes";
import { noDefaultForGrants } from "./policies/noDefaultForGrants";
import { noWildcardScopes } from "./policies/noWildcardScopes";
import { tokenLifetimeLimits } from "./policies/tokenLifetimeLimits";
import { webLifetimeExplicit } from "./policies/webLifetimeExplicit";
import type { RuleDeps, RuleFactory, RulePolicy } from "./support/rule";

export { POLICY_PACK_NAME } from "./packArgs";

/**
 * In serving order. exemptionsApplied must stay last: the server runs stack policies in this order,
 * and it reports what the rules before it suppressed in the same call.
 */
export const RULES: readonly RuleFactory[] = [
    noWildcardScopes,
    tokenLifetimeLimits,
    webLifetimeExplicit,
    apiAccessPolicies,
    apiSenderConstrainedTokens,
    managementApiNoEscalation,
    managementApiSensitiveScopes,
    managementApiKnownScopes,
    grantScopesDefinedOnApi,
    noDefaultForGrants,
    grantClientIsM2m,
    m2mTokenQuota,
    m2mClientGrantTypes,
    exemptionsApplied,
];

export function createPolicies(deps: RuleDeps): RulePolicy[] {
    return RULES.map((rule) => rule(deps));
}
