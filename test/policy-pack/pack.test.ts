import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ESCALATION_SCOPES, DEFAULT_SENSITIVE_SCOPES, MANAGEMENT_API_SCOPE_RISKS, SCOPE_RISK_POLICIES } from "../../policy-pack/guardrails";
import { createPolicies, POLICY_PACK_NAME, RULES } from "../../policy-pack/pack";
import * as preview from "../../policy-pack/support/preview";
import { AUTH0_TYPES } from "../../policy-pack/guardrails";
import { ruleDeps } from "./ruleHarness";

const POLICIES_DIR = path.join(__dirname, "../../policy-pack/policies");

describe("auth0-m2m-guardrails", () => {
    const policies = createPolicies(ruleDeps());

    it("serves exactly these policies, in this order (exemptions-applied last)", () => {
        expect(POLICY_PACK_NAME).toBe("auth0-m2m-guardrails");
        expect(policies.map((p) => p.name)).toEqual([
            "auth0-no-wildcard-scopes",
            "auth0-token-lifetime-limits",
            "auth0-web-lifetime-explicit",
            "auth0-api-access-policies",
            "auth0-api-sender-constrained-tokens",
            "auth0-management-api-no-escalation",
            "auth0-management-api-sensitive-scopes",
            "auth0-management-api-known-scopes",
            "auth0-grant-scopes-defined-on-api",
            "auth0-no-default-for-grants",
            "auth0-grant-client-is-m2m",
            "auth0-m2m-token-quota",
            "auth0-m2m-client-grant-types",
            "auth0-exemptions-applied",
        ]);
    });

    it("has one file per rule, named after its exported constant, and every one is in the pack", async () => {
        const files = fs.readdirSync(POLICIES_DIR).filter((f) => f.endsWith(".ts"));
        const exported = await Promise.all(
            files.map(async (file) => {
                const constant = path.basename(file, ".ts");
                const module = (await import(path.join(POLICIES_DIR, file))) as Record<string, { policyName?: string }>;
                expect(module[constant], `${file} exports ${constant}`).toBeTypeOf("function");
                return module[constant].policyName;
            }),
        );
        expect(exported.sort()).toEqual(RULES.map((r) => r.policyName).sort());
    });

    it("explains every policy and sets its level explicitly", () => {
        for (const policy of policies) {
            expect(policy.name).toMatch(/^auth0-[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(policy.description.length, policy.name).toBeGreaterThan(80);
            expect(policy.remediationSteps.length, policy.name).toBeGreaterThan(40);
            expect(["advisory", "mandatory"]).toContain(policy.enforcementLevel);
        }
        expect(policies.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name)).toEqual([
            "auth0-web-lifetime-explicit",
            "auth0-api-access-policies",
            "auth0-api-sender-constrained-tokens",
            "auth0-management-api-sensitive-scopes",
            "auth0-management-api-known-scopes",
            "auth0-grant-scopes-defined-on-api",
            "auth0-m2m-token-quota",
            "auth0-m2m-client-grant-types",
            "auth0-exemptions-applied",
        ]);
    });

    it("gives every setting a default and every rule exemptions, so the pack runs with no config", () => {
        for (const policy of policies.filter((p) => p.name !== "auth0-exemptions-applied")) {
            const properties = policy.configSchema!.properties;
            for (const [setting, schema] of Object.entries(properties)) {
                expect(schema, `${policy.name}.${setting}`).toHaveProperty("default");
            }
            expect(properties.exemptions).toMatchObject({
                type: "array",
                default: [],
                items: { required: ["resource", "reason", "expires"], properties: { reason: { minLength: 20 } } },
            });
        }
    });

    it("serves each scope tier's list under the policy and setting the plan's report reads it from", () => {
        const defaults = { takeover: DEFAULT_ESCALATION_SCOPES, sensitive: DEFAULT_SENSITIVE_SCOPES };
        for (const [tier, { policy, setting }] of Object.entries(SCOPE_RISK_POLICIES)) {
            const served = policies.find((p) => p.name === policy);
            expect(served?.configSchema?.properties[setting], `${tier}: ${policy}.${setting}`).toMatchObject({ default: defaults[tier as keyof typeof defaults] });
        }
    });

    it("gives every rule a stack half (the exemption audit), and per-resource rules a resource half too", () => {
        const withResourceHalf = policies.filter((p) => p.validateResource).map((p) => p.name);
        expect(withResourceHalf).toEqual([
            "auth0-no-wildcard-scopes",
            "auth0-token-lifetime-limits",
            "auth0-web-lifetime-explicit",
            "auth0-api-access-policies",
            "auth0-management-api-no-escalation",
            "auth0-management-api-sensitive-scopes",
            "auth0-management-api-known-scopes",
            "auth0-no-default-for-grants",
            "auth0-m2m-client-grant-types",
        ]);
        for (const policy of policies) expect(policy.validateStack, policy.name).toBeTypeOf("function");
    });

    it("uses the @pulumi/auth0 type tokens", async () => {
        const auth0 = await import("@pulumi/auth0");
        const sdk = {
            resourceServer: auth0.ResourceServer,
            resourceServerScopes: auth0.ResourceServerScopes,
            resourceServerScope: auth0.ResourceServerScope,
            clientGrant: auth0.ClientGrant,
            client: auth0.Client,
            clientCredentials: auth0.ClientCredentials,
        };
        for (const [key, resourceClass] of Object.entries(sdk)) {
            expect(AUTH0_TYPES[key as keyof typeof AUTH0_TYPES]).toBe((resourceClass as unknown as { __pulumiType: string }).__pulumiType);
        }
    });

    it("documents every policy, with its default level, and the deny-list as the guardrails define it", () => {
        const readme = fs.readFileSync(path.join(__dirname, "../../policy-pack/README.md"), "utf8");
        for (const policy of policies) {
            expect(readme, policy.name).toMatch(new RegExp(`^\\| <a name="${policy.name}"></a>\`${policy.name}\` \\| ${policy.enforcementLevel}`, "m"));
        }
        // A mandatory rule's "Why" cell says why its finding is certain.
        for (const policy of policies.filter((p) => p.enforcementLevel === "mandatory")) {
            const row = readme.split("\n").find((line) => line.startsWith(`| <a name="${policy.name}">`))!;
            expect(row.split(" | ")[3], policy.name).toMatch(/Certain: /);
        }
        // The scope table: scope, tier, reason, source, as scopeRisks.ts defines them.
        const documented = [...readme.matchAll(/^\| `([a-z_]+:[a-z_]+)` \| (takes over the tenant|sensitive) \| (.+) \| (.+) \|$/gm)];
        const tiers = { "takes over the tenant": "takeover", sensitive: "sensitive" } as const;
        expect(Object.fromEntries(documented.map((m) => [m[1], { tier: tiers[m[2] as keyof typeof tiers], reason: m[3] }]))).toEqual(
            Object.fromEntries(Object.entries(MANAGEMENT_API_SCOPE_RISKS).map(([scope, risk]) => [scope, { tier: risk!.tier, reason: risk!.reason }])),
        );
        expect(Object.keys(DEFAULT_ESCALATION_SCOPES).length + Object.keys(DEFAULT_SENSITIVE_SCOPES).length).toBe(documented.length);
    });

    it("uses @pulumi/policy's own UnknownValueError and proxy, which the server checks with instanceof", async () => {
        const index = (await import("@pulumi/policy")) as unknown as Record<string, unknown>;
        expect(preview.UnknownValueError).toBe(index.UnknownValueError);
        expect(preview.unknownCheckingProxy).toBe(index.unknownCheckingProxy);
    });
});

describe("policy metadata (@pulumi/policy 1.21: severity, tags, url)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../policy-pack/README.md"), "utf8");

    it("gives every policy a severity and tags, and a url into its README row when the README's address is known", () => {
        const docsUrl = "https://example.test/acme/auth0-m2m/blob/v0.1.0/policy-pack/README.md";
        for (const policy of createPolicies({ ...ruleDeps(), docsUrl })) {
            expect(["low", "medium", "high", "critical"], policy.name).toContain(policy.severity);
            expect(policy.tags[0], policy.name).toBe("auth0");
            expect(policy.url).toBe(`${docsUrl}#${policy.name}`);
            expect(readme, `README anchor for ${policy.name}`).toContain(`<a name="${policy.name}"></a>\`${policy.name}\``);
        }
        expect(createPolicies(ruleDeps()).map((p) => p.url)).toEqual(createPolicies(ruleDeps()).map(() => undefined));
        expect(createPolicies(ruleDeps()).find((p) => p.name === "auth0-management-api-no-escalation")!.severity).toBe("critical");
    });
});
