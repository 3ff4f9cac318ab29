import * as policyDeserialize from "@pulumi/policy/deserialize";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import { encodeProperties } from "../../cli/analyzer/encoding";
import { expectClean, expectViolations, secret, serverProps, UNKNOWN } from "./ruleHarness";

const { deserializeProperties } = policyDeserialize as unknown as {
    deserializeProperties(struct: Struct, proxySecrets: boolean): Record<string, unknown>;
};

describe("the rule-test harness", () => {
    it("hands rules the same properties as the policy server's own deserializer", () => {
        const props = {
            audience: "https://x",
            scopes: ["a", secret("b"), UNKNOWN],
            nested: secret({ list: [secret(1), { deep: secret(null) }] }),
            flag: false,
            nothing: null,
        };
        const real = deserializeProperties(Struct.fromJavaScript(encodeProperties(props) as Parameters<typeof Struct.fromJavaScript>[0]), false);
        // The proxy hands out its raw target under this key (@pulumi/policy proxy.js getSpecialProxyTarget).
        expect(serverProps(props)["__getSpecialProxyTarget"]).toEqual(real);
    });

    it("prints every violation the rule reported when a match fails", () => {
        const result = { violations: [{ message: "first finding" }, { message: "second finding", urn: "urn:x" }], unknown: "scopes is unknown" };
        expect(() => expectViolations(result, ["first", "third"])).toThrow(
            [
                "expected a violation matching third",
                "1 violation(s) not expected",
                "2 violation(s):",
                "  [0] first finding",
                "  [1] (urn:x) second finding",
                "unknown: scopes is unknown",
            ].join("\n"),
        );
        expect(() => expectClean(result)).toThrow("  [1] (urn:x) second finding");
    });
});
