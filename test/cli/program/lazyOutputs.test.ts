import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { makeOutputsLazy } from "../../../cli/program/lazyOutputs";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi"));
const rpc = require(path.join(sdkDir, "runtime", "rpc")) as { transferProperties: unknown };

pulumi.runtime.setMocks(
    {
        // The provider computes `computed` and leaves `absent` out; a preview leaves `later` unknown.
        newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, computed: `${args.name}-computed` } }),
        call: (args) => args.inputs,
    },
    "proj",
    "stack",
    false,
);

class Thing extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs) {
        super("test:index:Thing", name, props);
    }
}

/** What the SDK's Output holds besides its value (internal to the SDK, read here to compare). */
interface OutputInternals {
    readonly isKnown: Promise<boolean>;
    readonly isSecret: Promise<boolean>;
    resources(): Set<unknown>;
}

/** Everything a program can see of a resource's properties, read before and after its registration. */
async function observe(prefix: string): Promise<unknown> {
    const first = new Thing(`${prefix}-first`, { plain: "x", secret: pulumi.secret("s"), computed: undefined, absent: undefined });
    const early = (first as unknown as Record<string, pulumi.Output<unknown>>).plain;
    const second = new Thing(`${prefix}-second`, { fromFirst: early, computed: undefined });
    await new Promise<void>((resolve) => second.urn.apply(() => resolve()));
    const describe = async (resource: Thing) => {
        const props = resource as unknown as Record<string, pulumi.Output<unknown>>;
        const keys = Object.keys(resource).filter((key) => !key.startsWith("__") && key !== "id" && key !== "urn");
        const seen: Record<string, unknown> = {};
        for (const key of keys) {
            const output = props[key];
            const internals = output as unknown as OutputInternals;
            seen[key] = {
                own: Object.prototype.hasOwnProperty.call(resource, key),
                isOutput: pulumi.Output.isInstance(output),
                same: props[key] === output,
                value: await new Promise((resolve) => output.apply((v) => resolve(v))),
                isKnown: await internals.isKnown,
                isSecret: await internals.isSecret,
                resources: internals.resources().size,
            };
        }
        return { keys, seen };
    };
    return { first: await describe(first), second: await describe(second) };
}

describe("makeOutputsLazy", () => {
    it("gives a program the same properties, values, secrecy and resources as the SDK's own outputs", async () => {
        const eager = await observe("eager");
        expect(makeOutputsLazy(sdkDir)).toBe(true);
        expect(rpc.transferProperties).not.toBe(undefined);
        const lazy = await observe("lazy");
        // The same resources under other names: only the names may differ.
        expect(JSON.parse(JSON.stringify(lazy).replaceAll("lazy-", "eager-"))).toEqual(eager);
        expect(JSON.stringify(eager)).toContain('"computed":{"own":true,"isOutput":true,"same":true,"value":"eager-first-computed"');
    });

    it("leaves an SDK whose internals it doesn't know untouched", () => {
        const elsewhere = path.join(__dirname, "no-sdk-here");
        expect(() => makeOutputsLazy(elsewhere)).toThrow();
    });
});
