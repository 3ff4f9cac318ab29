// "Did you mean" suggestions: the closest known names to a mistyped scope, endpoint or config key,
// and how messages quote the alternatives.
import { allCatalogueEndpoints, MANAGEMENT_API_SCOPES, parseEndpointRequest } from "./catalogue/catalogue";

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The candidates closest to `wanted` (all tied at the smallest distance, at most `count`), within
 * a distance that still looks like a typo. Only the ties, so "read:user" suggests "read:users"
 * and not everything three edits away.
 */
export function closestMatches(wanted: string, candidates: Iterable<string>, count = 3): string[] {
    const threshold = Math.max(3, Math.floor(wanted.length / 3));
    const scored = [...candidates]
        .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate) }))
        .filter(({ distance }) => distance <= threshold);
    const best = Math.min(...scored.map(({ distance }) => distance));
    return scored
        .filter(({ distance }) => distance === best)
        .map(({ candidate }) => candidate)
        .sort()
        .slice(0, count);
}

/** `"a", "b"`. */
export function quoteList(values: readonly string[]): string {
    return values.map((v) => JSON.stringify(v)).join(", ");
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function quoteAlternatives(values: readonly string[]): string {
    const quoted = values.map((v) => JSON.stringify(v));
    return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

export function closestManagementApiScopes(scope: string, count = 3): string[] {
    return closestMatches(scope, MANAGEMENT_API_SCOPES, count);
}

/** Known endpoints closest to an unknown request, for "did you mean" messages. */
export function closestEndpoints(request: string, count = 3): string[] {
    const parsed = parseEndpointRequest(request);
    const wanted = parsed ? `${parsed.method} ${parsed.path}` : request.trim();
    const all = allCatalogueEndpoints();
    const sameMethod = parsed ? all.filter((e) => e.method === parsed.method) : all;
    const pool = (sameMethod.length > 0 ? sameMethod : all).map((e) => e.key as string);
    const close = closestMatches(wanted, pool, count);
    if (close.length > 0) return close;
    // Nothing within typo distance: fall back to the endpoints that share the longest path prefix.
    const prefix = (key: string) => {
        const a = key.split(" ")[1] ?? "";
        const b = parsed?.path ?? "";
        let i = 0;
        while (i < a.length && i < b.length && a[i] === b[i]) i++;
        return i;
    };
    return [...pool].sort((x, y) => prefix(y) - prefix(x) || x.localeCompare(y)).slice(0, count);
}
