import { describe, expect, it } from "vitest";
import { unsettledWorkMessage } from "../../../cli/program/unsettledWork";

describe("unsettledWorkMessage", () => {
    const base = /^The program stopped with work unfinished: some promise or output never settled \(.*\)\.$/;

    it("names the SDK's component-args cause and its opt-out from 3.202.0 on", () => {
        for (const version of ["3.202.0", "3.248.0", "4.0.0", "3.202.1-alpha.1"]) {
            const message = unsettledWorkMessage(version, {});
            expect(message).toContain(`since @pulumi/pulumi 3.202.0 (the program has ${version}) the SDK waits on every value in a ComponentResource's args`);
            expect(message).toContain("PULUMI_NODEJS_SKIP_COMPONENT_INPUTS=1");
            expect(message).toContain("pulumi/pulumi#23953");
        }
    });

    it("says only what it knows on older SDKs, when the opt-out is set, or before the SDK loaded", () => {
        expect(unsettledWorkMessage("3.201.9", {})).toMatch(base);
        expect(unsettledWorkMessage("3.0.0", {})).toMatch(base);
        expect(unsettledWorkMessage("3.248.0", { PULUMI_NODEJS_SKIP_COMPONENT_INPUTS: "1" })).toMatch(base);
        expect(unsettledWorkMessage(undefined, {})).toMatch(base);
    });
});
