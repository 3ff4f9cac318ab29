import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { type ClosedUserAccessPolicy, defaultTokenLifetimeForWeb, GRANTED_CLIENT_ACCESS_POLICY, RBAC_TOKEN_DIALECT, rbacForUserAccess, type ConfigIssue, type ProofOfPossessionMechanism } from "../../policy-pack/guardrails";
import { AUTH0_TOKEN_LIFETIME_LIMITS, checkApiSettings } from "../config/argChecks";
import { ComponentArgsError } from "../config/argsError";
import { checkInput, isKnownString } from "../config/deferredChecks";
import { schemaIssues } from "../config/schemaIssues";
import { apiSchema } from "../config/tenantConfig";
import { COMPONENT_TYPES } from "../config/resourceNames";

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


/** The signing algorithm every API the component manages uses: asymmetric, so only Auth0 can sign its tokens. */
export const API_SIGNING_ALG = "RS256";

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
        const issues: ConfigIssue[] = [];
        const identifier = checkInput(component, args.identifier, identifierIssues, issues);
        const { resolved, issues: argIssues } = checkApiArgs(args);
        issues.push(...argIssues);
        if (!resolved || issues.length > 0) throw new ComponentArgsError(component, issues);
        super(COMPONENT_TYPES.api, name, {}, opts);

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
                signingAlg: API_SIGNING_ALG,
                tokenLifetime: resolved.tokenLifetime,
                tokenLifetimeForWeb: resolved.tokenLifetimeForWeb,
                allowOfflineAccess: resolved.allowOfflineAccess,
                // Client access always needs a client grant; user access as declared (apiAccess.ts cites the values).
                subjectTypeAuthorization: { client: { policy: GRANTED_CLIENT_ACCESS_POLICY }, user: { policy: resolved.userAccessPolicy } },
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

/** The API settings the config's schema checks and fills in (tenantConfig.ts), for the component too. */
const apiSettingsSchema = apiSchema.pick({ tokenLifetime: true, tokenLifetimeForWeb: true, allowOfflineAccess: true, userAccessPolicy: true, proofOfPossession: true });

export interface ResolvedApiArgs {
    readonly tokenLifetime: number;
    readonly tokenLifetimeForWeb: number;
    readonly allowOfflineAccess: boolean;
    readonly scopes: Readonly<Record<string, string>>;
    readonly userAccessPolicy: ClosedUserAccessPolicy;
    /** Declared user access turns on RBAC, so a user's token carries only the permissions the user holds. */
    readonly rbac: boolean;
    readonly proofOfPossession?: { readonly mechanism: ProofOfPossessionMechanism; readonly required: boolean };
}

/**
 * Checks the arguments against the config's schema and Auth0's lifetime limits, and fills in the
 * schema's defaults; every problem at once. Pure, so it is tested without mocks.
 */
function checkApiArgs(args: ApiArgs): { resolved?: ResolvedApiArgs; issues: ConfigIssue[] } {
    const settings = {
        tokenLifetime: args.tokenLifetime,
        tokenLifetimeForWeb: args.tokenLifetimeForWeb,
        allowOfflineAccess: args.allowOfflineAccess,
        userAccessPolicy: args.userAccessPolicy,
        proofOfPossession: args.proofOfPossession,
    };
    const parsed = apiSettingsSchema.safeParse(settings);
    const scopes = args.scopes ?? {};
    if (!parsed.success) return { issues: schemaIssues(parsed.error, [], apiSettingsSchema, settings) };
    const { tokenLifetime, allowOfflineAccess, userAccessPolicy, proofOfPossession } = parsed.data;
    const resolved: ResolvedApiArgs = {
        tokenLifetime,
        tokenLifetimeForWeb: parsed.data.tokenLifetimeForWeb ?? defaultTokenLifetimeForWeb(tokenLifetime),
        allowOfflineAccess,
        scopes,
        userAccessPolicy,
        rbac: rbacForUserAccess(userAccessPolicy),
        proofOfPossession,
    };
    const issues = checkApiSettings(
        { tokenLifetime: resolved.tokenLifetime, tokenLifetimeForWeb: resolved.tokenLifetimeForWeb, scopes: Object.keys(scopes) },
        { limits: AUTH0_TOKEN_LIFETIME_LIMITS },
    );
    return { resolved, issues };
}

/** The arguments with the documented defaults filled in; throws a ComponentArgsError listing every problem. */
export function resolveApiArgs(args: ApiArgs, component = "Api"): ResolvedApiArgs {
    const { resolved, issues } = checkApiArgs(args);
    if (!resolved || issues.length > 0) throw new ComponentArgsError(component, issues);
    return resolved;
}

/** The identifier's check (the config schema's), the same whether the value is known at construction or resolves later. */
export function identifierIssues(identifier: unknown): ConfigIssue[] {
    const parsed = apiSchema.shape.identifier.safeParse(identifier);
    return parsed.success ? [] : schemaIssues(parsed.error, ["identifier"], apiSchema.shape.identifier, identifier);
}
