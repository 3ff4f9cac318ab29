// The CLI's copy of the engine's wire markers must be the SDK's: a difference would make the pack
// see secrets, references and unknowns as plain strings.
import * as sdk from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import * as wire from "../../../cli/analyzer/wireSignatures";

describe("the engine's wire markers", () => {
    it("are @pulumi/pulumi's, every one", () => {
        const names = Object.keys(wire) as (keyof typeof wire)[];
        expect(names.sort()).toEqual(["specialArchiveSig", "specialAssetSig", "specialOutputValueSig", "specialResourceSig", "specialSecretSig", "specialSigKey", "unknownValue"]);
        for (const name of names) expect(wire[name], name).toBe(sdk[name]);
    });
});
