// What a policy sees of an auth0 resource that names no provider: under `pulumi preview` the engine
// sends its default provider with it (pulumi/pulumi 1b594989 pkg/resource/deploy/step_generator.go
// analyzeAll), and so does the plan. The request is handed to @pulumi/policy's own Analyze handler,
// in process, so the check is on what a rule's `args.provider` holds.
import { describe, expect, it } from "vitest";
import type { AnalyzerResource, PolicyPackSession } from "../../../cli/analyzer";
import { toAnalyzeRequest } from "../../../cli/analyzer/encoding";
import { PolicyCheck } from "../../../cli/analyzer/policyCheck";
import { DefaultProviders } from "../../../cli/program/defaultProviders";
import { resource } from "../report/reportFixtures";

interface SeenProvider {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
}
type AnalyzeRpc = (call: { request: unknown }, callback: (error: unknown, response?: unknown) => void) => Promise<void>;
// Internal to @pulumi/policy (server.js), exported for its own server: the handler the pack runs per Analyze call.
const { makeAnalyzeRpcFun } = require("@pulumi/policy/server") as {
    makeAnalyzeRpcFun(name: string, version: string, level: string, policies: unknown[]): AnalyzeRpc;
};

/** Runs `resource`'s Analyze request through the pack server's handler; returns the provider a rule was given. */
async function providerSeenByRule(analyzed: AnalyzerResource): Promise<SeenProvider | undefined> {
    let seen: SeenProvider | undefined;
    const policy = { name: "sees-provider", description: "", enforcementLevel: "advisory", validateResource: (args: { provider?: SeenProvider }) => void (seen = args.provider) };
    const analyze = makeAnalyzeRpcFun("test", "1", "advisory", [policy]);
    await new Promise<void>((resolve, reject) => void analyze({ request: toAnalyzeRequest(analyzed) }, (error) => (error ? reject(error) : resolve())));
    return seen && { type: seen.type, urn: seen.urn, name: seen.name, props: { ...seen.props } };
}

function recordingSession(analyzed: AnalyzerResource[], stack: AnalyzerResource[][]): PolicyPackSession {
    return {
        analyze: async (r: AnalyzerResource) => {
            analyzed.push(r);
            return [];
        },
        analyzeStack: async (resources: readonly AnalyzerResource[]) => {
            stack.push([...resources]);
            return [];
        },
    } as unknown as PolicyPackSession;
}

describe("an auth0 resource without an explicit provider", () => {
    it("reaches a rule with its default provider's inputs, and the provider is analyzed itself and listed in the stack", async () => {
        const config = { "auth0:domain": "acme.eu.auth0.com", "auth0:clientId": "AbC123", "auth0:clientSecret": "[secret]" };
        const defaults = new DefaultProviders({ stack: "dev", name: "proj", config, secretKeys: ["auth0:clientSecret"] });
        const client = resource("auth0:index/client:Client", "billing", { name: "Billing", appType: "non_interactive" }, { version: "3.49.0" });
        const analyzed: AnalyzerResource[] = [];
        const stack: AnalyzerResource[][] = [];
        const check = new PolicyCheck();
        check.attach(Promise.resolve(recordingSession(analyzed, stack)));
        check.push(defaults.resolve([client]));
        await check.finish();

        const providerUrn = "urn:pulumi:dev::proj::pulumi:providers:auth0::default_3_49_0";
        expect(analyzed.map((r) => r.urn)).toEqual([providerUrn, client.urn]);
        expect(stack[0].map((r) => r.urn)).toEqual([providerUrn, client.urn]);
        expect(await providerSeenByRule(analyzed[1])).toEqual({
            type: "pulumi:providers:auth0",
            urn: providerUrn,
            name: "default_3_49_0",
            // The pack unwraps secrets; a secure value's plaintext is the plan's placeholder, never decrypted.
            props: { domain: "acme.eu.auth0.com", clientId: "AbC123", clientSecret: "[secret]", version: "3.49.0" },
        });
        // The provider resource itself has no provider.
        expect(await providerSeenByRule(analyzed[0])).toBeUndefined();
    });
});
