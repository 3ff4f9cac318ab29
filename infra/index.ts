// The Pulumi program (Pulumi.yaml `main`): one Auth0 tenant per stack, from the stack's config.
import * as pulumi from "@pulumi/pulumi";
import { TenantAccess } from "./components/tenantAccess";
import { loadStackTenantConfig } from "./config/loadStackConfig";
import { PROGRAM_ROOT_NAME } from "./config/resourceNames";

const tenant = new TenantAccess(PROGRAM_ROOT_NAME, loadStackTenantConfig(), { configPathStyle: "stack" });

export const managementApiAudience = tenant.managementApiAudience;
export const clientIds = Object.fromEntries(Object.entries(tenant.machines).map(([key, machine]) => [key, machine.clientId]));
/** Audience to scopes, per machine: what each application may do, as deployed. */
export const grants = Object.fromEntries(Object.entries(tenant.machines).map(([key, machine]) => [key, machine.grantedScopes]));
/** Generated secrets of the machines that authenticate with one. Read with `pulumi stack output --show-secrets`. */
export const clientSecrets = pulumi.secret(
    Object.fromEntries(
        Object.entries(tenant.machines).flatMap(([key, machine]) => (machine.clientSecret ? [[key, machine.clientSecret]] : [])),
    ),
);
