// The names the components give the resources they create, in one place: the components name
// their children with these, and config validation checks that no two of them collide (two
// resources of one type with one name are one URN, which the engine refuses at registration).

/** The ClientGrant a MachineClient named `machine` creates for the API it knows as `api`. */
export function clientGrantName(machine: string, api: string): string {
    return `${machine}-grant-${api}`;
}

/** The components' type tokens (`auth0-m2m:index:<Name>`): each registers with its own, and `adopt` writes them into import files. */
export const COMPONENT_TYPES = {
    tenantAccess: "auth0-m2m:index:TenantAccess",
    api: "auth0-m2m:index:Api",
    managementApi: "auth0-m2m:index:ManagementApi",
    machineClient: "auth0-m2m:index:MachineClient",
} as const;

/** The name this repository's program (infra/index.ts) gives its root TenantAccess, which `adopt` writes imports under. */
export const PROGRAM_ROOT_NAME = "tenant";
