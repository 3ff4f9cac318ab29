// The deployer's own grants: a program that adopts the application the auth0 provider runs as (or
// grants it by its client ID) manages the deployer's Management API grant. That grant holds the scopes
// the deployer uses to apply this very program, so removing the ones auth0-management-api-no-escalation
// names (its findings' fix) would stop the next `pulumi up`. The pack can't tell (it sees neither the
// `import` option nor the default provider's config); the plan can, and says what to do instead.
// Seen planning CobbleStamp/CobbleCompanion infra/auth0 (050d7885ffbaf8eb17274799ea025a3c6f31b50f):
// `new auth0.Client("pulumi-iac", ..., { import: <auth0:clientId> })` with a Management API grant.
import { AUTH0_TYPES } from "../../policy-pack/guardrails";
import type { CapturedResource } from "../program/protocol";
import { unwrapSecrets } from "../values";
import type { DeployerIdentity, PlanGrant } from "./types";

const PROVIDER_TYPE = "pulumi:providers:auth0";

/**
 * Adds a note for each deployer whose Management API grant the program manages. `defaultDeployer`
 * is the default provider's client ID: `auth0:clientId`, else `AUTH0_CLIENT_ID` (pulumi/pulumi-auth0
 * README, "Configuration": auth0:clientId "can also be sourced from the AUTH0_CLIENT_ID environment variable").
 */
export function noteDeployerGrants(
    live: readonly CapturedResource[],
    grants: readonly PlanGrant[],
    defaultDeployer: DeployerIdentity | undefined,
    notes: string[],
): void {
    const providers = new Map<string, DeployerIdentity>();
    for (const r of live) {
        const clientId = (unwrapSecrets(r.properties) as Record<string, unknown>).clientId;
        if (r.type === PROVIDER_TYPE && typeof clientId === "string") providers.set(r.urn, { clientId, source: `auth0.Provider "${r.name}"'s clientId` });
    }
    // A provider reference is "<urn>::<id>"; a resource without one uses the default provider.
    const deployerOf = (r: CapturedResource): DeployerIdentity | undefined =>
        r.provider === undefined ? defaultDeployer : providers.get(r.provider.slice(0, r.provider.lastIndexOf("::")));

    const byUrn = new Map(live.map((r) => [r.urn, r]));
    for (const grant of grants) {
        if (!grant.managementApi) continue;
        const resource = byUrn.get(grant.urn);
        const deployer = resource && deployerOf(resource);
        if (!resource || !deployer) continue;
        const client = grant.machineUrn === null ? undefined : byUrn.get(grant.machineUrn);
        const clientId = (unwrapSecrets(resource.properties) as Record<string, unknown>).clientId;
        let who: string;
        if (client && client.type === AUTH0_TYPES.client && client.importId === deployer.clientId) {
            who = `Client "${client.name}" is the deployer: it adopts (import) the application whose client ID ${deployer.source} gives the auth0 provider`;
        } else if (clientId === deployer.clientId) {
            who = `ClientGrant "${grant.name}" is for the deployer: its clientId is the one ${deployer.source} gives the auth0 provider`;
        } else continue;
        notes.push(
            `${who}, so ClientGrant "${grant.name}" on the Management API holds the scopes the deployer uses to apply this ` +
                "program (the deployer scopes listed). Removing those auth0-management-api-no-escalation names, as its " +
                "findings say, would make the next `pulumi up` fail. Keep them, and either take the grant out of the program " +
                `without deleting it from the tenant (\`pulumi state delete ${grant.urn}\`, then delete it from the code), ` +
                `or add an exemption under auth0-management-api-no-escalation for "${grant.name}" listing those scopes, with the reason.`,
        );
    }
}

/**
 * The default provider's client ID as the program's provider would read it: stack config
 * `auth0:clientId` (unless secret: the plan never sees its plaintext), else `AUTH0_CLIENT_ID`.
 */
export function defaultDeployerOf(
    config: Readonly<Record<string, string>>,
    secretKeys: readonly string[],
    env: NodeJS.ProcessEnv,
): DeployerIdentity | undefined {
    const key = "auth0:clientId";
    if (config[key] !== undefined) return secretKeys.includes(key) ? undefined : { clientId: config[key], source: key };
    const fromEnv = env.AUTH0_CLIENT_ID;
    return fromEnv ? { clientId: fromEnv, source: "AUTH0_CLIENT_ID" } : undefined;
}
