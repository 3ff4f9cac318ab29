// The @pulumi/auth0 resources the pack guards, read from either half of the policy API into one
// plain shape.
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { AUTH0_TYPES } from "../guardrails/auth0Types";
import { asBoolean, asList, asNumber, asObject, asString, isUnknown, type Maybe, type PlainProps, resolveProps, UNKNOWN } from "./props";

/** A resource as a rule sees it: identity, plain properties, and what it depends on (stack half only). */
export interface Auth0Resource {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    readonly props: PlainProps;
    /** URNs this resource depends on; empty in the per-resource half, where the engine sends none. */
    readonly dependencies: readonly string[];
    /** Property name to the URNs that property's value came from; empty in the per-resource half. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export function fromValidationArgs(args: ResourceValidationArgs): Auth0Resource {
    return {
        urn: args.urn,
        name: args.name,
        type: args.type,
        props: resolveProps(args.props),
        dependencies: [],
        propertyDependencies: {},
    };
}

export function fromPolicyResource(resource: PolicyResource): Auth0Resource {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
        propertyDependencies[key] = deps.map((d) => d.urn);
    }
    let props: PlainProps | undefined;
    return {
        urn: resource.urn,
        name: resource.name,
        type: resource.type,
        // Read on first use: a stack rule gets every resource but reads the properties of a few types.
        get props() {
            return (props ??= resolveProps(resource.props));
        },
        dependencies: (resource.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
    };
}

/** `ClientGrant "orders-m2m"`: how messages name a resource. */
export function labelOf(resource: Pick<Auth0Resource, "type" | "name">): string {
    const shortType = resource.type.split(":").pop() || resource.type;
    return `${shortType} "${resource.name}"`;
}

export function ofType(resources: readonly Auth0Resource[], type: string): Auth0Resource[] {
    return resources.filter((r) => r.type === type);
}

// Typed readers for the fields the rules use (camelCase, as @pulumi/auth0 3.x sends them).

export interface GrantFields {
    readonly audience: Maybe<string>;
    readonly clientId: Maybe<string>;
    readonly scopes: Maybe<Maybe<string>[]>;
    readonly allowAllScopes: Maybe<boolean>;
    readonly defaultFor: Maybe<string>;
    readonly subjectType: Maybe<string>;
    readonly allowAnyOrganization: Maybe<boolean>;
    readonly organizationUsage: Maybe<string>;
}

export function grantFields(grant: Auth0Resource): GrantFields {
    const p = grant.props;
    return {
        audience: asString(p.audience),
        clientId: asString(p.clientId),
        scopes: asList(p.scopes, asString),
        allowAllScopes: asBoolean(p.allowAllScopes),
        defaultFor: asString(p.defaultFor),
        subjectType: asString(p.subjectType),
        allowAnyOrganization: asBoolean(p.allowAnyOrganization),
        organizationUsage: asString(p.organizationUsage),
    };
}

/**
 * Whether the grant is, or during preview may be, a client-credentials grant for one client: it names
 * its client (a defaultFor grant has no clientId) and its subjectType is unset, "client" or unknown
 * ("user" grants act for users; both recorded in auth0/terraform-provider-auth0
 * test/data/recordings/TestAccClientGrant.yaml at 1b9422c).
 */
export function mayBeClientCredentialsGrant(fields: GrantFields): boolean {
    if (fields.clientId === undefined) return false;
    return !(typeof fields.subjectType === "string" && fields.subjectType !== "client");
}

export interface ResourceServerFields {
    readonly identifier: Maybe<string>;
    readonly tokenLifetime: Maybe<number>;
    readonly tokenLifetimeForWeb: Maybe<number>;
}

export function resourceServerFields(api: Auth0Resource): ResourceServerFields {
    return {
        identifier: asString(api.props.identifier),
        tokenLifetime: asNumber(api.props.tokenLifetime),
        tokenLifetimeForWeb: asNumber(api.props.tokenLifetimeForWeb),
    };
}

/** A scope an API defines, with the field path it was read from (for messages). */
export interface DefinedScope {
    readonly scope: Maybe<string>;
    readonly field: string;
}

/** The API identifier a ResourceServerScopes/ResourceServerScope belongs to, and the scopes it defines. */
export function scopeDefinitions(resource: Auth0Resource): { identifier: Maybe<string>; scopes: Maybe<DefinedScope[]> } {
    const identifier = asString(resource.props.resourceServerIdentifier);
    if (resource.type === AUTH0_TYPES.resourceServerScope) {
        return { identifier, scopes: [{ scope: asString(resource.props.scope), field: "scope" }] };
    }
    const entries = asList(resource.props.scopes, (entry) => entry);
    if (entries === undefined || isUnknown(entries)) return { identifier, scopes: entries };
    return {
        identifier,
        scopes: entries.map((entry, i) => {
            const field = `scopes[${i}].name`;
            if (isUnknown(entry)) return { scope: UNKNOWN, field };
            const object = asObject(entry);
            return { scope: isUnknown(object) ? UNKNOWN : asString(object?.name), field };
        }),
    };
}

/**
 * The scopes a ResourceServer declares inline: `scopes: [{ value, description }]` in @pulumi/auth0
 * 1.x and 2.x (pulumi/pulumi-auth0 v1.0.0 d707e16c sdk/nodejs/types/input.ts ResourceServerScope;
 * still there at v2.24.3 f05c9993). Provider 3.0.0 (9837e333, terraform-provider-auth0 v1.0.0)
 * removed the field: scopes live in ResourceServerScopes/ResourceServerScope. Undefined: none inline.
 */
export function inlineScopes(api: Auth0Resource): Maybe<DefinedScope[]> {
    const entries = asList(api.props.scopes, (entry) => entry);
    if (entries === undefined || isUnknown(entries)) return entries;
    return entries.map((entry, i) => {
        const field = `scopes[${i}].value`;
        const object = isUnknown(entry) ? UNKNOWN : asObject(entry);
        return { scope: isUnknown(object) ? UNKNOWN : asString(object?.value), field };
    });
}

export interface ClientFields {
    readonly ids: Maybe<string>[];
    readonly appType: Maybe<string>;
    readonly grantTypes: Maybe<Maybe<string>[]>;
}

export function clientFields(client: Auth0Resource): ClientFields {
    const p = client.props;
    return {
        // A grant names its client by client ID; in the stack's outputs that is both `clientId` and `id`.
        ids: [asString(p.clientId), asString(p.id)],
        appType: asString(p.appType),
        grantTypes: asList(p.grantTypes, asString),
    };
}
