// The analyzer client against the real policy server, through a fixture pack that reports back
// what each policy received; plus the process lifecycle: nothing may outlive a session.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    livePolicyPackProcesses,
    type PolicyDiagnostic,
    PolicyPackError,
    type PolicyPackSession,
    resourceReference,
    secretValue,
    startPolicyPack,
    UNKNOWN_VALUE,
} from "../../../cli/analyzer";
import { isRunning } from "../cliProcess";

const FIXTURES = path.join(__dirname, "fixtures");
const ECHO_PACK = path.join(FIXTURES, "echo-pack");
const BROKEN_PACK = path.join(FIXTURES, "broken-pack");


async function eventually(check: () => boolean, timeoutMs = 3_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (check()) return true;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return check();
}

const echoed = (diagnostic: PolicyDiagnostic) => JSON.parse(diagnostic.message.split("\n").slice(1).join("\n"));
const urn = (name: string) => `urn:pulumi:dev::proj::test:index:Thing::${name}`;

let echo: PolicyPackSession;
let crashing: Promise<PolicyPackSession>;
let brokenStart: Promise<unknown>;
let starter: ReturnType<typeof spawn>;
let starterPackPid: Promise<number>;

beforeAll(async () => {
    // Every process this file needs starts at once: cold starts dominate its run time.
    brokenStart = startPolicyPack(BROKEN_PACK).then(
        (session) => session.close().then(() => Promise.reject(new Error("the broken pack started"))),
        (error: unknown) => error,
    );
    crashing = startPolicyPack(ECHO_PACK);
    starter = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(FIXTURES, "startThenWait.ts"), ECHO_PACK], {
        stdio: ["ignore", "pipe", "inherit"],
    });
    starterPackPid = new Promise<number>((resolve, reject) => {
        starter.stdout!.setEncoding("utf8").once("data", (line: string) => resolve(Number(line.trim())));
        starter.once("exit", (code) => reject(new Error(`the starter exited early (${code})`)));
    });
    starterPackPid.catch(() => undefined);
    echo = await startPolicyPack(ECHO_PACK);
}, 30_000);

afterAll(async () => {
    starter?.kill("SIGKILL");
    await Promise.allSettled([echo?.close(), crashing?.then((s) => s.close()), brokenStart]);
});

describe("a started session", () => {
    it("reads the pack's info", () => {
        expect(echo.info).toMatchObject({ name: "echo-pack", version: "1.2.3", supportsConfig: true });
        expect(echo.info.policies).toEqual([
            expect.objectContaining({ name: "echo-resource", enforcementLevel: "advisory", policyType: "resource", remediationSteps: "None: this is a test fixture." }),
            expect.objectContaining({ name: "echo-stack", enforcementLevel: "mandatory", policyType: "stack" }),
        ]);
        expect(echo.info.policies[0].configSchema?.properties.greeting).toEqual({ type: "string", default: "hello" });
    });

    it("is configured with the schema defaults before the first Analyze, as the engine does", async () => {
        const [diagnostic] = await echo.analyze({ urn: urn("a"), type: "test:index:Thing", name: "a", properties: {} });
        expect(echoed(diagnostic).config).toEqual({ greeting: "hello", limits: { low: 1, high: 2 } });
    });

    it("replaces a default as a whole, as the engine does, and the pack sees it", async () => {
        await echo.configure({ "echo-resource": { limits: { high: 5 } }, all: "mandatory" });
        const [diagnostic] = await echo.analyze({ urn: urn("a"), type: "test:index:Thing", name: "a", properties: {} });
        expect(echoed(diagnostic).config).toEqual({ greeting: "hello", limits: { high: 5 } });
        expect(diagnostic.enforcementLevel).toBe("mandatory");
        await echo.configure();
    });

    it("sends properties as the engine does: secrets unwrapped by the pack, references as ids, internal keys dropped", async () => {
        const [diagnostic] = await echo.analyze({
            urn: urn("a"),
            type: "test:index:Thing",
            name: "a",
            parent: urn("parent"),
            properties: {
                plain: "x",
                password: secretValue("hunter2"),
                client: resourceReference(urn("client"), "client-123"),
                component: resourceReference(urn("component")),
                nested: { list: [1, undefined, secretValue({ deep: true })], __meta: "internal" },
                __defaults: ["plain"],
                gone: undefined,
            },
            options: { protect: true, ignoreChanges: ["plain"], deleteBeforeReplace: true, customTimeouts: { create: 60 } },
            provider: { urn: urn("provider"), type: "pulumi:providers:test", name: "default", properties: { region: "eu", token: secretValue("t") } },
        });
        expect(diagnostic.urn).toBe(urn("a"));
        expect(diagnostic.policyPackVersion).toBe("1.2.3");
        const seen = echoed(diagnostic);
        expect(seen.props).toEqual({
            plain: "x",
            password: "hunter2",
            client: "client-123",
            component: urn("component"),
            nested: { list: [1, null, { deep: true }] },
        });
        expect(seen.opts).toMatchObject({
            protect: true,
            ignoreChanges: ["plain"],
            deleteBeforeReplace: true,
            parent: urn("parent"),
            customTimeouts: { createSeconds: 60, updateSeconds: 0, deleteSeconds: 0 },
        });
        expect(seen.provider).toEqual({ urn: urn("provider"), name: "default", props: { region: "eu", token: "t" } });
    });

    it("turns an unknown value into the server's preview advisory", async () => {
        const diagnostics = await echo.analyze({ urn: urn("a"), type: "test:index:Thing", name: "a", properties: { later: UNKNOWN_VALUE, ref: resourceReference(urn("new"), "") } });
        expect(diagnostics).toEqual([
            expect.objectContaining({
                policyName: "echo-resource",
                enforcementLevel: "advisory",
                message: expect.stringMatching(/^can't run policy 'echo-resource' from policy pack 'echo-pack@v1\.2\.3' during preview: string value at \.(later|ref) can't be known during preview$/),
            }),
        ]);
    });

    it("answers many Analyze calls in flight at once, each with its own resource", async () => {
        const resources = Array.from({ length: 40 }, (_, i) => ({ urn: urn(`r${i}`), type: "test:index:Thing", name: `r${i}`, properties: { i } }));
        const diagnostics = (await Promise.all(resources.map((r) => echo.analyze(r)))).flat();
        expect(diagnostics.map((d) => echoed(d).props.i)).toEqual(resources.map((_, i) => i));
    });

    it("sends the stack's graph with AnalyzeStack", async () => {
        const diagnostics = await echo.analyzeStack([
            { urn: urn("parent"), type: "test:index:Thing", name: "parent", properties: {} },
            {
                urn: urn("child"),
                type: "test:index:Thing",
                name: "child",
                parent: urn("parent"),
                properties: { secret: secretValue(1) },
                dependencies: [urn("parent")],
                propertyDependencies: { secret: [urn("parent")], none: [] },
            },
        ]);
        expect(diagnostics.map((d) => [d.policyName, d.urn, JSON.parse(d.message.split("\n").slice(1).join("\n"))])).toEqual([
            ["echo-stack", urn("parent"), { dependencies: [], propertyDependencies: {}, props: {} }],
            ["echo-stack", urn("child"), { parent: urn("parent"), dependencies: [urn("parent")], propertyDependencies: { secret: [urn("parent")] }, props: { secret: 1 } }],
        ]);
    });

    it("reports a policy's exception with the pack's own message", async () => {
        await expect(echo.analyze({ urn: urn("throw"), type: "test:index:Thing", name: "throw", properties: {} })).rejects.toThrow(
            /Analyze urn:pulumi:dev::proj::test:index:Thing::throw: the policy pack echo-pack@1\.2\.3 .* failed: .*Error validating resource with policy 'echo-resource'[^]*the echo policy was asked to throw/,
        );
    });

    it("rejects values the engine couldn't send, naming the property", async () => {
        await expect(echo.analyze({ urn: urn("a"), type: "t", name: "a", properties: { when: new Date(0) } })).rejects.toThrow(
            `${urn("a")} properties.when is a Date, which the engine can't send to a policy pack; give plain JSON values`,
        );
    });
});

