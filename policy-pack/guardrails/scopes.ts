// Scope-shape rules that hold for every API, shared by the config schema and the policy pack.

/** Auth0 scopes are literal strings; a `*` in one is an attempt at a wildcard, never a real scope. */
export function hasWildcard(scope: string): boolean {
    return scope.includes("*");
}

/**
 * Scopes for tokens tied to a logged-in user (`read:current_user`, `update:current_user_metadata`,
 * ...). They do nothing in a client-credentials grant, so asking for one is a mistake.
 */
export function isUserContextScope(scope: string): boolean {
    return scope.includes("current_user");
}

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

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function quoteAlternatives(values: readonly string[]): string {
    const quoted = values.map((v) => JSON.stringify(v));
    return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}
