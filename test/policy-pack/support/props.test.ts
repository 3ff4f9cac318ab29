import { describe, expect, it } from "vitest";
import { asList, asNumber, asString, type Maybe, resolveProps, UNKNOWN } from "../../../policy-pack/support/props";
import { ReferenceIndex } from "../../../policy-pack/support/references";
import type { Auth0Resource } from "../../../policy-pack/support/resources";
import { serverProps, UNKNOWN as UNKNOWN_SENTINEL, secret } from "../ruleHarness";

describe("resolveProps", () => {
    it("copies known values and marks each unknown one, at any depth, without throwing", () => {
        const props = serverProps({
            audience: "https://x",
            scopes: ["a", UNKNOWN_SENTINEL, secret("b")],
            tokenQuota: { clientCredentials: UNKNOWN_SENTINEL },
            clientId: UNKNOWN_SENTINEL,
            nothing: null,
        });
        expect(resolveProps(props)).toEqual({
            audience: "https://x",
            scopes: ["a", UNKNOWN, "b"],
            tokenQuota: { clientCredentials: UNKNOWN },
            clientId: UNKNOWN,
            nothing: null,
        });
    });

    it("reads wrongly typed values visibly instead of dropping them", () => {
        expect(asString(42)).toBe("42");
        expect(asNumber("3600")).toBe(3600);
        expect(asNumber("an hour")).toBeNaN();
        expect(asList("solo", asString)).toEqual(["solo"]);
        expect(asList(undefined, asString)).toBeUndefined();
    });
});

/** One lookup through a fresh index, as a rule resolving one reference would. */
type Lookup = Parameters<ReferenceIndex["find"]>;
const findReferenced = (from: Lookup[0], property: string, value: Lookup[2], candidates: readonly Auth0Resource[], keysOf: KeysOf, options: Lookup[3]) =>
    new ReferenceIndex(candidates, keysOf).find(from, property, value, options);
type KeysOf = ConstructorParameters<typeof ReferenceIndex>[1];

describe("ReferenceIndex.find", () => {
    const resource = (name: string, props: Record<string, unknown>, links: Partial<Auth0Resource> = {}): Auth0Resource => ({
        urn: `urn:${name}`,
        name,
        type: "t",
        props: resolveProps(serverProps(props)),
        dependencies: [],
        propertyDependencies: {},
        ...links,
    });
    const a = resource("a", { id: "id-a" });
    const b = resource("b", { id: UNKNOWN_SENTINEL });
    const keys = (r: Auth0Resource): Maybe<string>[] => [asString(r.props.id)];

    it("matches a known value by key; an unknown key matches only when allowed to", () => {
        expect(findReferenced(a, "ref", "id-a", [a, b], keys, { unknownKeysMayMatch: false })).toEqual({ matches: [a], undetermined: false });
        expect(findReferenced(a, "ref", "id-z", [a, b], keys, { unknownKeysMayMatch: false })).toEqual({ matches: [], undetermined: false });
        expect(findReferenced(a, "ref", "id-z", [a, b], keys, { unknownKeysMayMatch: true })).toEqual({ matches: [], undetermined: true });
    });

    it("follows property dependencies, then dependencies, for an unknown value", () => {
        const viaProperty = resource("g", {}, { propertyDependencies: { ref: ["urn:b"] }, dependencies: ["urn:a", "urn:b"] });
        expect(findReferenced(viaProperty, "ref", UNKNOWN, [a, b], keys, { unknownKeysMayMatch: false }).matches).toEqual([b]);
        const viaDependencies = resource("g", {}, { dependencies: ["urn:a"] });
        expect(findReferenced(viaDependencies, "ref", UNKNOWN, [a, b], keys, { unknownKeysMayMatch: false }).matches).toEqual([a]);
        const ambiguous = resource("g", {}, { dependencies: ["urn:a", "urn:b"] });
        expect(findReferenced(ambiguous, "ref", UNKNOWN, [a, b], keys, { unknownKeysMayMatch: false })).toEqual({ matches: [], undetermined: true });
        expect(findReferenced(resource("g", {}), "ref", UNKNOWN, [], keys, { unknownKeysMayMatch: false })).toEqual({ matches: [], undetermined: false });
    });
});
