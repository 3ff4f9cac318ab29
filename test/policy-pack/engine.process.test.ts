// The pack run exactly as the engine runs it: run-policy-pack started in policy-pack/, driven over
// the Analyzer gRPC protocol by the analyzer client, with properties marshalled as the engine
// marshals them. One pack process serves the whole file (a cold start type-checks the pack).
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toAnalyzeRequest } from "../../cli/analyzer/encoding";
import { type AnalyzerResource, type PolicyDiagnostic, type PolicyPackSession, readPolicyConfigFile, resourceReference, secretValue, startPolicyPack, UNKNOWN_VALUE } from "../../cli/analyzer";
import { createPolicies } from "../../policy-pack/pack";
import { toAnalyzerResource } from "../cli/analyzer/analyzerResourceOracle";
import { ORDERS_API, MANAGEMENT_API } from "./builders";
import { by, engineStack as stack, resource, show } from "./engineFixtures";
import { ruleDeps, T, urnOf } from "./ruleHarness";

// The port each pack process serves on, for the generated grpc-js client below: the session keeps
// its process to itself.
const packPorts = vi.hoisted(() => [] as number[]);
vi.mock("../../cli/analyzer/process", async (importOriginal) => {
    const original = await importOriginal<typeof import("../../cli/analyzer/process")>();
    return {
        ...original,
        startPolicyPackProcess: async (...args: Parameters<typeof original.startPolicyPackProcess>) => {
            const started = await original.startPolicyPackProcess(...args);
            packPorts.push(started.port);
            return started;
        },
    };
});

const PACK_DIR = path.resolve(__dirname, "../../policy-pack");
const STRICT_CONFIG = path.join(__dirname, "fixtures/strict-policy-config.json");

let pack: PolicyPackSession;

beforeAll(async () => {
    pack = await startPolicyPack(PACK_DIR);
}, 30_000);

afterAll(async () => {
    await pack?.close();
});

describe("GetAnalyzerInfo", () => {
    it("describes the pack and every policy as the code defines them", () => {
        const expected = createPolicies(ruleDeps());
        expect(pack.info).toMatchObject({ name: "auth0-m2m-guardrails", version: "0.1.0", supportsConfig: true });
        expect(pack.info.policies.map((p) => [p.name, p.enforcementLevel, p.policyType])).toEqual(
            expected.map((p) => [p.name, p.enforcementLevel, p.validateResource ? "resource" : "stack"]),
        );
        for (const [i, policy] of pack.info.policies.entries()) {
            expect(policy.description).toBe(expected[i].description);
            expect(policy.remediationSteps).toBe(expected[i].remediationSteps);
            expect(policy.configSchema?.properties ?? {}).toEqual(expected[i].configSchema?.properties ?? {});
        }
    });
});

describe("Configure", () => {
    it("sends every policy its level and its schema defaults when there is no user config", async () => {
        await pack.configure();
        expect(pack.config["auth0-token-lifetime-limits"]).toEqual({
            enforcementLevel: "mandatory",
            properties: { maxTokenLifetime: 86_400, maxTokenLifetimeForWeb: 7_200, apiOverrides: {}, exemptions: [] },
        });
        expect(pack.config["auth0-exemptions-applied"]).toEqual({ enforcementLevel: "advisory", properties: {} });
    });

    it("applies an override file on top of the defaults, and the pack enforces it", async () => {
        await pack.configure(await readPolicyConfigFile(STRICT_CONFIG), STRICT_CONFIG);
        expect(pack.config["auth0-token-lifetime-limits"].properties).toMatchObject({ maxTokenLifetime: 3_600, maxTokenLifetimeForWeb: 7_200 });
        expect(pack.config["auth0-m2m-token-quota"].enforcementLevel).toBe("mandatory");
        const diagnostics = await pack.analyze(
            resource(T.resourceServer, "orders-api", { identifier: ORDERS_API, tokenLifetime: 7_200, tokenLifetimeForWeb: 600 }),
        );
        expect(by(diagnostics, "auth0-token-lifetime-limits").map((d) => d.message)).toEqual([
            expect.stringContaining("tokenLifetime 7200 s exceeds the maximum of 3600 s"),
        ]);
    });

    it("rejects invalid config with its path and file, leaving the previous config in place", async () => {
        await pack.configure();
        await expect(
            pack.configure({ "auth0-token-lifetime-limits": { maxTokenLifetime: "1h" }, "auth0-no-wildcard-scopes": { exemptions: [{ resource: "x", reason: "short", expires: "soon" }] } }, "ci/policy.json"),
        ).rejects.toThrow(
            "Invalid config for policy pack auth0-m2m-guardrails in ci/policy.json:\n" +
                '  - auth0-no-wildcard-scopes.exemptions[0].expires: must match pattern "^\\d{4}-\\d{2}-\\d{2}$"\n' +
                "  - auth0-no-wildcard-scopes.exemptions[0].reason: must NOT have fewer than 20 characters\n" +
                "  - auth0-token-lifetime-limits.maxTokenLifetime: must be integer",
        );
        expect(pack.config["auth0-token-lifetime-limits"].properties.maxTokenLifetime).toBe(86_400);
    });
});

