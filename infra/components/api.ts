import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { PROOF_OF_POSSESSION_MECHANISMS, RBAC_TOKEN_DIALECT, type ConfigIssue, type ProofOfPossessionMechanism } from "../../policy-pack/guardrails";
import { AUTH0_TOKEN_LIFETIME_LIMITS, checkApiSettings } from "../config/argChecks";
import { ComponentArgsError } from "../config/argsError";
import {
    API_IDENTIFIER,
    API_USER_ACCESS_POLICIES,
    type ApiUserAccessPolicy,
    DEFAULT_API_TOKEN_LIFETIME_SECONDS,
    defaultTokenLifetimeForWeb,
} from "../config/tenantConfig";

export interface ApiArgs {
    /** The API's audience, e.g. `https://orders.acme.example`. Auth0 can't change it once created. */
    readonly identifier: string;
    /** Name shown in the Auth0 dashboard. Default: the component's name. */
    readonly displayName?: string;
    /** Access-token lifetime in seconds, at most Auth0's 2,592,000. Default: 3,600. */
    readonly tokenLifetime?: number;
    /** Implicit/hybrid-flow lifetime in seconds, at most `tokenLifetime`. Default: the lesser of 7,200 and `tokenLifetime`. */
    readonly tokenLifetimeForWeb?: number;
    /** Whether Auth0 may issue refresh tokens for this API. Default: false. */
    readonly allowOfflineAccess?: boolean;
    /** The API's scopes, name to description. This is the only place they are declared. Default: none. */
    readonly scopes?: Readonly<Record<string, string>>;
    /**
     * Which applications may get a user's token for this API. "deny_all": none (client credentials
     * only); "require_client_grant": only applications with a user grant, and RBAC is turned on so
     * tokens carry only the user's permissions. Auth0's own "allow_all" is not offered: it opens the
     * API to every application in the tenant. Default: "deny_all".
     */
    readonly userAccessPolicy?: ApiUserAccessPolicy;
    /** Bind access tokens to the client's key (mTLS certificate or DPoP key). Default: not bound. */
    readonly proofOfPossession?: { readonly mechanism: ProofOfPossessionMechanism; readonly required?: boolean };
}


/**
 * A custom API: an Auth0 resource server signing RS256 tokens, with its scopes owned by one
 * `ResourceServerScopes`, so no other resource can fight over the list.
 */
export class Api extends pulumi.ComponentResource {
    readonly resourceServer: auth0.ResourceServer;
    readonly scopeList: auth0.ResourceServerScopes;
    readonly identifier: string;
    /** The declared scope names, for checking grants before anything is registered. */
    readonly scopeNames: readonly string[];
    readonly tokenLifetime: number;
    readonly tokenLifetimeForWeb: number;

    constructor(name: string, args: ApiArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveApiArgs(args);
        const issues = checkApiArgs(args, resolved);
        if (issues.length > 0) throw new ComponentArgsError(`Api "${name}"`, issues);
        super("auth0-m2m:index:Api", name, {}, opts);

        this.identifier = args.identifier;
        this.scopeNames = Object.keys(resolved.scopes).sort();
        this.tokenLifetime = resolved.tokenLifetime;
        this.tokenLifetimeForWeb = resolved.tokenLifetimeForWeb;
        this.resourceServer = new auth0.ResourceServer(
            `${name}-resource-server`,
            {
                identifier: args.identifier,
                name: args.displayName ?? name,
                signingAlg: "RS256",
                tokenLifetime: resolved.tokenLifetime,
                tokenLifetimeForWeb: resolved.tokenLifetimeForWeb,
                allowOfflineAccess: resolved.allowOfflineAccess,
                // Client access always needs a client grant; user access as declared (apiAccess.ts cites the values).
                subjectTypeAuthorization: { client: { policy: "require_client_grant" }, user: { policy: resolved.userAccessPolicy } },
                enforcePolicies: resolved.rbac,
                tokenDialect: resolved.rbac ? RBAC_TOKEN_DIALECT : undefined,
                proofOfPossession: resolved.proofOfPossession,
            },
            { parent: this },
        );
        this.scopeList = new auth0.ResourceServerScopes(
            `${name}-scopes`,
            {
                resourceServerIdentifier: this.resourceServer.identifier,
                scopes: this.scopeNames.map((scope) => ({ name: scope, description: resolved.scopes[scope] })),
            },
            { parent: this },
        );
        this.registerOutputs({
            identifier: this.identifier,
            resourceServerId: this.resourceServer.id,
            scopes: this.scopeNames,
        });
    }
}

/** Fills in the documented defaults. Pure, so it is tested without mocks. */
export function resolveApiArgs(args: ApiArgs) {
    const tokenLifetime = args.tokenLifetime ?? DEFAULT_API_TOKEN_LIFETIME_SECONDS;
    const userAccessPolicy: ApiUserAccessPolicy = args.userAccessPolicy ?? "deny_all";
    return {
        tokenLifetime,
        tokenLifetimeForWeb: args.tokenLifetimeForWeb ?? defaultTokenLifetimeForWeb(tokenLifetime),
        allowOfflineAccess: args.allowOfflineAccess ?? false,
        scopes: args.scopes ?? {},
        userAccessPolicy,
        // Declared user access turns on RBAC, so a user's token carries only the permissions the user holds.
        rbac: userAccessPolicy !== "deny_all",
        proofOfPossession: args.proofOfPossession && { mechanism: args.proofOfPossession.mechanism, required: args.proofOfPossession.required ?? true },
    };
}

function checkApiArgs(args: ApiArgs, resolved: ReturnType<typeof resolveApiArgs>): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    if (typeof args.identifier !== "string" || !API_IDENTIFIER.test(args.identifier)) {
        issues.push({ path: ["identifier"], message: "must be a non-empty string without white space, e.g. https://orders.acme.example" });
    }
    if (!(API_USER_ACCESS_POLICIES as readonly string[]).includes(resolved.userAccessPolicy)) {
        issues.push({ path: ["userAccessPolicy"], message: `must be one of ${API_USER_ACCESS_POLICIES.map((p) => `"${p}"`).join(", ")}` });
    }
    if (args.proofOfPossession && !(PROOF_OF_POSSESSION_MECHANISMS as readonly string[]).includes(args.proofOfPossession.mechanism)) {
        issues.push({ path: ["proofOfPossession", "mechanism"], message: `must be one of ${PROOF_OF_POSSESSION_MECHANISMS.map((m) => `"${m}"`).join(", ")}` });
    }
    issues.push(
        ...checkApiSettings(
            { tokenLifetime: resolved.tokenLifetime, tokenLifetimeForWeb: resolved.tokenLifetimeForWeb, scopes: Object.keys(resolved.scopes) },
            { limits: AUTH0_TOKEN_LIFETIME_LIMITS },
        ),
    );
    return issues;
}
