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
const lines = summaryLines({ domain: "localhost:8443", version: "0.1.0", importFile: "import.dev.json", model, proposals: [], findings: [] });

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
});
