// Lookups over the generated Management API catalogue: scopes by name, endpoints by template or
// by a concrete request path.
import {
    MANAGEMENT_API_ENDPOINTS,
    MANAGEMENT_API_SCOPES,
    type ManagementApiEndpoint,
    type ManagementApiScope,
} from "./managementApiCatalogue.generated";

export {
    MANAGEMENT_API_ENDPOINTS,
    MANAGEMENT_API_SCOPES,
    type ManagementApiEndpoint,
    type ManagementApiScope,
} from "./managementApiCatalogue.generated";

export interface CatalogueEndpoint {
    readonly method: string;
    readonly path: string;
    /** `"METHOD /api/v2/template"`, the form the catalogue and error messages use. */
    readonly key: ManagementApiEndpoint;
    readonly scopes: readonly ManagementApiScope[];
}

const knownScopes: ReadonlySet<string> = new Set(MANAGEMENT_API_SCOPES);

export function isManagementApiScope(scope: string): scope is ManagementApiScope {
    return knownScopes.has(scope);
}

interface PathNode {
    readonly literals: Map<string, PathNode>;
    parameter?: PathNode;
    readonly endpoints: Map<string, CatalogueEndpoint>;
}

const newNode = (): PathNode => ({ literals: new Map(), endpoints: new Map() });
const isParameter = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

const allEndpoints: readonly CatalogueEndpoint[] = MANAGEMENT_API_ENDPOINTS.map(([method, path, scopes]) => ({
    method,
    path,
    key: `${method} ${path}` as ManagementApiEndpoint,
    scopes,
}));

const pathTree: PathNode = (() => {
    const root = newNode();
    for (const endpoint of allEndpoints) {
        let node = root;
        for (const segment of endpoint.path.split("/").filter(Boolean)) {
            if (isParameter(segment)) {
                node = node.parameter ??= newNode();
            } else {
                let next = node.literals.get(segment);
                if (!next) node.literals.set(segment, (next = newNode()));
                node = next;
            }
        }
        node.endpoints.set(endpoint.method, endpoint);
    }
    return root;
})();

export function allCatalogueEndpoints(): readonly CatalogueEndpoint[] {
    return allEndpoints;
}

/** Splits `"GET /api/v2/users/{id}"` into method and path; undefined when it isn't that shape. */
export function parseEndpointRequest(request: string): { method: string; path: string } | undefined {
    const match = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(request);
    if (!match) return undefined;
    const path = match[2].split(/[?#]/)[0];
    return { method: match[1].toUpperCase(), path: path.length > 1 ? path.replace(/\/+$/, "") : path };
}

/**
 * Finds the catalogue endpoint for a template (`GET /api/v2/users/{id}`) or a concrete request
 * (`GET /api/v2/users/auth0|123`). A literal segment wins over a parameter, so
 * `GET /api/v2/clients/search` is the search endpoint, not `GET /api/v2/clients/{id}`.
 */
export function findEndpoint(request: string): CatalogueEndpoint | undefined {
    const parsed = parseEndpointRequest(request);
    if (!parsed) return undefined;
    const segments = parsed.path.split("/").filter(Boolean);
    const walk = (node: PathNode, index: number): CatalogueEndpoint | undefined => {
        if (index === segments.length) return node.endpoints.get(parsed.method);
        const segment = segments[index];
        const literal = node.literals.get(segment);
        const viaLiteral = literal && walk(literal, index + 1);
        if (viaLiteral) return viaLiteral;
        return node.parameter && walk(node.parameter, index + 1);
    };
    return walk(pathTree, 0);
}