/** Analyze for each resource, all in flight at once (as the plan sends them); diagnostics in resource order. */
async function analyzeAll(resources: readonly AnalyzerResource[]): Promise<PolicyDiagnostic[]> {
    return (await Promise.all(resources.map((r) => pack.analyze(r)))).flat();
}

describe("Analyze", () => {
    beforeAll(async () => {
        await pack.configure();
    });

    it("reports each per-resource rule's violations for raw @pulumi/auth0 resources", async () => {
        const diagnostics = await analyzeAll([
            resource(T.clientGrant, "mgmt", {
                audience: MANAGEMENT_API,
                clientId: resourceReference(urnOf(T.client, "worker"), "client-w"),
                scopes: ["read:roles", "create:client_grants", "read:user", "read:*"],
                __defaults: [],
            }),
            resource(T.clientGrant, "third-parties", { audience: ORDERS_API, defaultFor: "third_party_clients", scopes: ["read:orders"] }),
            resource(T.resourceServer, "orders-api", { identifier: ORDERS_API, tokenLifetime: 90_000 }),
            resource(T.resourceServerScopes, "orders-api-scopes", { resourceServerIdentifier: ORDERS_API, scopes: [{ name: "orders:*" }] }),
        ]);
        const summary = diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn?.split("::").pop()]);
        expect(summary, show(diagnostics)).toEqual([
            ["auth0-no-wildcard-scopes", "mandatory", "mgmt"],
            ["auth0-management-api-no-escalation", "mandatory", "mgmt"],
            // Advisory: a scope the Management API doesn't define grants nothing.
            ["auth0-management-api-known-scopes", "advisory", "mgmt"],
            ["auth0-no-default-for-grants", "mandatory", "third-parties"],
            ["auth0-token-lifetime-limits", "mandatory", "orders-api"],
            // Unset user access (Auth0 then applies allow_all); unset client access is Auth0's closed default.
            ["auth0-api-access-policies", "advisory", "orders-api"],
            ["auth0-no-wildcard-scopes", "mandatory", "orders-api-scopes"],
        ]);
        // The server prefixes the description; our message follows it.
        expect(diagnostics[1].message).toMatch(/^Client grants on the Auth0 Management API must not[^]*\nClientGrant "mgmt" on the Management API .* grants "create:client_grants"/);
        expect(diagnostics[2].message).toContain('Did you mean "read:users"?');
        expect(diagnostics[0].policyPackName).toBe("auth0-m2m-guardrails");
        expect(diagnostics[0].policyPackVersion).toBe("0.1.0");
    });

    it("judges an API's access policies as Auth0 spells them, and leaves a closed one alone", async () => {
        const open = await pack.analyze(
            resource(T.resourceServer, "open-api", {
                identifier: ORDERS_API,
                tokenLifetime: 3_600,
                tokenLifetimeForWeb: 3_600,
                subjectTypeAuthorization: { user: { policy: "allow_all" }, client: { policy: "require_client_grant" } },
            }),
        );
        expect(by(open, "auth0-api-access-policies").map((d) => [d.enforcementLevel, d.message]), show(open)).toEqual([
            ["advisory", expect.stringMatching(/ResourceServer "open-api" sets user access "allow_all": any application in the tenant can get a user's token for it, with RBAC off/)],
        ]);
        const closed = await pack.analyze(
            resource(T.resourceServer, "closed-api", {
                identifier: ORDERS_API,
                tokenLifetime: 3_600,
                tokenLifetimeForWeb: 3_600,
                subjectTypeAuthorization: { user: { policy: "deny_all" }, client: { policy: "require_client_grant" } },
            }),
        );
        expect(by(closed, "auth0-api-access-policies"), show(closed)).toEqual([]);
    });

    it("sees values that arrive as secrets", async () => {
        const diagnostics = await pack.analyze(resource(T.clientGrant, "g", { audience: ORDERS_API, clientId: "c", scopes: secretValue(["read:orders", "write:*"]) }));
        expect(by(diagnostics, "auth0-no-wildcard-scopes").map((d) => d.message), show(diagnostics)).toEqual([expect.stringContaining('asks for scope "write:*"')]);
    });

    it("turns an unknown value into an advisory naming the field, after reporting what is known", async () => {
        const diagnostics = await pack.analyze(resource(T.clientGrant, "g", { audience: MANAGEMENT_API, clientId: "c", scopes: ["update:client_keys", UNKNOWN_VALUE] }));
        const escalation = by(diagnostics, "auth0-management-api-no-escalation");
        expect(escalation.map((d) => d.enforcementLevel), show(diagnostics)).toEqual(["mandatory", "advisory"]);
        expect(escalation[1].message).toBe(
            "can't run policy 'auth0-management-api-no-escalation' from policy pack 'auth0-m2m-guardrails@v0.1.0' during preview: " +
                'ClientGrant "g": scopes[1] is unknown during preview, so whether it escalates privileges can\'t be verified until `pulumi up`',
        );
    });
});

