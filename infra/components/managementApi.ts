import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { managementApiAudience, MANAGEMENT_API_NAME, tenantDomainProblem, type ConfigIssue } from "../../policy-pack/guardrails";
import { AUTH0_TOKEN_LIFETIME_LIMITS, checkApiSettings } from "../config/argChecks";
import { ComponentArgsError } from "../config/argsError";
import { COMPONENT_TYPES } from "../config/resourceNames";

export interface ManagementApiArgs {
    /** The tenant's domain, e.g. `acme-dev.eu.auth0.com`; the audience is derived from it. */
    readonly domain: string;
    /** Access-token lifetime of the Management API, in seconds (Auth0 allows up to 2,592,000). */
    readonly tokenLifetime: number;
}

/**
 * The tenant's Auth0 Management API, adopted to manage its token lifetime. It is a system API:
 * Auth0 creates it with the tenant and won't delete it. So it is imported by its audience (GET
 * and PATCH accept the audience in place of the id) and retained on delete.
 *
 * Only `identifier`, `name` and `tokenLifetime` are declared. The provider recognises the system
 * API by the name in state and then sends only `token_lifetime`; declaring the existing name
 * keeps the program in step with the tenant, and anything else would be a difference the provider
 * never sends, hence a diff on every run. The first `pulumi up` on a tenant whose current lifetime
 * differs needs Pulumi CLI 3.175.0 or newer, which imports and then updates (pulumi/pulumi#19339).
 */
export class ManagementApi extends pulumi.ComponentResource {
    readonly domain: string;
    readonly audience: string;
    readonly tokenLifetime: number;
    readonly resourceServer: auth0.ResourceServer;

    constructor(name: string, args: ManagementApiArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues: ConfigIssue[] = [];
        const domainProblem = tenantDomainProblem(args.domain);
        if (domainProblem) issues.push({ path: ["domain"], message: domainProblem });
        issues.push(...checkApiSettings({ tokenLifetime: args.tokenLifetime }, { limits: AUTH0_TOKEN_LIFETIME_LIMITS, webLifetimeManaged: false }));
        if (issues.length > 0) throw new ComponentArgsError(`ManagementApi "${name}"`, issues);
        super(COMPONENT_TYPES.managementApi, name, {}, opts);

        this.domain = args.domain;
        this.audience = managementApiAudience(args.domain);
        this.tokenLifetime = args.tokenLifetime;
        this.resourceServer = new auth0.ResourceServer(
            `${name}-resource-server`,
            { identifier: this.audience, name: MANAGEMENT_API_NAME, tokenLifetime: args.tokenLifetime },
            { parent: this, import: this.audience, retainOnDelete: true, ignoreChanges: opts?.ignoreChanges },
        );
        this.registerOutputs({ audience: this.audience, tokenLifetime: this.tokenLifetime });
    }
}
