import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import {
    CLOSED_USER_ACCESS_POLICIES,
    type ClosedUserAccessPolicy,
    defaultTokenLifetimeForWeb,
    PROOF_OF_POSSESSION_MECHANISMS,
    quoteList,
    RBAC_TOKEN_DIALECT,
    type ConfigIssue,
    type ProofOfPossessionMechanism,
} from "../../policy-pack/guardrails";
import { AUTH0_TOKEN_LIFETIME_LIMITS, checkApiSettings } from "../config/argChecks";
import { ComponentArgsError } from "../config/argsError";
import { checkInput, isKnownString } from "../config/deferredChecks";
import {
    API_IDENTIFIER,
    DEFAULT_API_TOKEN_LIFETIME_SECONDS,
} from "../config/tenantConfig";

export interface ApiArgs {
    /**
     * The API's audience, e.g. `https://orders.acme.example`. Auth0 can't change it once created.
     * May come from another resource; it is then checked when it resolves.
     */
    readonly identifier: pulumi.Input<string>;
    /** Name shown in the Auth0 dashboard. Default: the component's name. */
    readonly displayName?: pulumi.Input<string>;
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
    readonly userAccessPolicy?: ClosedUserAccessPolicy;
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
    readonly identifier: pulumi.Output<string>;
    /** The identifier when it was given as a plain value; undefined when another resource gives it. */
    readonly knownIdentifier: string | undefined;
    /** How messages name this API: its identifier when known at construction, else its component name. */
    readonly label: string;
    /** The declared scope names, for checking grants before anything is registered. */
    readonly scopeNames: readonly string[];
    readonly tokenLifetime: number;
    readonly tokenLifetimeForWeb: number;

    constructor(name: string, args: ApiArgs, opts?: pulumi.ComponentResourceOptions) {
        const component = `Api "${name}"`;
        const resolved = resolveApiArgs(args);
        const issues: ConfigIssue[] = [];
        const identifier = checkInput(component, args.identifier, identifierIssues, issues);
        issues.push(...accessIssues(args, resolved));
        issues.push(...checkApiSettings(
            { tokenLifetime: resolved.tokenLifetime, tokenLifetimeForWeb: resolved.tokenLifetimeForWeb, scopes: Object.keys(resolved.scopes) },
            { limits: AUTH0_TOKEN_LIFETIME_LIMITS },
        ));
        if (issues.length > 0) throw new ComponentArgsError(component, issues);
        super("auth0-m2m:index:Api", name, {}, opts);

        this.identifier = pulumi.output(identifier);
        this.knownIdentifier = isKnownString(args.identifier) ? args.identifier : undefined;
        this.label = isKnownString(args.identifier) ? `the API ${args.identifier}` : `the API "${name}"`;
        this.scopeNames = Object.keys(resolved.scopes).sort();
        this.tokenLifetime = resolved.tokenLifetime;
        this.tokenLifetimeForWeb = resolved.tokenLifetimeForWeb;
        this.resourceServer = new auth0.ResourceServer(
            `${name}-resource-server`,
            {
                identifier,
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
            { parent: this, ignoreChanges: opts?.ignoreChanges },
        );
        this.scopeList = new auth0.ResourceServerScopes(
            `${name}-scopes`,
            {
                resourceServerIdentifier: this.resourceServer.identifier,
                scopes: this.scopeNames.map((scope) => ({ name: scope, description: resolved.scopes[scope] })),
            },
            { parent: this, ignoreChanges: opts?.ignoreChanges },
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
    const userAccessPolicy: ClosedUserAccessPolicy = args.userAccessPolicy ?? "deny_all";
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

/** The identifier's check, the same whether the value is known at construction or resolves later. */
export function identifierIssues(identifier: unknown): ConfigIssue[] {
    if (typeof identifier === "string" && API_IDENTIFIER.test(identifier)) return [];
    return [{ path: ["identifier"], message: "must be a non-empty string without white space, e.g. https://orders.acme.example" }];
}

/** The access settings' checks: only closed user-access policies, and a known token-binding mechanism. */
function accessIssues(args: ApiArgs, resolved: ReturnType<typeof resolveApiArgs>): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    if (!(CLOSED_USER_ACCESS_POLICIES as readonly string[]).includes(resolved.userAccessPolicy)) {
        issues.push({ path: ["userAccessPolicy"], message: `must be one of ${quoteList(CLOSED_USER_ACCESS_POLICIES)}` });
    }
    if (args.proofOfPossession && !(PROOF_OF_POSSESSION_MECHANISMS as readonly string[]).includes(args.proofOfPossession.mechanism)) {
        issues.push({ path: ["proofOfPossession", "mechanism"], message: `must be one of ${quoteList(PROOF_OF_POSSESSION_MECHANISMS)}` });
    }
    return issues;
}
