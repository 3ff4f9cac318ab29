// The deployer's own grants: a program that adopts the application the auth0 provider runs as (or
// grants it by its client ID) manages the deployer's Management API grant. That grant holds the scopes
// the deployer uses to apply this very program, so removing the ones auth0-management-api-no-escalation
// names (its findings' fix) would stop the next `pulumi up`. The pack can't tell (it doesn't see the
// `import` option); the plan can, and says what to do instead.
// Seen planning CobbleStamp/CobbleCompanion infra/auth0 (050d7885ffbaf8eb17274799ea025a3c6f31b50f):
// `new auth0.Client("pulumi-iac", ..., { import: <auth0:clientId> })` with a Management API grant.
import { AUTH0_TYPES } from "../../policy-pack/guardrails";
import type { CapturedResource } from "../program/protocol";
import { isDefaultProvider, providerTypeOf, providerUrnOf } from "../program/providers";
import { SECURE_CONFIG_PLACEHOLDER } from "../program/stackConfig";
import { isWireSecret, isWireUnknown, unwrapSecrets } from "../values";
import type { DeployerIdentity, PlanGrant } from "./types";

const AUTH0_PROVIDER_TYPE = providerTypeOf("auth0");

/**
 * Adds a note for each deployer whose Management API grant the program manages. Each resource's
 * deployer is its provider's (explicit or default: the plan registers default providers as the
 * engine does, defaultProviders.ts) client ID; `environmentClientId` is `AUTH0_CLIENT_ID`, which
 * the provider reads when its inputs have no clientId.
 */
export function noteDeployerGrants(
    live: readonly CapturedResource[],
    grants: readonly PlanGrant[],
    environmentClientId: string | undefined,
    notes: string[],
): void {
    const providers = new Map<string, DeployerIdentity>();
    for (const r of live) {
        const deployer = r.type === AUTH0_PROVIDER_TYPE ? providerDeployer(r, environmentClientId) : undefined;
        if (deployer) providers.set(r.urn, deployer);
    }
    const deployerOf = (r: CapturedResource): DeployerIdentity | undefined => (r.provider === undefined ? undefined : providers.get(providerUrnOf(r.provider)));

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
 * The client ID an auth0 provider authenticates with: its `clientId` input (a default provider's
 * is the `auth0:clientId` config), else `AUTH0_CLIENT_ID`: the provider's schema defaults client_id
 * to that variable for every provider, default or explicit (auth0/terraform-provider-auth0
 * 02ff387962d6d14acb26badbd47f53676b0b1252 internal/provider/provider.go; pulumi/pulumi-auth0
 * README, "Configuration"). A `secure:` config value is never decrypted (stackConfig.ts), so it names no one.
 */
function providerDeployer(provider: CapturedResource, environmentClientId: string | undefined): DeployerIdentity | undefined {
    const raw = provider.properties.clientId;
    const source = isDefaultProvider(provider) ? "auth0:clientId" : `auth0.Provider "${provider.name}"'s clientId`;
    if (isWireSecret(raw) && raw.value === SECURE_CONFIG_PLACEHOLDER) return undefined;
    const clientId = unwrapSecrets(raw);
    // An unknown clientId (an output not yet created) names no one either.
    if (typeof clientId === "string" && clientId !== "" && !isWireUnknown(clientId)) return { clientId, source };
    if (clientId !== undefined) return undefined;
    return environmentClientId ? { clientId: environmentClientId, source: "AUTH0_CLIENT_ID" } : undefined;
}