describe("AnalyzeStack", () => {
    const portal = urnOf(T.client, "portal");

    it("proves the stack rules, exemptions applied, expired and audited, over the wire", async () => {
        await pack.configure(await readPolicyConfigFile(STRICT_CONFIG), STRICT_CONFIG);
        const diagnostics = await pack.analyzeStack(stack(false));
        const text = show(diagnostics);

        // Advisory by default: Auth0 accepts a grant for a scope the API doesn't define, which widens nothing.
        expect(by(diagnostics, "auth0-grant-scopes-defined-on-api").map((d) => [d.urn, d.enforcementLevel]), text).toEqual([
            [urnOf(T.clientGrant, "orders-worker-orders"), "advisory"],
        ]);
        // The API defines write:orders and its tokens aren't bound to their client.
        expect(by(diagnostics, "auth0-api-sender-constrained-tokens").map((d) => [d.urn, d.enforcementLevel, d.message]), text).toEqual([
            [urnOf(T.resourceServer, "orders-api"), "advisory", expect.stringContaining('defines write scopes "write:orders" but sets no proofOfPossession')],
        ]);
        expect(by(diagnostics, "auth0-grant-scopes-defined-on-api")[0].message).toContain('scope "write:order", which the API does not define');

        // The portal's exemption expired in 2020: the finding stands, says so, and the audit reports it.
        const m2m = by(diagnostics, "auth0-grant-client-is-m2m");
        expect(m2m.map((d) => d.urn ?? "(config)"), text).toEqual([urnOf(T.clientGrant, "portal-orders"), "(config)"]);
        expect(m2m[0].message).toMatch(
            /is a "spa" application[^]*allows "authorization_code"[^]*Delete this grant[^]*exemptions\[0\] .* matches this resource but expired at the end of 2020-01-31/,
        );
        expect(m2m[1].message).toMatch(/auth0-grant-client-is-m2m exemptions\[0\] \(resource "portal-orders", expires 2020-01-31\) expired/);

        // Raised to mandatory by the config file.
        expect(by(diagnostics, "auth0-m2m-token-quota").map((d) => [d.urn, d.enforcementLevel]), text).toEqual([[portal, "mandatory"]]);

        // The wildcard grant was exempted (at Analyze time too); the advisory keeps it visible.
        const applied = by(diagnostics, "auth0-exemptions-applied");
        expect(applied.map((d) => [d.urn, d.enforcementLevel]), text).toEqual([[urnOf(T.clientGrant, "legacy-reports"), "advisory"]]);
        expect(applied[0].message).toContain(
            'auth0-no-wildcard-scopes did not flag ClientGrant "legacy-reports" because of its exemptions[0] (resource "legacy-*"), which accepted "read:*", valid through 2099-12-31 (UTC), reason: "Reporting export predates the pack; rewrite tracked in SEC-101". Suppressed: ClientGrant "legacy-reports" asks for scope "read:*"',
        );
        const analyzed = await pack.analyze(stack(false)[6]);
        expect(by(analyzed, "auth0-no-wildcard-scopes"), show(analyzed)).toEqual([]);
    });

    it("matches grants to clients through dependencies in preview, when client IDs are unknown", async () => {
        await pack.configure();
        const diagnostics = await pack.analyzeStack(stack(true));
        const text = show(diagnostics);
        // One finding per grant, whatever the number of problems with its client.
        expect(by(diagnostics, "auth0-grant-client-is-m2m").map((d) => d.urn), text).toEqual([urnOf(T.clientGrant, "portal-orders")]);
        expect(by(diagnostics, "auth0-m2m-token-quota").map((d) => [d.urn, d.enforcementLevel]), text).toEqual([[portal, "advisory"]]);
        // Bound tokens settle it; the other rules' verdicts don't move.
        const bound = stack(true).map((r) => (r.name === "orders-api" ? { ...r, properties: { ...r.properties, proofOfPossession: { mechanism: "dpop", required: true } } } : r));
        expect(by(await pack.analyzeStack(bound), "auth0-api-sender-constrained-tokens")).toEqual([]);
    });

    it("gives an advisory, not a crash, for what preview can't resolve", async () => {
        await pack.configure();
        const orphan = resource(T.clientGrant, "mystery", { audience: ORDERS_API, clientId: UNKNOWN_VALUE, scopes: ["read:orders"] });
        const diagnostics = await pack.analyzeStack([...stack(true), orphan]);
        const advisory = by(diagnostics, "auth0-grant-client-is-m2m").filter((d) => d.enforcementLevel === "advisory");
        expect(advisory.map((d) => d.message), show(diagnostics)).toEqual([
            "can't run policy 'auth0-grant-client-is-m2m' from policy pack 'auth0-m2m-guardrails@v0.1.0' during preview: " +
                'ClientGrant "mystery": clientId is unknown during preview, so which Client in this stack the grant is for, and so whether it is an M2M application can\'t be verified until `pulumi up`',
        ]);
    });
});

