import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { M2M_APP_TYPE, M2M_GRANT_TYPE } from "../../policy-pack/guardrails";
import { clientGrantName, COMPONENT_TYPES } from "../config/resourceNames";
import { ComponentArgsError } from "../config/argsError";
import { resolveMachineArgs, type MachineClientArgs, type ResolvedAuthentication } from "./machineArgs";

/**
 * One machine-to-machine application: a `non_interactive` Auth0 client that may use only the
 * client-credentials grant, its credentials, and its client grants. Auth0 allows one grant per
 * client, audience and subject type; these are all client-credentials grants (subject type
 * "client"), so here that is one per audience.
 */
export class MachineClient extends pulumi.ComponentResource {
    readonly client: auth0.Client;
    readonly clientId: pulumi.Output<string>;
    readonly credentials: auth0.ClientCredentials;
    readonly authenticationMethod: ResolvedAuthentication["method"];
    /** The generated secret (a Pulumi secret), when the app authenticates with one. */
    readonly clientSecret?: pulumi.Output<string>;
    readonly grants: Readonly<Record<string, auth0.ClientGrant>>;
    /** Audience to granted scopes. */
    readonly grantedScopes: pulumi.Output<Record<string, string[]>>;

    constructor(name: string, args: MachineClientArgs, opts?: pulumi.ComponentResourceOptions) {
        const { authentication, tokenQuota, grants, description, issues } = resolveMachineArgs(args, `MachineClient "${name}"`);
        if (issues.length > 0) throw new ComponentArgsError(`MachineClient "${name}"`, issues);
        super(COMPONENT_TYPES.machineClient, name, {}, opts);
        // Children take the component's ignoreChanges (protect and aliases reach them through their parent).
        const childOptions = { parent: this, ignoreChanges: opts?.ignoreChanges };

        this.client = new auth0.Client(
            `${name}-client`,
            {
                name: args.displayName ?? name,
                description,
                appType: M2M_APP_TYPE,
                grantTypes: [M2M_GRANT_TYPE],
                isFirstParty: true,
                oidcConformant: true,
                tokenQuota: tokenQuota && {
                    clientCredentials: { perHour: tokenQuota.perHour, perDay: tokenQuota.perDay, enforce: tokenQuota.enforce },
                },
            },
            childOptions,
        );
        this.clientId = this.client.clientId;
        this.authenticationMethod = authentication.method;

        if (authentication.method === "private_key_jwt") {
            this.credentials = new auth0.ClientCredentials(
                `${name}-credentials`,
                {
                    clientId: this.clientId,
                    authenticationMethod: "private_key_jwt",
                    privateKeyJwt: {
                        credentials: Object.keys(authentication.publicKeys)
                            .sort()
                            .map((keyName) => {
                                const key = authentication.publicKeys[keyName];
                                return {
                                    name: keyName,
                                    credentialType: "public_key",
                                    pem: key.pem,
                                    algorithm: key.algorithm,
                                    expiresAt: key.expiresAt,
                                };
                            }),
                    },
                },
                childOptions,
            );
        } else if (authentication.method === "tls_client_auth") {
            // Credential types are the Management API's snake_case values; input.d.ts shows them
            // camelCased (certSubjectDn, x509Cert), as it does for credentialType "public_key" above.
            this.credentials = new auth0.ClientCredentials(
                `${name}-credentials`,
                {
                    clientId: this.clientId,
                    authenticationMethod: "tls_client_auth",
                    tlsClientAuth: {
                        credentials: Object.keys(authentication.certificates)
                            .sort()
                            .map((certName) => ({ name: certName, credentialType: "cert_subject_dn", ...authentication.certificates[certName] })),
                    },
                },
                childOptions,
            );
        } else if (authentication.method === "self_signed_tls_client_auth") {
            this.credentials = new auth0.ClientCredentials(
                `${name}-credentials`,
                {
                    clientId: this.clientId,
                    authenticationMethod: "self_signed_tls_client_auth",
                    selfSignedTlsClientAuth: {
                        credentials: Object.keys(authentication.certificates)
                            .sort()
                            .map((certName) => ({ name: certName, credentialType: "x509_cert", pem: authentication.certificates[certName].pem })),
                    },
                },
                childOptions,
            );
        } else {
            // Generated here rather than by Auth0, so rotation is declarative (bump secretVersion).
            // The deployer still holds read:client_credentials, which returns client secrets too
            // (GET /clients/{id}), so this keeps the secret out of state, not out of its reach.
            const secret = new random.RandomPassword(
                `${name}-secret`,
                { length: 64, special: false, keepers: { secretVersion: String(authentication.secretVersion) } },
                childOptions,
            );
            this.clientSecret = pulumi.secret(secret.result);
            this.credentials = new auth0.ClientCredentials(
                `${name}-credentials`,
                {
                    clientId: this.clientId,
                    authenticationMethod: authentication.method,
                    // Write-only: the provider never reads the secret back.
                    clientSecretWo: this.clientSecret,
                    clientSecretWoVersion: authentication.secretVersion,
                },
                childOptions,
            );
        }

        const children: Record<string, auth0.ClientGrant> = {};
        const grantedScopes: pulumi.Input<[string, string[]]>[] = [];
        for (const key of Object.keys(grants).sort()) {
            const grant = grants[key];
            children[key] = new auth0.ClientGrant(
                clientGrantName(name, key),
                { clientId: this.clientId, audience: grant.audience, scopes: [...grant.scopes] },
                // The API's scopes must exist before a grant names them.
                {
                    ...childOptions,
                    dependsOn: grant.api ? [grant.api] : [],
                    // A replacement would create the new grant first, which the provider adopts as the
                    // existing one (auth0/terraform-provider-auth0 clientgrant createClientGrant lists the
                    // client's grants for the audience and takes the first), then delete the old: the same grant.
                    aliases: grant.formerly === undefined ? undefined : [{ name: clientGrantName(name, grant.formerly) }],
                },
            );
            grantedScopes.push(
                typeof grant.audience === "string"
                    ? [grant.audience, [...grant.scopes]]
                    : pulumi.output(grant.audience).apply((audience) => [audience, [...grant.scopes]] as [string, string[]]),
            );
        }
        this.grants = children;
        // One Output for the whole map; only audiences from other resources need an apply each.
        this.grantedScopes = grantedScopes.every(Array.isArray)
            ? pulumi.output(Object.fromEntries(grantedScopes as [string, string[]][]))
            : pulumi.all(grantedScopes).apply((entries) => Object.fromEntries(entries));

        this.registerOutputs({
            clientId: this.clientId,
            authenticationMethod: this.authenticationMethod,
            grantedScopes: this.grantedScopes,
        });
    }
}

