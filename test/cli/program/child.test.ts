import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { describeFailure, programLocation } from "../../../cli/program/child";

const project = "/work/tenants";

describe("programLocation", () => {
    it("is the first frame in the program's own code, relative to the project", () => {
        const stack = [
            "Error: boom",
            "    at Object.<anonymous> (/work/tenants/node_modules/@pulumi/pulumi/output.js:12:3)",
            "    at apply (/work/tenants/src/grants.ts:41:13)",
            "    at /work/tenants/index.ts:7:1",
        ].join("\n");
        expect(programLocation(stack, project)).toBe(path.join("src", "grants.ts") + ":41:13");
    });

    it("reads ES module frames given as file URLs", () => {
        expect(programLocation("Error: x\n    at file:///work/tenants/index.ts:3:9", project)).toBe("index.ts:3:9");
    });

    it("skips libraries, files outside the project and the plan's own code", () => {
        const stack = [
            "Error: x",
            "    at f (/elsewhere/lib.js:1:1)",
            `    at g (${path.join(__dirname, "..", "..", "..", "cli", "program", "child.ts")}:9:9)`,
            "    at node:internal/process/task_queues:95:5",
        ].join("\n");
        expect(programLocation(stack, project)).toBeUndefined();
    });
});

describe("describeFailure", () => {
    it("keeps the message and, for the program's own errors, where it threw", () => {
        const error = new Error("no identifier");
        error.stack = "Error: no identifier\n    at Object.<anonymous> (/work/tenants/index.ts:5:7)";
        expect(describeFailure(error, "threw", project)).toEqual({ kind: "threw", message: "no identifier", location: "index.ts:5:7", stack: error.stack });
        expect(describeFailure(error, "setup", project).location).toBeUndefined();
    });

    it("describes values thrown that are not errors", () => {
        expect(describeFailure("just a string", "threw", project)).toEqual({ kind: "threw", message: "just a string", location: undefined, stack: undefined });
    });

    it("replaces the SDK's advice to update the Pulumi CLI, which does not apply offline", () => {
        const failure = describeFailure(new Error("The Pulumi CLI does not support transforms. Please update the Pulumi CLI"), "threw", project);
        expect(failure.message).toBe("auth0-m2m plan does not support transforms: they need the Pulumi engine, which the offline plan does not run.");
    });
});
