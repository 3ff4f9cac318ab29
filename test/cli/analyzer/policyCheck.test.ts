import { describe, expect, it } from "vitest";
import type { AnalyzerResource, PolicyDiagnostic, PolicyPackSession } from "../../../cli/analyzer";
import { PolicyCheck, fromCapturedResource } from "../../../cli/analyzer/policyCheck";
import type { CapturedResource } from "../../../cli/program/protocol";
import { resource } from "../report/reportFixtures";

/** A session that answers Analyze after a delay, recording how many calls were in flight. */
function fakeSession(options: { failOn?: string; delayMs?: number } = {}) {
    let inFlight = 0;
    const seen = { maxInFlight: 0, analyzed: [] as AnalyzerResource[], stack: [] as AnalyzerResource[][] };
    const diagnostic = (urn: string, policyName: string): PolicyDiagnostic => ({
        policyName,
        policyPackName: "fake",
        policyPackVersion: "1",
        description: "",
        message: `about ${urn}`,
        enforcementLevel: "advisory",
        urn,
    });
    const session = {
        info: { name: "fake", version: "1", supportsConfig: true, policies: [], initialConfig: {} },
        pid: 1,
        config: {},
        configure: async () => undefined,
        analyze: async (r: AnalyzerResource) => {
            inFlight++;
            seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
            // Later resources answer sooner, so completion order differs from registration order.
            await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 30 - Number(r.name.replace(/\D/g, "") || 0)));
            inFlight--;
            if (r.name === options.failOn) throw new Error(`Analyze ${r.urn} failed`);
            seen.analyzed.push(r);
            return [diagnostic(r.urn, "per-resource")];
        },
        analyzeStack: async (resources: readonly AnalyzerResource[]) => {
            seen.stack.push([...resources]);
            return [diagnostic("", "stack")];
        },
        close: async () => undefined,
    } as unknown as PolicyPackSession;
    return { session, seen };
}

const grants = (n: number, from = 0): CapturedResource[] =>
    Array.from({ length: n }, (_, i) => resource("auth0:index/clientGrant:ClientGrant", `g${from + i}`, { scopes: ["read:x"] }));

describe("PolicyCheck", () => {
    it("analyzes what arrived before and after the pack, in registration order, at most N at a time, then the stack", async () => {
        const { session, seen } = fakeSession();
        const check = new PolicyCheck(4);
        check.push(grants(10));
        check.attach(Promise.resolve(session));
        check.push(grants(10, 10));
        const diagnostics = await check.finish();
        expect(diagnostics.map((d) => d.urn)).toEqual([...grants(20).map((g) => g.urn), ""]);
        expect(seen.maxInFlight).toBe(4);
        expect(seen.stack).toEqual([check.analyzed]);
        expect(seen.stack[0]).toHaveLength(20);
    });

    it("sends neither reads nor anything twice, and resolves provider references to the provider's inputs", async () => {
        const { session, seen } = fakeSession({ delayMs: 1 });
        const check = new PolicyCheck();
        check.attach(Promise.resolve(session));
        const provider = resource("pulumi:providers:auth0", "eu", { domain: "acme.eu.auth0.com" });
        const client = resource("auth0:index/client:Client", "c", { name: "C" }, { provider: `${provider.urn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9` });
        const read = resource("auth0:index/client:Client", "existing", {}, { read: true });
        check.push([provider, client, read]);
        await check.finish();
        expect(seen.analyzed.map((r) => r.name)).toEqual(["eu", "c"]);
        expect(seen.analyzed[1].provider).toEqual({ urn: provider.urn, type: provider.type, name: "eu", properties: { domain: "acme.eu.auth0.com" } });
    });

    it("fails with the first error, and with the pack's own failure to start", async () => {
        const failing = new PolicyCheck(2);
        failing.attach(Promise.resolve(fakeSession({ failOn: "g3", delayMs: 1 }).session));
        failing.push(grants(8));
        await expect(failing.finish()).rejects.toThrow("Analyze urn:pulumi:dev::proj::auth0:index/clientGrant:ClientGrant::g3 failed");

        const notStarted = new PolicyCheck();
        notStarted.push(grants(2));
        notStarted.attach(Promise.reject(new Error("the pack would not start")));
        await expect(notStarted.finish()).rejects.toThrow("the pack would not start");
    });

    it("maps the captured options onto the Analyzer's", () => {
        const parent = "urn:pulumi:dev::proj::auth0-m2m:index:MachineClient::m";
        const captured = resource("auth0:index/client:Client", "c", {}, { protect: true, ignoreChanges: ["name"], deleteBeforeReplace: true, parent });
        expect(fromCapturedResource(captured)).toEqual({
            urn: captured.urn,
            type: captured.type,
            name: "c",
            properties: {},
            options: { protect: true, ignoreChanges: ["name"], deleteBeforeReplace: true, additionalSecretOutputs: undefined, aliases: undefined },
            parent,
            dependencies: [],
            propertyDependencies: {},
        });
    });
});
