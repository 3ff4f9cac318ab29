import { describe, expect, it } from "vitest";
import { buildAuditReport } from "../../../cli/audit/auditReport";
import { toResources } from "../../../cli/audit/liveResources";
import { renderAudit } from "../../../cli/audit/renderAudit";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { generatedTenant } from "../../support/fakeTenant/tenantData";

const DOMAIN = "localhost:8443";
const tenant = { ...liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2 })), read: { requests: 5, rateLimited: 1, serverErrors: 1, waitedMs: 1234 } };
const live = toResources(tenant);
const pack = { name: "auth0-m2m-guardrails", version: "0.1.0", supportsConfig: true, policies: [], initialConfig: {} };
const report = buildAuditReport({ tool: { name: "auth0-m2m", version: "0.1.0" }, tenant, live, pack, diagnostics: [] });

describe("renderAudit", () => {
    it("reports the access matrix, Auth0's own objects and how long rate limits made it wait, in each format", () => {
        expect(report.verdict).toBe("pass");
        expect(report.summary).toMatchObject({ applications: 2, grants: 2, system: 1, mandatory: 0 });
        const text = renderAudit(report, "text");
        expect(text).toMatch(/1 rate-limit answer \(429\) .* waited 1\.2 s in total/);
        expect(text).toContain("orders-worker-0 → https://orders.fake-tenant.example/: read:orders");
        expect(renderAudit(report, "markdown")).toContain(`## auth0-m2m audit: \`${DOMAIN}\``);
        expect(JSON.parse(renderAudit(report, "json"))).toMatchObject({ kind: "audit", tenant: DOMAIN, read: { rateLimited: 1, serverErrors: 1, waitedMs: 1234 } });
    });
});
