// The least-privilege Management API scope set for the endpoints an application calls.
import { findEndpoint, type CatalogueEndpoint, type ManagementApiScope } from "./catalogue/catalogue";
import { closestEndpoints, quoteList } from "./suggestions";
import { endpointRequirement } from "./endpointRequirements";

export type EndpointResolution =
    | { readonly ok: true; readonly endpoint: CatalogueEndpoint }
    | { readonly ok: false; readonly message: string };

/** Looks an endpoint up and explains, with suggestions, when it can't be granted to an M2M app. */
export function resolveEndpoint(request: string): EndpointResolution {
    const endpoint = findEndpoint(request);
    if (!endpoint) {
        const suggestions = closestEndpoints(request);
        const hint = suggestions.length > 0 ? ` (did you mean ${quoteList(suggestions)}?)` : "";
        const shape = /^\s*[A-Za-z]+\s+\/api\/v2\//.test(request) ? "" : '; write it as "METHOD /api/v2/path", e.g. "GET /api/v2/users/{id}"';
        return { ok: false, message: `unknown Management API endpoint "${request}"${hint}${shape}` };
    }
    if (endpointRequirement(endpoint).clauses.length === 0) {
        return {
            ok: false,
            message: `${endpoint.key} accepts only user-context scopes (${endpoint.scopes.join(", ")}), which an M2M client-credentials grant can't use`,
        };
    }
    return { ok: true, endpoint };
}

export class EndpointScopeError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.length === 1 ? problems[0] : `${problems.length} endpoints can't be granted:\n- ${problems.join("\n- ")}`);
        this.name = "EndpointScopeError";
    }
}

/**
 * Returns the fewest, least powerful scopes that let an app call every given endpoint, sorted.
 * Scopes an endpoint needs outright are taken first; then each "any of" choice reuses a scope
 * already taken when it can, and otherwise takes its least powerful alternative.
 * Throws `EndpointScopeError` naming every endpoint it can't resolve.
 */
export function scopesForEndpoints(endpoints: readonly string[]): ManagementApiScope[] {
    const problems: string[] = [];
    const clauses: (readonly ManagementApiScope[])[] = [];
    for (const request of endpoints) {
        const resolution = resolveEndpoint(request);
        if (resolution.ok) clauses.push(...endpointRequirement(resolution.endpoint).clauses);
        else problems.push(resolution.message);
    }
    if (problems.length > 0) throw new EndpointScopeError(problems);

    const chosen = new Set<ManagementApiScope>();
    for (const clause of clauses) if (clause.length === 1) chosen.add(clause[0]);
    for (const clause of clauses) {
        if (!clause.some((scope) => chosen.has(scope))) chosen.add(clause[0]);
    }
    return [...chosen].sort();
}
