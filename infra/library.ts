// The npm package's entry point: everything another Pulumi project needs to reuse auth0-m2m.
// It registers nothing on import; infra/index.ts is this repository's own program.
export { Api, API_SIGNING_ALG, resolveApiArgs, type ApiArgs } from "./components/api";
export { ComponentArgsError } from "./config/argsError";
export { MachineClient } from "./components/machineClient";
export {
    resolveMachineArgs,
    type ApiGrant,
    type MachineAuthentication,
    type MachineClientArgs,
    type MachineGrant,
    type ManagementApiGrant,
    type ManagementApiTarget,
} from "./components/machineArgs";
export { ManagementApi, type ManagementApiArgs } from "./components/managementApi";
export { TenantAccess, type TenantAccessOptions } from "./components/tenantAccess";

export {
    DEFAULT_API_TOKEN_LIFETIME_SECONDS,
    MANAGEMENT_API_GRANT_KEY,
    RESOURCE_KEY,
    type ApiConfig,
    type MachineConfig,
    type TenantConfig,
    type TenantConfigInput,
} from "./config/tenantConfig";
export { parseTenantConfig, type TenantConfigParse } from "./config/parseTenantConfig";
export { TenantConfigError, formatConfigPath } from "./config/tenantConfigError";
export { loadStackTenantConfig } from "./config/loadStackConfig";
export { COMPONENT_TYPES, PROGRAM_ROOT_NAME } from "./config/resourceNames";

export {
    EndpointScopeError,
    resolveEndpoint,
    scopesForEndpoints,
    MULTI_SCOPE_ENDPOINTS,
    endpointRequirement,
    type EndpointRequirement,
    deployerScopesFor,
    type DeployerScope,
    type PlannedResource,
    AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS,
    AUTH0_MAX_TOKEN_LIFETIME_SECONDS,
    DEFAULT_ESCALATION_SCOPES,
    DEFAULT_TOKEN_LIFETIME_LIMITS,
    MANAGEMENT_API_ENDPOINTS,
    MANAGEMENT_API_SCOPES,
    checkTokenLifetimes,
    defaultTokenLifetimeForWeb,
    type ConfigIssue,
    findEndpoint,
    isManagementApiAudience,
    isManagementApiScope,
    managementApiAudience,
    type ManagementApiEndpoint,
    type ManagementApiScope,
    type TokenLifetimeLimits,
} from "../policy-pack/guardrails";
