// Finds the resource a property refers to (a grant's client, a grant's API), in the stack half.
// During preview the referring value (a new client's ID, say) is often unknown, so the match falls
// back to the dependency graph the engine sends: first the property's own dependencies, then the
// resource's dependencies.
//
// A stack rule resolves one reference per grant against every client or API, so the candidates are
// indexed once (by key and by URN) and each lookup costs what it finds, not the stack's size:
// scanning them per reference made AnalyzeStack quadratic (most of a 1,000-machine plan's time).
import { isUnknown, type Maybe } from "./props";
import type { Auth0Resource } from "./resources";

export interface ReferenceMatch {
    /** The candidates the property refers to (usually one), in candidate order. */
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

const NONE: readonly Auth0Resource[] = [];

/** The candidates one kind of reference can point at (every Client, say), indexed for lookups. */
export class ReferenceIndex {
    private readonly byKey = new Map<string, Auth0Resource[]>();
    private readonly byUrn = new Map<string, Auth0Resource[]>();
    private readonly anyUnknownKey: boolean;

    /** `keysOf` gives the values that name a candidate (a client is named by `clientId` and `id`). */
    constructor(
        private readonly candidates: readonly Auth0Resource[],
        keysOf: (candidate: Auth0Resource) => readonly Maybe<string>[],
    ) {
        let anyUnknownKey = false;
        for (const candidate of candidates) {
            const keys = new Set<string>();
            for (const key of keysOf(candidate)) {
                if (isUnknown(key)) anyUnknownKey = true;
                else if (key !== undefined) keys.add(key);
            }
            for (const key of keys) append(this.byKey, key, candidate);
            append(this.byUrn, candidate.urn, candidate);
        }
        this.anyUnknownKey = anyUnknownKey;
    }

    /** What `from.<property>` (whose value is `value`) refers to among the candidates. */
    find(from: Auth0Resource, property: string, value: Maybe<string>, options: ReferenceOptions): ReferenceMatch {
        if (value === undefined) return { matches: [], undetermined: false };
        if (!isUnknown(value)) {
            const matches = this.byKey.get(value) ?? NONE;
            return { matches, undetermined: matches.length === 0 && options.unknownKeysMayMatch && this.anyUnknownKey };
        }
        for (const urns of [from.propertyDependencies[property], from.dependencies]) {
            const linked = this.linked(urns);
            if (linked.length === 1) return { matches: linked, undetermined: false };
            if (linked.length > 1) return { matches: [], undetermined: true };
        }
        // Unknown, and linked to no candidate: it may come from outside the stack, or through a
        // component the graph doesn't resolve. Only a stack without candidates settles it.
        return { matches: [], undetermined: this.candidates.length > 0 };
    }

    /**
     * The candidates among `urns`, each once. Only whether there are none, one or several matters to
     * `find`, so they are not put back in candidate order (a scan of every candidate per lookup).
     */
    private linked(urns: readonly string[] | undefined): readonly Auth0Resource[] {
        if (urns === undefined || urns.length === 0) return NONE;
        const found = new Set<Auth0Resource>();
        for (const urn of urns) for (const candidate of this.byUrn.get(urn) ?? NONE) found.add(candidate);
        return [...found];
    }
}

function append(index: Map<string, Auth0Resource[]>, key: string, candidate: Auth0Resource): void {
    const list = index.get(key);
    if (list) list.push(candidate);
    else index.set(key, [candidate]);
}
