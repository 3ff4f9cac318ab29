// The names the components give the resources they create, in one place: the components name
// their children with these, and config validation checks that no two of them collide (two
// resources of one type with one name are one URN, which the engine refuses at registration).

/** The ClientGrant a MachineClient named `machine` creates for the API it knows as `api`. */
export function clientGrantName(machine: string, api: string): string {
    return `${machine}-grant-${api}`;
}
