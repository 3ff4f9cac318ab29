import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../../cli/report/jsonChunks";

describe("jsonChunks", () => {
    it("joins to JSON.stringify's bytes, whatever the value holds", () => {
        const values: unknown[] = [
            {},
            [],
            { skipped: undefined, method: () => 1 },
            [undefined, () => 1, 1],
            { empty: [], none: {}, nested: [{ list: [1, { text: "two\nlines" }], nothing: null }], date: new Date(0), own: { toJSON: () => "t" } },
            { 'a "quoted" key': [[[[1, [2]]]]] },
            "text",
            7,
            null,
        ];
        for (const value of values) expect([...jsonChunks(value)].join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
    });

    it("hands out a large list one element at a time", () => {
        const report = { machines: Array.from({ length: 1000 }, (_, i) => ({ machine: `m${i}`, scopes: ["read:a", "read:b"] })) };
        const pieces = [...jsonChunks(report)];
        expect(pieces.length).toBeGreaterThan(1000);
        expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(200);
    });
});