// The plan drives the pack with its own small unary client (cli/analyzer/unaryGrpc.ts). The
// same pack, driven by the generated grpc-js client from @pulumi/pulumi/proto/analyzer_grpc_pb with
// the same engine-encoded messages, must answer alike: the protocol is the engine's, whoever speaks it.
describe("the same pack, through the generated grpc-js AnalyzerClient", () => {
    it("describes itself and judges a resource and the stack", async () => {
        expect(packPorts).toHaveLength(1);
        const client = new AnalyzerClient(`127.0.0.1:${packPorts[0]}`, grpc.credentials.createInsecure());
        const unary = <Req, Res>(method: (req: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => unknown, request: Req) =>
            new Promise<Res>((resolve, reject) => method.call(client, request, (e, r) => (e ? reject(e) : resolve(r))));
        const wide = resource(T.clientGrant, "wide", { clientId: "abc", audience: ORDERS_API, scopes: ["read:*"] });
        try {
            const info = await unary<Empty, analyzerPb.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
            expect(info.getPoliciesList().map((p) => p.getName())).toEqual(createPolicies(ruleDeps()).map((p) => p.name));
            // The metadata Pulumi Cloud shows: the pack's, and each policy's severity and tags.
            expect([info.getDisplayname(), info.getProvider(), info.getTagsList()]).toEqual(["Auth0 M2M guardrails", "auth0", ["auth0", "m2m", "least-privilege"]]);
            const severity = (name: string) => analyzerPb.PolicySeverity[`POLICY_SEVERITY_${name.toUpperCase()}` as keyof typeof analyzerPb.PolicySeverity];
            expect(info.getPoliciesList().map((p) => [p.getSeverity(), p.getTagsList()])).toEqual(
                createPolicies(ruleDeps()).map((p) => [severity(p.severity), p.tags]),
            );

            const analyzed = await unary<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(client.analyze, toAnalyzeRequest(wide));
            expect(analyzed.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()])).toEqual([
                ["auth0-no-wildcard-scopes", analyzerPb.EnforcementLevel.MANDATORY],
            ]);

            const stack = new analyzerPb.AnalyzeStackRequest();
            stack.setResourcesList([toAnalyzerResource(wide)]);
            const stackAnalyzed = await unary<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>(client.analyzeStack, stack);
            // The grant's client isn't in the stack, so only the stack halves' exemption audit runs: nothing to say.
            expect(stackAnalyzed.getDiagnosticsList().map((d) => d.getPolicyname())).toEqual([]);
        } finally {
            client.close();
        }
    });
});
