// The policy pack's speed-ups must not change what it decides. Each fast path is checked against
// the slow one it replaced, over generated inputs (fast-check), or the memo against a fresh parse.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenLifetimeLimits } from "../../../policy-pack/policies/tokenLifetimeLimits";
import { isUnknown, type Maybe, resolveProps, UNKNOWN } from "../../../policy-pack/support/props";
import { unknownCheckingProxy } from "../../../policy-pack/support/preview";
import { ReferenceIndex, type ReferenceMatch, type ReferenceOptions } from "../../../policy-pack/support/references";
import type { Auth0Resource } from "../../../policy-pack/support/resources";
import { api } from "../../policy-pack/builders";
import { ruleDeps, runResource } from "../../policy-pack/ruleHarness";

// Every marker the server's proxy treats as unknown (@pulumi/policy proxy.js).
const UNKNOWN_MARKERS = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

/** The proxy, minus the keys that expose its target: resolveProps must then read through it. */
function withoutTarget<T extends object>(proxy: T): T {
    return new Proxy(proxy, {
        get: (target, key) => (key === "__isSpecialProxy" || key === "__getSpecialProxyTarget" ? undefined : Reflect.get(target, key)),
    });
}

describe("resolveProps reading the proxy's target", () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constantFrom(...UNKNOWN_MARKERS));
    const value = fc.letrec((tie) => ({
        node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie("node"), { maxKeys: 4 })),
    })).node;

    it("gives what reading through the proxy gives, unknowns included", () => {
        fc.assert(
            fc.property(fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 6 }), (props) => {
                const proxied = unknownCheckingProxy(props);
                expect(resolveProps(proxied)).toEqual(resolveProps(withoutTarget(proxied)));
            }),
            { numRuns: 300 },
        );
    });

    it("really takes the fast path, and marks unknowns", () => {
        const proxied = unknownCheckingProxy({ clientId: UNKNOWN_MARKERS[2], scopes: ["a", UNKNOWN_MARKERS[0]] });
        expect(resolveProps(proxied)).toEqual({ clientId: UNKNOWN, scopes: ["a", UNKNOWN] });
        expect((proxied as Record<string, unknown>).__isSpecialProxy).toBe(true);
    });
});

/** The lookup as it was before ReferenceIndex: a scan of every candidate per reference. */
function scanReference(
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
        const undetermined = matches.length === 0 && options.unknownKeysMayMatch && candidates.some((c) => keysOf(c).some(isUnknown));
        return { matches, undetermined };
    }
    const byUrn = (urns: readonly string[] | undefined) => candidates.filter((c) => urns?.includes(c.urn));
    for (const linked of [byUrn(from.propertyDependencies[property]), byUrn(from.dependencies)]) {
        if (linked.length === 1) return { matches: linked, undetermined: false };
        if (linked.length > 1) return { matches: [], undetermined: true };
    }
    return { matches: [], undetermined: candidates.length > 0 };
}

describe("ReferenceIndex", () => {
    const urns = ["urn:a", "urn:b", "urn:c", "urn:d", "urn:e"];
    const key = fc.oneof(fc.constantFrom("id-1", "id-2", "id-3"), fc.constant(UNKNOWN), fc.constant(undefined));
    const resource = (urn: string, keys: Maybe<string>[], deps: string[], propertyDeps: string[]): Auth0Resource & { keys: Maybe<string>[] } => ({
        urn,
        name: urn.slice(4),
        type: "t",
        props: {},
        dependencies: deps,
        propertyDependencies: propertyDeps.length > 0 ? { ref: propertyDeps } : {},
        keys,
    });
    const stack = fc.record({
        candidates: fc.uniqueArray(fc.constantFrom(...urns), { maxLength: 5 }).chain((chosen) =>
            fc.tuple(...chosen.map((urn) => fc.array(key, { maxLength: 3 }).map((keys) => resource(urn, keys, [], [])))),
        ),
        deps: fc.array(fc.constantFrom(...urns, "urn:elsewhere"), { maxLength: 4 }),
        propertyDeps: fc.array(fc.constantFrom(...urns, "urn:elsewhere"), { maxLength: 3 }),
        value: key,
        unknownKeysMayMatch: fc.boolean(),
    });

    it("finds what scanning every candidate finds, for known, unknown and absent values", () => {
        fc.assert(
            fc.property(stack, ({ candidates, deps, propertyDeps, value, unknownKeysMayMatch }) => {
                const keysOf = (c: Auth0Resource) => (c as Auth0Resource & { keys: Maybe<string>[] }).keys;
                const from = resource("urn:from", [], deps, propertyDeps);
                const options = { unknownKeysMayMatch };
                const expected = scanReference(from, "ref", value, candidates, keysOf, options);
                expect(new ReferenceIndex(candidates, keysOf).find(from, "ref", value, options)).toEqual(expected);
            }),
            { numRuns: 500 },
        );
    });
});

describe("a rule's parsed config", () => {
    it("is reused for the same settings and parsed again when one changes", async () => {
        const policy = tokenLifetimeLimits(ruleDeps());
        const longLived = api("long", { tokenLifetime: 7_200, tokenLifetimeForWeb: 600 });
        const strict = { maxTokenLifetime: 3_600 };
        // The server passes a fresh copy of the same settings on every call.
        expect((await runResource(policy, longLived, { ...strict })).violations).toHaveLength(1);
        expect((await runResource(policy, longLived, { ...strict })).violations).toHaveLength(1);
        expect((await runResource(policy, longLived, { maxTokenLifetime: 86_400 })).violations).toHaveLength(0);
        expect((await runResource(policy, longLived, { ...strict })).violations).toHaveLength(1);
        // A bad config fails every call, not only the first.
        for (let i = 0; i < 2; i++) await expect(runResource(policy, longLived, { maxTokenLifetime: -1 })).rejects.toThrow("maxTokenLifetime");
    });
});
