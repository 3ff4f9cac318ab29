// Finds the resource a property refers to (a grant's client, a grant's API), in the stack half.
// During preview the referring value (a new client's ID, say) is often unknown, so the match falls
// back to the dependency graph the engine sends: first the property's own dependencies, then the
// resource's dependencies.
import { isUnknown, type Maybe } from "./props";
import type { Auth0Resource } from "./resources";

export interface ReferenceMatch {
    /** The candidates the property refers to (usually one). */
    readonly matches: readonly Auth0Resource[];
    /**
     * True when it can't be told whether (or which) candidate the property refers to, so a rule
     * that found nothing must say it couldn't check rather than pass.
     */
    readonly undetermined: boolean;
}

export interface ReferenceOptions {
    /**
     * Whether a candidate whose key is unknown might still be the one a known value names. False
     * for generated IDs (a known client ID can't name a client that doesn't exist yet), true for
     * user-chosen keys such as an API identifier computed from another output.
     */
    readonly unknownKeysMayMatch: boolean;
}

export function findReferenced(
    from: Auth0Resource,
    property: string,
    value: Maybe<string>,
    candidates: readonly Auth0Resource[],
    keysOf: (candidate: Auth0Resource) => readonly Maybe<string>[],
    options: ReferenceOptions,
): ReferenceMatch {
    if (value === undefined) return { matches: [], undetermined: false };
    if (!isUnknown(value)) {
        const matches = candidates.filter((c) => keysOf(c).some((key) => key === value));
        const undetermined =
            matches.length === 0 && options.unknownKeysMayMatch && candidates.some((c) => keysOf(c).some(isUnknown));
        return { matches, undetermined };
    }
    const byUrn = (urns: readonly string[] | undefined) => candidates.filter((c) => urns?.includes(c.urn));
    for (const linked of [byUrn(from.propertyDependencies[property]), byUrn(from.dependencies)]) {
        if (linked.length === 1) return { matches: linked, undetermined: false };
        if (linked.length > 1) return { matches: [], undetermined: true };
    }
    // Unknown, and linked to no candidate: it may come from outside the stack, or through a
    // component the graph doesn't resolve. Only a stack without candidates settles it.
    return { matches: [], undetermined: candidates.length > 0 };
}
