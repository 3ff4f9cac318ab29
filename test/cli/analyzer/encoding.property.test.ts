// The Analyzer client encodes each resource once for both Analyze and AnalyzeStack
// (encodeForAnalysis): the bytes must be exactly those of the engine's messages, built field by field.
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeAnalyzeStackRequest, encodeForAnalysis, secretValue, toAnalyzeRequest, UNKNOWN_VALUE } from "../../../cli/analyzer/encoding";
import type { AnalyzerResource } from "../../../cli/analyzer/types";
import { toAnalyzerResource } from "./analyzerResourceOracle";

const json = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: "small" },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(UNKNOWN_VALUE),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }).filter((k) => !k.startsWith("__")), tie("value"), { maxKeys: 3 }),
        tie("value").map((v) => secretValue(v)),
    ),
})).value;

const urn = fc.constantFrom("urn:a", "urn:b", "urn:c", "urn:pulumi:dev::p::t::long-name");
const resource: fc.Arbitrary<AnalyzerResource> = fc.record(
    {
        urn,
        type: fc.constantFrom("auth0:index/client:Client", "auth0:index/clientGrant:ClientGrant", "pulumi:pulumi:Stack"),
        name: fc.string({ maxLength: 10 }),
        properties: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.startsWith("__")), json, { maxKeys: 5 }),
        options: fc.record(
            { protect: fc.boolean(), ignoreChanges: fc.array(fc.string(), { maxLength: 2 }), deleteBeforeReplace: fc.boolean(), aliases: fc.array(urn, { maxLength: 2 }) },
            { requiredKeys: [] },
        ),
        parent: urn,
        dependencies: fc.array(urn, { maxLength: 3 }),
        propertyDependencies: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.array(urn, { maxLength: 2 }), { maxKeys: 3 }),
        provider: fc.record({ urn, type: fc.constant("pulumi:providers:auth0"), name: fc.string({ maxLength: 5 }), properties: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string(), { maxKeys: 2 }) }),
    },
    { requiredKeys: ["urn", "type", "name", "properties"] },
);

describe("encodeForAnalysis", () => {
    it("gives the Analyze request's and the AnalyzeStack entry's own bytes", () => {
        fc.assert(
            fc.property(resource, (r) => {
                const { analyze, stackEntry } = encodeForAnalysis(r);
                expect(Buffer.from(analyze)).toEqual(Buffer.from(toAnalyzeRequest(r).serializeBinary()));
                expect(Buffer.from(stackEntry)).toEqual(Buffer.from(toAnalyzerResource(r).serializeBinary()));
            }),
            { numRuns: 80 },
        );
    });

    it("builds the AnalyzeStack request the protobuf classes build, and it decodes to the same resources", () => {
        fc.assert(
            fc.property(fc.array(resource, { maxLength: 6 }), (resources) => {
                const bytes = encodeAnalyzeStackRequest(resources.map((r) => encodeForAnalysis(r).stackEntry));
                const expected = new analyzerPb.AnalyzeStackRequest();
                expected.setResourcesList(resources.map(toAnalyzerResource));
                expect(Buffer.from(bytes)).toEqual(Buffer.from(expected.serializeBinary()));
                expect(analyzerPb.AnalyzeStackRequest.deserializeBinary(bytes).toObject()).toEqual(expected.toObject());
            }),
            { numRuns: 50 },
        );
        // A resource large enough to need a multi-byte length.
        const big: AnalyzerResource = { urn: "urn:big", type: "t", name: "big", properties: { blob: "x".repeat(300_000) } };
        const decoded = analyzerPb.AnalyzeStackRequest.deserializeBinary(encodeAnalyzeStackRequest([encodeForAnalysis(big).stackEntry]));
        expect(decoded.getResourcesList()[0].getProperties()?.toJavaScript()).toEqual({ blob: "x".repeat(300_000) });
    });
});
