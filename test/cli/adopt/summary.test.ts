import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { configText } from "../../../cli/adopt/adoptFiles";
import { buildAdoptModel } from "../../../cli/adopt/adoptModel";
import { summaryLines } from "../../../cli/adopt/summary";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { GENERATED_API, generatedTenant } from "../../support/fakeTenant/tenantData";

// An open API, named to try to break out of its comment line into config.
const tenant = liveTenantOf("localhost:8443", (d) => {
    const data = generatedTenant(d, { clients: 1 });
    const open = { subject_type_authorization: { user: { policy: "allow_all" }, client: { policy: "require_client_grant" } }, name: "Orders\nauth0:domain: evil.example" };
    return { ...data, resourceServers: data.resourceServers.map((s) => (s.identifier === GENERATED_API ? { ...s, ...open } : s)) };
});
const model = buildAdoptModel(tenant, "fake-tenant.eu.auth0.com");
const lines = summaryLines({ domain: "localhost:8443", version: "0.1.0", importFile: "import.dev.json", model, proposals: [], findings: [], policies: [] });

describe("the adoption summary", () => {
    it("lists each object left out, by name and id, with why and the fix", () => {
        const text = lines.join("\n");
        expect(text).toContain(`Not adopted: api "Orders\nauth0:domain: evil.example" (genOrdersApi000000000000): its user access is "allow_all" live`);
        expect(text).toMatch(/\n {2}fix: if applications need user tokens for it, set its user access to "require_client_grant"/);
        expect(text).toContain(`Not adopted: grant "orders-worker-0 → ${GENERATED_API}" (cgr_gen000000000): its API is not adopted`);
    });

    it("is written as comments the stack file can't be broken out of", () => {
        const written = configText(model, lines);
        expect(written).toContain("# Not adopted: api \"Orders\n# auth0:domain: evil.example\" (genOrdersApi000000000000)");
        expect(written).toMatch(/^# {3}fix: /m);
        expect(parse(written)).toEqual({ config: model.config });
        expect((parse(written) as { config: Record<string, unknown> }).config["auth0:domain"]).toBe("fake-tenant.eu.auth0.com");
    });

    it("gives each finding the exemption its policy's config schema asks for: scopes for a scope rule, the reason's length", () => {
        const exemptions = (withScopes: boolean) => ({
            exemptions: { items: { properties: { resource: {}, reason: { minLength: 20 }, expires: {}, ...(withScopes ? { scopes: {} } : {}) } } },
        });
        const policies = [
            { name: "auth0-no-wildcard-scopes", description: "", enforcementLevel: "mandatory" as const, policyType: "resource" as const, configSchema: { properties: exemptions(true), required: [] } },
            { name: "auth0-token-lifetime-limits", description: "", enforcementLevel: "mandatory" as const, policyType: "resource" as const, configSchema: { properties: exemptions(false), required: [] } },
        ];
        const machine = model.imports.find((i) => i.type === "auth0:index/client:Client")!;
        const object = { kind: "application" as const, id: machine.id!, name: "orders-worker-0" };
        const finding = (policy: string) => ({ policy, level: "mandatory" as const, object, message: "a finding", fix: "" });
        const text = summaryLines({ domain: "localhost:8443", version: "0.1.0", importFile: "i.json", model, proposals: [], policies, findings: [finding("auth0-no-wildcard-scopes"), finding("auth0-token-lifetime-limits")] }).join("\n");
        expect(text).toContain(`{ "auth0-no-wildcard-scopes": { "exemptions": [{ "resource": "${model.names.get(machine.id!)}", "scopes": [<the scopes named above>], "reason": <why, 20+ characters>, "expires": <YYYY-MM-DD> }] } }`);
        expect(text).toContain(`{ "auth0-token-lifetime-limits": { "exemptions": [{ "resource": "${model.names.get(machine.id!)}", "reason": <why, 20+ characters>, "expires": <YYYY-MM-DD> }] } }`);
    });
});