describe("process lifecycle", () => {
    it("fails a start that doesn't load, quoting the pack's stderr, and leaves no process", async () => {
        const error = (await brokenStart) as PolicyPackError;
        expect(PolicyPackError.isInstance(error)).toBe(true);
        expect(error.kind).toBe("start");
        expect(error.message).toContain(`Policy pack at ${BROKEN_PACK} exited with code 32 (the pack failed to load and printed why, often a TypeScript error) before it printed its port`);
        expect(error.message).toContain("error TS6133: 'unusedOnPurpose' is declared but its value is never read.");
        expect(isRunning(error.pid!)).toBe(false);
    });

    it("refuses a directory that is not a policy pack, starting nothing", async () => {
        await expect(startPolicyPack(path.join(FIXTURES, "missing"))).rejects.toThrow(`Policy pack directory ${path.join(FIXTURES, "missing")} does not exist`);
        await expect(startPolicyPack(FIXTURES)).rejects.toThrow(`${FIXTURES} has no PulumiPolicy.yaml, so it is not a policy pack directory`);
    });

    it("stops a pack that doesn't print its port in time", async () => {
        const error = (await startPolicyPack(ECHO_PACK, { startTimeoutMs: 100 }).catch((e: unknown) => e)) as PolicyPackError;
        expect(error.kind).toBe("start");
        expect(error.message).toContain("printed no port within 100 ms, so it was stopped");
        expect(isRunning(error.pid!)).toBe(false);
    });

    it("reports a pack that dies mid-session, with its exit status", async () => {
        const session = await crashing;
        const crash = session.analyze({ urn: urn("crash"), type: "t", name: "crash", properties: {} });
        await expect(crash).rejects.toThrow(/the policy pack echo-pack@1\.2\.3 .* exited with code 7/);
        await expect(session.analyze({ urn: urn("a"), type: "t", name: "a", properties: {} })).rejects.toMatchObject({ kind: "exited" });
        await session.close();
    });

    it("kills the pack on close, idempotently, and refuses calls afterwards", async () => {
        const pid = echo.pid;
        expect(livePolicyPackProcesses()).toContain(pid);
        await Promise.all([echo.close(), echo.close()]);
        expect(isRunning(pid)).toBe(false);
        expect(livePolicyPackProcesses()).not.toContain(pid);
        await expect(echo.analyze({ urn: urn("a"), type: "t", name: "a", properties: {} })).rejects.toMatchObject({ kind: "closed" });
    });

    it("kills the pack when the process that started it is terminated", async () => {
        const packPid = await starterPackPid;
        expect(isRunning(packPid)).toBe(true);
        const exited = new Promise((resolve) => starter.once("exit", (_code, signal) => resolve(signal)));
        starter.kill("SIGTERM");
        // Default SIGTERM behaviour is kept: the starter still dies of the signal.
        expect(await exited).toBe("SIGTERM");
        expect(await eventually(() => !isRunning(packPid))).toBe(true);
    });
});
