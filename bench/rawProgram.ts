// The benchmark's floor: the same Auth0 resources the auth0-m2m components declare for a tenant,
// written as a plain @pulumi/auth0 program, with no components, no config validation and no scope
// derivation (bench/tenant.ts computed every value beforehand). bench/raw runs it.
import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { RawTenant } from "./tenant";

/** Declares the tenant's resources; returns each machine's client ID, as infra/index.ts exports them. */
export function declareRawTenant(tenant: RawTenant): Record<string, pulumi.Output<string>> {
    if (tenant.managementApi) {
        const { resourceName, identifier, name, tokenLifetime } = tenant.managementApi;
        new auth0.ResourceServer(resourceName, { identifier, name, tokenLifetime }, { import: identifier, retainOnDelete: true });
    }

    // A grant waits for its API's resources, as MachineClient's dependsOn on the Api component does.
    const apiResources = new Map<string, pulumi.Resource[]>();
    for (const api of tenant.apis) {
        const server = new auth0.ResourceServer(api.resourceServerName, {
            identifier: api.identifier,
            name: api.displayName,
            signingAlg: "RS256",
            tokenLifetime: api.tokenLifetime,
            tokenLifetimeForWeb: api.tokenLifetimeForWeb,
            allowOfflineAccess: api.allowOfflineAccess,
            // What the Api component declares for an API without user access: closed to user tokens.
            subjectTypeAuthorization: { client: { policy: "require_client_grant" }, user: { policy: "deny_all" } },
            enforcePolicies: false,
            proofOfPossession: api.proofOfPossession,
        });
        const scopes = new auth0.ResourceServerScopes(api.scopesName, {
            resourceServerIdentifier: server.identifier,
            scopes: api.scopes.map((scope) => ({ name: scope.name, description: scope.description })),
        });
        apiResources.set(api.identifier, [server, scopes]);
    }

    const clientIds: Record<string, pulumi.Output<string>> = {};
    for (const machine of tenant.machines) {
        const client = new auth0.Client(machine.clientName, {
            name: machine.displayName,
            description: machine.description,
            appType: "non_interactive",
            grantTypes: ["client_credentials"],
            isFirstParty: true,
            oidcConformant: true,
            tokenQuota: machine.tokenQuota && {
                clientCredentials: { perHour: machine.tokenQuota.perHour, perDay: machine.tokenQuota.perDay, enforce: machine.tokenQuota.enforce },
            },
        });
        const secret = new random.RandomPassword(machine.secretName, {
            length: 64,
            special: false,
            keepers: { secretVersion: String(machine.secretVersion) },
        });
        new auth0.ClientCredentials(machine.credentialsName, {
            clientId: client.clientId,
            authenticationMethod: "client_secret_post",
            clientSecretWo: pulumi.secret(secret.result),
            clientSecretWoVersion: machine.secretVersion,
        });
        for (const grant of machine.grants) {
            new auth0.ClientGrant(
                grant.resourceName,
                { clientId: client.clientId, audience: grant.audience, scopes: [...grant.scopes] },
                { dependsOn: grant.api ? (apiResources.get(grant.api) ?? []) : [] },
            );
        }
        clientIds[machine.key] = client.clientId;
    }
    return clientIds;
}
