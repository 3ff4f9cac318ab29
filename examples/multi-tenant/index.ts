// One Auth0 tenant per stack: the tenant's access comes entirely from the stack's config
// (Pulumi.staging.yaml, Pulumi.prod.yaml), validated by auth0-m2m before anything is registered.
import * as pulumi from "@pulumi/pulumi";
import { loadStackTenantConfig, TenantAccess, type MachineClient } from "auth0-m2m";

const tenant = new TenantAccess("tenant", loadStackTenantConfig(), { configPathStyle: "stack" });

const perMachine = <T>(pick: (machine: MachineClient) => T) =>
    Object.fromEntries(Object.entries(tenant.machines).map(([name, machine]) => [name, pick(machine)]));

export const clientIds = perMachine((machine) => machine.clientId);
export const grants = perMachine((machine) => machine.grantedScopes);
export const clientSecrets = pulumi.secret(perMachine((machine) => machine.clientSecret));
