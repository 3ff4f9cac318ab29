import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readPolicyConfigFile, reconcilePolicyConfig } from "../../../cli/analyzer/config";
import type { PolicyPackInfo } from "../../../cli/analyzer/types";

const info: PolicyPackInfo = {
    name: "pack",
    version: "1.0.0",
    supportsConfig: true,
    initialConfig: {},
    policies: [
        {
            name: "limits",
            description: "",
            enforcementLevel: "mandatory",
            policyType: "resource",
            configSchema: {
                properties: {
                    max: { type: "integer", minimum: 1, default: 10 },
                    overrides: { type: "object", default: { a: 1 }, additionalProperties: { type: "integer" } },
                    note: { type: "string" },
                },
                required: [],
            },
        },
        { name: "quota", description: "", enforcementLevel: "advisory", policyType: "stack" },
        {
            name: "needs-owner",
            description: "",
            enforcementLevel: "advisory",
            policyType: "stack",
            configSchema: { properties: { owner: { type: "string", default: "platform" } }, required: ["owner"] },
        },
    ],
};

describe("reconcilePolicyConfig", () => {
    it("starts from each policy's level and its schema's top-level defaults", () => {
        expect(reconcilePolicyConfig(info)).toEqual({
            limits: { enforcementLevel: "mandatory", properties: { max: 10, overrides: { a: 1 } } },
            quota: { enforcementLevel: "advisory", properties: {} },
            "needs-owner": { enforcementLevel: "advisory", properties: { owner: "platform" } },
        });
    });

    it("replaces top-level settings whole, applies 'all' first, then per-policy levels", () => {
        const config = reconcilePolicyConfig(info, { all: "disabled", limits: { enforcementLevel: "advisory", overrides: { b: 2 } }, quota: "mandatory" });
        expect(config.limits).toEqual({ enforcementLevel: "advisory", properties: { max: 10, overrides: { b: 2 } } });
        expect(config.quota.enforcementLevel).toBe("mandatory");
        expect(config["needs-owner"].enforcementLevel).toBe("disabled");
    });

    it("layers the pack's own initial config under the user's", () => {
        const withInitial = { ...info, initialConfig: { limits: { enforcementLevel: "advisory" as const, properties: { max: 3 } } } };
        expect(reconcilePolicyConfig(withInitial).limits).toEqual({ enforcementLevel: "advisory", properties: { max: 3, overrides: { a: 1 } } });
        expect(reconcilePolicyConfig(withInitial, { limits: { max: 4 } }).limits.properties.max).toBe(4);
    });

    it("does not let one call's config leak into the defaults of the next", () => {
        reconcilePolicyConfig(info, { limits: { overrides: { z: 9 } } });
        expect(reconcilePolicyConfig(info).limits.properties.overrides).toEqual({ a: 1 });
    });

    it("lists every problem by config path, prefixed with the source", () => {
        const attempt = () =>
            reconcilePolicyConfig(
                info,
                {
                    limits: { max: 0, overrides: { a: "x" }, colour: "red" },
                    quota: "strict",
                    "needs-owner": { enforcementLevel: 3 },
                    typo: "advisory",
                    all: { max: 1 },
                    "needs-owner-2": 5,
                },
                "stacks/prod-policy.json",
            );
        expect(attempt).toThrow(
            [
                "Invalid config for policy pack pack in stacks/prod-policy.json:",
                '  - quota: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
                '  - needs-owner.enforcementLevel: 3 is not an enforcement level (advisory, mandatory, remediate, disabled)',
                "  - needs-owner-2: must be an enforcement level or an object of settings, got 5",
                "  - limits.colour: is not a setting of this policy (it has max, overrides, note)",
                "  - typo: pack has no such policy (it has limits, quota, needs-owner)",
                "  - all: only takes an enforcement level; put settings under the policy they belong to",
                "  - limits.max: must be >= 1",
                "  - limits.overrides.a: must be integer",
            ].join("\n"),
        );
        expect(() => reconcilePolicyConfig(info, ["limits"])).toThrow('(root): must be an object keyed by policy name, got ["limits"]');
    });

    it("enforces a schema's required settings", () => {
        const noDefault = { ...info, policies: [{ ...info.policies[2], configSchema: { properties: { owner: { type: "string" } }, required: ["owner"] } }] };
        expect(() => reconcilePolicyConfig(noDefault)).toThrow("  - needs-owner.owner: is required");
        expect(reconcilePolicyConfig(noDefault, { "needs-owner": { owner: "sec" } })["needs-owner"].properties).toEqual({ owner: "sec" });
    });
});

describe("readPolicyConfigFile", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    const write = (name: string, text: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };

    it("reads JSON, and treats an empty file as no config", async () => {
        expect(await readPolicyConfigFile(write("a.json", '{ "all": "advisory" }'))).toEqual({ all: "advisory" });
        expect(await readPolicyConfigFile(write("empty.json", "  \n"))).toBeUndefined();
    });

    it("names the file when it can't be read or parsed", async () => {
        const bad = write("bad.json", "{ all: advisory }");
        await expect(readPolicyConfigFile(bad)).rejects.toThrow(`Policy pack config ${bad} is not valid JSON:`);
        await expect(readPolicyConfigFile(path.join(dir, "missing.json"))).rejects.toThrow(`Can't read policy pack config ${path.join(dir, "missing.json")}`);
    });
});
