import { describe, expect, it } from "vitest";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { encodeForAnalysis, encodeProperties, resourceReference, secretValue, toAnalyzeRequest, UNKNOWN_VALUE } from "../../../cli/analyzer/encoding";

const SIG = "4dabf18193072939515e22adb298388d";
const outputValue = (fields: Record<string, unknown>) => ({ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", ...fields });

describe("encodeProperties (the engine's MarshalProperties for a policy pack)", () => {
    it("keeps secrets and unknowns, drops undefined and internal keys at every level", () => {
        expect(
            encodeProperties({
                name: "x",
                secret: secretValue({ nested: UNKNOWN_VALUE, skip: undefined }),
                later: UNKNOWN_VALUE,
                list: [1, undefined, null],
                obj: { __meta: 1, keep: true },
                __defaults: [],
                nothing: undefined,
            }),
        ).toEqual({ name: "x", secret: secretValue({ nested: UNKNOWN_VALUE }), later: UNKNOWN_VALUE, list: [1, null, null], obj: { keep: true } });
    });

    it("turns references into what the engine sends: a custom resource's id, a component's URN", () => {
        expect(
            encodeProperties({
                custom: resourceReference("urn:a", "id-a"),
                created: resourceReference("urn:b", ""),
                component: resourceReference("urn:c"),
                secretRef: secretValue(resourceReference("urn:d", "id-d")),
            }),
        ).toEqual({ custom: "id-a", created: UNKNOWN_VALUE, component: "urn:c", secretRef: secretValue("id-d") });
    });

    it("turns output values into their value, unknown, or secret", () => {
        expect(
            encodeProperties({
                known: outputValue({ value: 3, dependencies: ["urn:a"] }),
                unknown: outputValue({ dependencies: ["urn:a"] }),
                secret: outputValue({ value: "s", secret: true }),
            }),
        ).toEqual({ known: 3, unknown: UNKNOWN_VALUE, secret: secretValue("s") });
    });

    it("rejects what the wire can't carry, naming the path", () => {
        expect(() => encodeProperties({ a: { b: [() => 1] } })).toThrow("properties.a.b[0] is a function");
        expect(() => encodeProperties({ "odd key": NaN })).toThrow('properties["odd key"] is NaN');
        expect(() => encodeProperties({ x: { [SIG]: "nope" } })).toThrow('properties.x has an unrecognised signature "nope"');
    });
});

describe("requests", () => {
    it("always sends options, as the engine does, with deleteBeforeReplace marked when set", () => {
        const bare = toAnalyzeRequest({ urn: "urn:x", type: "t", name: "x", properties: {} }).getOptions()!;
        expect(bare.getDeletebeforereplacedefined()).toBe(false);
        expect(bare.getCustomtimeouts()!.toObject()).toEqual({ create: 0, update: 0, pb_delete: 0, read: 0 });
        const set = toAnalyzeRequest({ urn: "urn:x", type: "t", name: "x", properties: {}, options: { deleteBeforeReplace: false } }).getOptions()!;
        expect([set.getDeletebeforereplacedefined(), set.getDeletebeforereplace()]).toEqual([true, false]);
    });

    it("leaves out properties without dependencies, as the engine does", () => {
        const { stackEntry } = encodeForAnalysis({ urn: "urn:x", type: "t", name: "x", properties: {}, propertyDependencies: { a: ["urn:y"], b: [] } });
        const resource = analyzerPb.AnalyzerResource.deserializeBinary(stackEntry);
        expect([...resource.getPropertydependenciesMap().keys()]).toEqual(["a"]);
    });
});
