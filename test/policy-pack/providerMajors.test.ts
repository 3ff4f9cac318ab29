// One program per @pulumi/auth0 major version, as the resource shapes that major's SDK registers,
// through every rule of the pack. The shapes follow pulumi/pulumi-auth0's sdk/nodejs at v1.0.0
// (d707e16c), v2.24.3 (f05c9993) and v3.0.0 (9837e333): 1.x/2.x declare an API's scopes inline as
// `scopes: [{ value, description }]` and a client's authentication as Client.tokenEndpointAuthMethod;
// 3.x moved them to ResourceServerScopes/ResourceServerScope and ClientCredentials.
import { describe, expect, it } from "vitest";
import { createPolicies } from "../../policy-pack/pack";
import { api, apiScopes, credentials, grant, m2mClient } from "./builders";
import { type PolicyRun, ruleDeps, runStack, type ResourceSpec } from "./ruleHarness";

const INLINE_SCOPES = [
    { value: "read:orders", description: "Read orders" },
    { value: "write:orders", description: "Write orders" },
];

/** The same access (one M2M client, one API with two scopes, one grant) as each major writes it. */
const PROGRAMS: Record<string, (grantScopes: string[], authMethod: string) => ResourceSpec[]> = {
    "1.x": (scopes, method) => [
        m2mClient("orders-worker", { tokenEndpointAuthMethod: method }),
        api("orders-api", { scopes: INLINE_SCOPES }),
        grant("orders-worker-orders", { scopes }),
    ],
    // 2.x had both spellings; real 2.x programs mostly kept the inline one.
    "2.x": (scopes, method) => [
        m2mClient("orders-worker", { tokenEndpointAuthMethod: method }),
        api("orders-api", { scopes: INLINE_SCOPES }),
        grant("orders-worker-orders", { scopes }),
    ],
    "3.x": (scopes, method) => [
        m2mClient("orders-worker"),
        credentials("orders-worker-credentials", { authenticationMethod: method }),
        api("orders-api"),
        apiScopes("orders-api-scopes", ["read:orders", "write:orders"]),
        grant("orders-worker-orders", { scopes }),
    ],
};

async function runPack(specs: ResourceSpec[]): Promise<PolicyRun[]> {
    const policies = createPolicies(ruleDeps()).filter((p) => p.name !== "auth0-exemptions-applied");
    return Promise.all(policies.map((policy) => runStack(policy, specs)));
}

// The API defines write:orders without proof-of-possession (1.x/2.x had none), which one rule
// advises on in every shape; its own test below, the rest of the pack's findings here.
const SENDER_ADVICE = /^ResourceServer "orders-api" defines write scopes "write:orders" but sets no proofOfPossession/;
const messages = (runs: PolicyRun[]) => runs.flatMap((run) => run.violations.map((v) => v.message)).filter((m) => !SENDER_ADVICE.test(m));

describe.each(Object.keys(PROGRAMS))("@pulumi/auth0 %s shapes through every rule", (major) => {
    it("a grant for scopes the API defines is clean", async () => {
        expect(messages(await runPack(PROGRAMS[major](["read:orders", "write:orders"], "client_secret_post")))).toEqual([]);
    });

    it("a scope the API does not define is reported, naming what it does define", async () => {
        const found = messages(await runPack(PROGRAMS[major](["read:order"], "client_secret_post")));
        expect(found).toEqual([expect.stringMatching(/scope "read:order", which the API does not define \(it defines "read:orders", "write:orders"\)\. Did you mean "read:orders"\?/)]);
    });

    it("an API's write scopes, inline or in their own resources, get the sender-constrained-tokens advice", async () => {
        const runs = await runPack(PROGRAMS[major](["read:orders"], "client_secret_post"));
        expect(runs.flatMap((run) => run.violations.map((v) => v.message)).filter((m) => SENDER_ADVICE.test(m))).toHaveLength(1);
    });

    it("a public client (no client authentication) holding the grant is reported", async () => {
        const found = messages(await runPack(PROGRAMS[major](["read:orders"], "none")));
        expect(found).toEqual([expect.stringMatching(/is a public client that can't authenticate \([^)]*sets (authenticationMethod|tokenEndpointAuthMethod) "none"\)\. Delete this grant/)]);
    });
});
