import { describe, expect, it } from "vitest";
import { PolicyPackError } from "../../cli/analyzer/types";
import { PlanError, ProgramError, usageError } from "../../cli/errors";
import { describeFailure, failureDocument, failureLines } from "../../cli/failure";
import { policyCallTimeoutMs } from "../../cli/planSetup";

describe("describeFailure", () => {
    it.each([
        [usageError("--format must be one of text, markdown, json, not 'yaml'."), "usage"],
        [new ProgramError("did not finish", undefined, "", "timeout"), "timeout"],
        [new ProgramError("boom", { kind: "threw", message: "boom", location: "index.ts:3:7" }, ""), "program"],
        [new PolicyPackError("config", "policy.json: bad level"), "policy-config"],
        [new PolicyPackError("encoding", "tokenLifetime is NaN"), "encoding"],
        [new PolicyPackError("timeout", "did not answer"), "policy-pack"],
        [new PlanError("interrupted", "interrupted by SIGINT"), "interrupted"],
        [new TypeError("x is not a function"), "internal"],
    ])("names the kind of %s", (error, kind) => {
        expect(describeFailure(error).kind).toBe(kind);
    });

    it("says where a program failed, and keeps the stack for --verbose only", () => {
        const failure = describeFailure(new ProgramError("boom", { kind: "threw", message: "boom", location: "index.ts:3:7", stack: "STACK" }, ""));
        expect(failureLines(failure, false)).toEqual(["error: the program failed: boom", "    at index.ts:3:7"]);
        expect(failureLines(failure, true)).toContain("STACK");
    });

    it("keeps a pack's stack trace out of the message, for --verbose only", () => {
        const crash = new PolicyPackError("rpc", "Analyze urn:x failed:\nError: crashed on purpose\n    at validateResource (/pack/index.js:20:57)\n    at new Promise (<anonymous>)");
        const failure = describeFailure(crash);
        expect(failureLines(failure, false)).toEqual([
            "error: the policy pack failed: Analyze urn:x failed:\nError: crashed on purpose",
            "(run with --verbose for the stack trace)",
        ]);
        expect(failureLines(failure, true).join("\n")).toContain("at validateResource (/pack/index.js:20:57)");
    });

    it("blames the plan's encoder, not the pack, for a value it can't send", () => {
        const failure = describeFailure(new PolicyPackError("encoding", "urn:x properties.tokenLifetime is NaN, which a property value can't hold"));
        expect(failure.message).toBe(
            "the plan can't encode a resource to send to the policy pack (the pack did not fail): urn:x properties.tokenLifetime is NaN, which a property value can't hold",
        );
    });

    it("writes an error document without the detail", () => {
        const document = JSON.parse(failureDocument({ kind: "config", message: "bad", detail: "secret stack" }, 2));
        expect(document).toEqual({ error: { kind: "config", message: "bad", exitCode: 2 } });
    });
});

describe("policyCallTimeoutMs", () => {
    it("is 60 s unless AUTH0_M2M_POLICY_CALL_TIMEOUT says otherwise", () => {
        expect(policyCallTimeoutMs({})).toBe(60_000);
        expect(policyCallTimeoutMs({ AUTH0_M2M_POLICY_CALL_TIMEOUT: "2.5" })).toBe(2_500);
    });

    it.each(["0", "-1", "abc", "Infinity", "86401"])("refuses %s", (value) => {
        expect(() => policyCallTimeoutMs({ AUTH0_M2M_POLICY_CALL_TIMEOUT: value })).toThrow(/must be a number of seconds above 0 and at most 86400/);
    });
});
