// A value from another resource that resolves to something bad fails with exactly the message the
// same value, known at construction, gets. These run the checks without registering resources: a
// child whose input fails would fail this test process's registrations, as it fails a deployment.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, identifierIssues } from "../../../infra/components/api";
import { checkInput } from "../../../infra/config/deferredChecks";
import { resolveMachineArgs, type MachineClientArgs } from "../../../infra/components/machineArgs";
import { MachineClient } from "../../../infra/components/machineClient";
import { installMocks } from "../support/mockPulumi";

// A failed check also rejects the promises the SDK derives from the Output (known-ness, secrecy),
// which nothing awaits here: in a program, cmd/run reports such a rejection as the deployment's
// error. This file keeps those, and only those, and checks they carry the components' messages.
const kept: unknown[] = [];
let vitestListeners: NodeJS.UnhandledRejectionListener[] = [];
const keepOurs: NodeJS.UnhandledRejectionListener = (reason, promise) => {
    if ((reason as Error | undefined)?.name === "ComponentArgsError") kept.push(reason);
    else for (const listener of vitestListeners) listener(reason, promise);
};
beforeAll(() => {
    installMocks();
    vitestListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", keepOurs);
});
afterAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("unhandledRejection", keepOurs);
    for (const listener of vitestListeners) process.on("unhandledRejection", listener);
    expect(kept.length).toBeGreaterThan(0);
    for (const error of kept) expect((error as Error).message).toMatch(/^(Api|MachineClient) "(bad-id|bad-value|twins)" has an invalid argument/);
});

const later = (value: string): pulumi.Output<string> => pulumi.output(new Promise<string>((resolve) => setTimeout(() => resolve(value), 1)));
const settled = (output: pulumi.Input<unknown> | undefined) => (output as unknown as { promise(): Promise<unknown> }).promise();

function thrown(build: () => unknown): string {
    try {
        build();
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error("expected the construction to throw");
}

describe("checks of values that resolve later", () => {
    it("an API identifier", async () => {
        const message = thrown(() => new Api("bad-id", { identifier: "has space" }));
        expect(message).toBe(
            'Api "bad-id" has an invalid argument:\n  - identifier: must be a non-empty string without white space, e.g. https://orders.acme.example',
        );
        await expect(settled(checkInput('Api "bad-id"', later("has space"), identifierIssues, []))).rejects.toThrow(message);
    });

    it.each<[string, (v: pulumi.Input<string>) => MachineClientArgs, string, (r: ReturnType<typeof resolveMachineArgs>) => pulumi.Input<unknown> | undefined]>([
        [
            "a public key's pem",
            (v) => ({ authentication: { method: "private_key_jwt", publicKeys: { k: { pem: v } } } }),
            "not a pem",
            (r) => (r.authentication.method === "private_key_jwt" ? r.authentication.publicKeys.k.pem : undefined),
        ],
        ["a description", (v) => ({ description: v }), "y".repeat(141), (r) => r.description],
        [
            "a tenant domain",
            (v) => ({ grants: { management: { managementApi: { domain: v }, scopes: ["read:users"] } } }),
            "https://acme.eu.auth0.com",
            (r) => r.grants.management?.audience,
        ],
    ])("%s", async (_what, args, bad, pick) => {
        const message = thrown(() => new MachineClient("bad-value", args(bad)));
        const resolved = resolveMachineArgs(args(later(bad)), 'MachineClient "bad-value"');
        expect(resolved.issues).toEqual([]);
        await expect(settled(pick(resolved))).rejects.toThrow(message);
    });

    it("two grants whose audiences turn out the same", async () => {
        const twins = (identifier: (s: string) => pulumi.Input<string>, suffix: string): MachineClientArgs => {
            const a = new Api(`twin-a${suffix}`, { identifier: identifier("https://twin.example"), scopes: { "read:x": "" } });
            const b = new Api(`twin-b${suffix}`, { identifier: identifier("https://twin.example"), scopes: { "read:x": "" } });
            return { grants: { a: { api: a, scopes: ["read:x"] }, b: { api: b, scopes: ["read:x"] } } };
        };
        const message = thrown(() => new MachineClient("twins", twins((s) => s, "")));
        const resolved = resolveMachineArgs(twins(later, "-later"), 'MachineClient "twins"');
        await expect(settled(resolved.grants.b.audience)).rejects.toThrow(message);
    });
});
