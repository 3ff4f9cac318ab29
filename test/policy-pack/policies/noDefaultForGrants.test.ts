import { describe, expect, it } from "vitest";
import { noDefaultForGrants } from "../../../policy-pack/policies/noDefaultForGrants";
import { exemption, grant } from "../builders";
import { expectClean, expectUnknown, expectViolations, ruleDeps, runResource, runStack, UNKNOWN } from "../ruleHarness";

const policy = noDefaultForGrants(ruleDeps());
const defaultGrant = (name = "third-parties") => grant(name, { clientId: undefined, defaultFor: "third_party_clients" });

describe("auth0-no-default-for-grants", () => {
    it("passes grants that name their client", async () => {
        expectClean(await runResource(policy, grant()));
    });

    it("reports a defaultFor grant with what it hands out", async () => {
        expectViolations(await runResource(policy, defaultGrant()), [
            'ClientGrant "third-parties" sets defaultFor "third_party_clients", so every application in that group, including ones ' +
                'registered later, gets this grant on audience "https://orders.example" with scopes "read:orders". Remove defaultFor',
        ]);
    });

    it("has only exemptions to configure, and honours them", async () => {
        expect(Object.keys(policy.configSchema!.properties)).toEqual(["exemptions"]);
        expectClean(await runResource(policy, defaultGrant(), { exemptions: [exemption("third-parties")] }));
    });

    it("rejects exemption entries of the wrong shape, naming the entry", async () => {
        await expect(runResource(policy, defaultGrant(), { exemptions: [{ resource: "x", reason: "long enough reason here", expires: "2026-01-01", owner: "me" }] })).rejects.toThrow(
            "policy config auth0-no-default-for-grants.exemptions[0].owner: is not an exemption field (resource, reason, expires)",
        );
        await expect(runResource(policy, defaultGrant(), { exemptions: [{ resource: "x", reason: "long enough reason here" }] })).rejects.toThrow(
            "auth0-no-default-for-grants.exemptions[0].expires: must be a string",
        );
    });

    it("defers when defaultFor is unknown", async () => {
        expectUnknown(await runResource(policy, grant("g", { defaultFor: UNKNOWN })), 'ClientGrant "g": defaultFor is unknown during preview');
    });

    it("reports an exemption matching nothing in its stack half", async () => {
        const result = await runStack(policy, [grant()], { exemptions: [exemption("third-parties")] });
        expectViolations(result, [/exemptions\[0\] \(resource "third-parties".*matches no resource this policy checks/]);
    });
});
