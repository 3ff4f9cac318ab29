import { describe, expect, it } from "vitest";
import { buildAuditReport, liveModel, type AuditReport } from "../../../cli/audit/auditReport";
import { toResources } from "../../../cli/audit/liveResources";
import type { LiveTenant } from "../../../cli/audit/liveTenant";
import { renderAudit, renderAuditChunks } from "../../../cli/audit/renderAudit";
import { renderAuditMarkdown } from "../../../cli/audit/renderAuditMarkdown";
import { MARKDOWN_BUDGET } from "../../../cli/report/renderMarkdown";
import { liveTenantOf } from "../../support/fakeTenant/liveTenant";
import { generatedTenant } from "../../support/fakeTenant/tenantData";

const DOMAIN = "localhost:8443";
const pack = { name: "auth0-m2m-guardrails", version: "0.1.0", supportsConfig: true, policies: [], initialConfig: {} };

function reportOf(tenant: LiveTenant): AuditReport {
    const input = { tool: { name: "auth0-m2m", version: "0.1.0" }, tenant, live: toResources(tenant), pack, diagnostics: [] };
    return buildAuditReport({ ...input, model: liveModel(input) });
}

/** A generated tenant whose applications are named by `name(i)`. */
const named = (clients: number, name: (i: number) => string) =>
    liveTenantOf(DOMAIN, (d) => {
        const data = generatedTenant(d, { clients });
        return { ...data, clients: data.clients.map((c, i) => (i === 0 ? c : { ...c, name: name(i - 1) })) };
    });

describe("renderAudit", () => {
    const report = reportOf({ ...liveTenantOf(DOMAIN, (d) => generatedTenant(d, { clients: 2 })), read: { requests: 5, rateLimited: 1, serverErrors: 1, waitedMs: 1234 } });

    it("reports the access matrix, Auth0's own objects and how long rate limits made it wait, in each format", () => {
        expect(report.verdict).toBe("pass");
        expect(report.summary).toMatchObject({ applications: 2, grants: 2, system: 1, mandatory: 0 });
        const text = renderAudit(report, "text");
        expect(text).toMatch(/1 rate-limit answer \(429\) .* waited 1\.2 s in total/);
        expect(text).toContain("orders-worker-0 → https://orders.fake-tenant.example/: read:orders");
        expect(renderAudit(report, "markdown")).toContain(`## auth0-m2m audit: \`${DOMAIN}\``);
        expect(JSON.parse(renderAudit(report, "json"))).toMatchObject({ kind: "audit", tenant: DOMAIN, read: { rateLimited: 1, serverErrors: 1, waitedMs: 1234 } });
    });

    it("streams the JSON in pieces, the same bytes as one JSON.stringify", () => {
        const chunks = [...renderAuditChunks(report, "json")];
        expect(chunks.length).toBeGreaterThan(10);
        expect(chunks.join("")).toBe(`${JSON.stringify(report, null, 2)}\n`);
    });
});

describe("renderAuditMarkdown", () => {
    it("escapes live names: no HTML, no broken table", () => {
        const md = renderAuditMarkdown(reportOf(named(2, (i) => (i === 0 ? "<img src=x onerror=alert(1)>" : "a|b *c*"))));
        expect(md).not.toContain("<img");
        expect(md).toContain("| &lt;img src=x onerror=alert(1)&gt; | `https://orders.fake-tenant.example/` | `read:orders` |");
        expect(md).toContain("| a\\|b \\*c\\* |");
        // Every access row keeps its three cells.
        for (const row of md.split("\n").filter((l) => l.includes("orders.fake-tenant.example"))) expect(row.split(/(?<!\\)\|/).length).toBe(5);
    });

    it("stays within the comment budget, counting the rows left out", () => {
        const big = reportOf(named(1000, (i) => `application with a rather long name, number ${i}`));
        const md = renderAuditMarkdown(big);
        expect(md.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
        const left = /_(\d+) more grants left out to fit a comment; run `auth0-m2m audit --format json` for all of them\._/.exec(md);
        expect(left).not.toBeNull();
        const shown = md.split("\n").filter((l) => l.startsWith("| application with a rather long name")).length;
        expect(shown + Number(left![1])).toBe(1000);
        // The huge table can't crowd out the small sections after it.
        expect(md).toContain("### Notes");
        expect(md).not.toMatch(/more (notes|objects) left out/);
        expect(renderAuditMarkdown(big, 5_000).length).toBeLessThanOrEqual(5_000);
    });
});
