// The scopes each API in the stack defines, from its ResourceServerScopes/ResourceServerScope
// resources (and, for @pulumi/auth0 1.x/2.x, its own inline scopes), read by every stack rule that
// needs them. Each definer is resolved to its API once, and indexed by that API: a lookup costs
// the API's own definers, plus the few whose API couldn't be resolved, never every definer.
import { AUTH0_TYPES } from "../guardrails/auth0Types";
import { isUnknown, type Maybe } from "./props";
import { ReferenceIndex } from "./references";
import { type Auth0Resource, type DefinedScope, inlineScopes, ofType, resourceServerFields, scopeDefinitions } from "./resources";

export interface ApiScopes {
    /** Scopes the API certainly defines. */
    readonly defined: Set<string>;
    /** Definitions that may add scopes but were unknown during preview: resource and field. */
    readonly unknown: { resource: Auth0Resource; field: string }[];
}

/** A definer whose API couldn't be matched by value or dependency; judged per API on lookup. */
interface Unresolved {
    readonly resource: Auth0Resource;
    readonly target: Maybe<string>;
    readonly undetermined: boolean;
}

const identifierOf = (api: Auth0Resource): Maybe<string> => resourceServerFields(api).identifier;

export class ApiScopeIndex {
    /** Finds the API a grant's audience (or a definer's identifier) names. */
    readonly apis: ReferenceIndex;
    private readonly byApi = new Map<Auth0Resource, Auth0Resource[]>();
    private readonly unresolved: Unresolved[] = [];
    private readonly cache = new Map<Auth0Resource, ApiScopes>();

    constructor(resources: readonly Auth0Resource[]) {
        this.apis = new ReferenceIndex(ofType(resources, AUTH0_TYPES.resourceServer), (a) => [identifierOf(a)]);
        const definers = [...ofType(resources, AUTH0_TYPES.resourceServerScopes), ...ofType(resources, AUTH0_TYPES.resourceServerScope)];
        for (const resource of definers) {
            const target = scopeDefinitions(resource).identifier;
            const ref = this.apis.find(resource, "resourceServerIdentifier", target, { unknownKeysMayMatch: true });
            if (ref.matches.length === 0) {
                this.unresolved.push({ resource, target, undetermined: ref.undetermined });
                continue;
            }
            for (const api of new Set(ref.matches)) {
                const list = this.byApi.get(api);
                if (list) list.push(resource);
                else this.byApi.set(api, [resource]);
            }
        }
    }

    /** The scopes the stack defines for `api`. */
    scopesOf(api: Auth0Resource): ApiScopes {
        let result = this.cache.get(api);
        if (result) return result;
        result = { defined: new Set(), unknown: [] };
        this.cache.set(api, result);
        // @pulumi/auth0 1.x/2.x: scopes declared on the ResourceServer itself.
        addDefinitions(result, api, inlineScopes(api));
        for (const definer of this.byApi.get(api) ?? []) addDefinitions(result, definer, scopeDefinitions(definer).scopes);
        // A definer naming a known identifier no API has might still be this API's, if this API's
        // identifier is unknown; one whose own target is unknown might be any API's.
        const identifierUnknown = isUnknown(identifierOf(api));
        for (const { resource, target, undetermined } of this.unresolved) {
            const maybe = typeof target === "string" ? identifierUnknown : undetermined;
            if (maybe) result.unknown.push({ resource, field: "resourceServerIdentifier" });
        }
        return result;
    }
}

function addDefinitions(result: ApiScopes, resource: Auth0Resource, scopes: Maybe<DefinedScope[]>): void {
    if (isUnknown(scopes)) result.unknown.push({ resource, field: "scopes" });
    for (const { scope, field } of isUnknown(scopes) ? [] : (scopes ?? [])) {
        if (isUnknown(scope)) result.unknown.push({ resource, field });
        else if (scope !== undefined) result.defined.add(scope);
    }
}
