import { describe, expect, it } from "vitest";
import { renderReport, renderReportChunks } from "../../../cli/report/render";
import { markdownMarker, renderMarkdown } from "../../../cli/report/renderMarkdown";
import { renderText } from "../../../cli/report/renderText";
import { formatSeconds, lifetime } from "../../../cli/report/wording";
import { AUTH0_TYPES } from "../../../policy-pack/guardrails";
import { buildReport } from "../../../cli/report/report";
import { SECRET_TEXT } from "../../../cli/values";
import { CLIENT_SECRET_PLAINTEXT, INPUT, resource, SECRET_SCOPE } from "./reportFixtures";

const report = buildReport(INPUT);

describe("renderers", () => {
    it("JSON is the report itself, streamed in pieces that join to JSON.stringify's bytes", () => {
        const json = renderReport(report, "json");
        expect(JSON.parse(json)).toEqual(report);
        expect(json).toBe(`${JSON.stringify(report, null, 2)}\n`);
        const pieces = [...renderReportChunks(report, "json")];
        expect(pieces.length).toBeGreaterThan(report.machines.length + report.grants.length);
        expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(json.length / 4);
    });

    it("text shows the access matrix, lifetimes, lifecycle, deployer scopes, diagnostics and the verdict", () => {
        const text = renderText(report);
        expect(text).toContain("auth0-m2m plan: project proj, stack dev\n");
        expect(text).toContain(
            [
                "  Billing export [tenant-billing-client]: client_secret_post; quota 20/hour, 200/day, enforced",
                "    -> Auth0 Management API (acme.eu.auth0.com)  (tokens 3,600 s (1 h))",
                `         ${SECRET_TEXT}, read:users`,
                "    -> Orders API  https://orders.example  (tokens 900 s (15 min))",
                "         read:orders",
            ].join("\n"),
        );
        expect(text).toContain("  Orders API  https://orders.example\n    token lifetime 900 s (15 min); web 900 s (15 min)\n    access: user deny_all, client require_client_grant, RBAC off; token binding: mtls, required");
        expect(text).toContain("    access: n/a (system API); token binding: not bound");
        expect(text).toContain("  hidden [hidden]: no credentials resource; no client quota\n    (no grants)");
        expect(text).toContain("  client abc123EXTERNAL (not in this program)\n    -> https://partner.example  https://partner.example  (tokens not managed by this program)");
        expect(text).toContain(`Adopted instead of created (import)\n  ${AUTH0_TYPES.resourceServer} "tenant-management-api-resource-server" <- existing id https://acme.eu.auth0.com/api/v2/`);
        expect(text).toContain("Policy diagnostics (1 mandatory, 2 advisory)\n  MANDATORY  auth0-management-api-known-scopes  ClientGrant \"tenant-billing-grant-management\"");
        expect(text).toContain("Exemptions applied (1)\n  ClientGrant \"external-grant\": auth0-no-wildcard-scopes did not flag external-grant");
        expect(text).toMatch(/\nFAIL: 1 mandatory violation \(2 advisories, 1 exemption applied\)\n$/);
    });

    it("Markdown starts with the marker CI updates its comment by, and names project and stack", () => {
        const markdown = renderMarkdown(report);
        const [marker, heading] = markdown.split("\n");
        expect(marker).toBe("<!-- auth0-m2m-plan:proj/dev -->");
        expect(marker).toBe(markdownMarker(report));
        expect(heading).toBe("## auth0-m2m plan: `proj` / `dev`");
        expect(markdown).toContain(":x: **FAIL: 1 mandatory violation (2 advisories, 1 exemption applied)**");
        expect(markdown).toContain("| Billing export | **Auth0 Management API (acme.eu.auth0.com)** | \\[secret\\] `read:users` | 3,600 s (1 h) |");
        expect(markdown).toContain("| Orders API | `https://orders.example` | 900 s (15 min) | 900 s (15 min) | user deny\\_all, client require\\_client\\_grant, RBAC off | mtls, required | created |");
        expect(markdown).toContain("### Exemptions applied");
    });

    it("Markdown escapes what would break a table or render as formatting", () => {
        const markdown = renderMarkdown(report);
        expect(markdown).toContain('asks for "\\[secret\\]", which \\| is \\*not\\* known.');
    });

    it("Markdown stays within a comment's size, saying what it left out", () => {
        const many = Array.from({ length: 400 }, (_, i) =>
            resource(AUTH0_TYPES.clientGrant, `grant-${String(i).padStart(3, "0")}`, { clientId: `client-${i}`, audience: "https://orders.example", scopes: ["read:orders"] }),
        );
        const big = buildReport({ ...INPUT, resources: [...INPUT.resources, ...many] });
        const markdown = renderMarkdown(big, 8_000);
        expect(markdown.length).toBeLessThan(8_000);
        expect(markdown).toMatch(/_\d+ more rows left out to fit a pull-request comment; run `auth0-m2m plan --format json` for all of them\._/);
        expect(renderMarkdown(big).length).toBeLessThan(65_536);
    });

    it("every format is stable and free of secret plaintexts", () => {
        for (const format of ["text", "markdown", "json"] as const) {
            const rendered = renderReport(report, format);
            expect(renderReport(buildReport(INPUT), format)).toBe(rendered);
            for (const plaintext of [CLIENT_SECRET_PLAINTEXT, SECRET_SCOPE, "Confidential partner"]) expect(rendered).not.toContain(plaintext);
        }
    });

    it("says PASS when nothing is mandatory", () => {
        const passing = buildReport({ ...INPUT, diagnostics: [] });
        expect(renderText(passing)).toMatch(/\nPASS: no mandatory violations \(0 advisories, 0 exemptions applied\)\n$/);
        expect(renderMarkdown(passing)).toContain(":white_check_mark: **PASS: no mandatory violations");
    });
});

describe("formatSeconds", () => {
    it.each([
        [86_400, "86,400 s (1 d)"],
        [604_800, "604,800 s (7 d)"],
        [3_600, "3,600 s (1 h)"],
        [900, "900 s (15 min)"],
        [45, "45 s"],
        [5_401, "5,401 s"],
    ])("%i", (seconds, expected) => expect(formatSeconds(seconds)).toBe(expected));
    it("says an adopted API's unset lifetime can't be verified, since it keeps the tenant's value", () => {
        const adopted = { ...report.apis[1], adopted: true, tokenLifetime: null };
        expect(lifetime(adopted, "tokenLifetime")).toBe("unset: keeps the tenant's current value (can't verify)");
        expect(lifetime({ ...adopted, adopted: false }, "tokenLifetime")).toBe("unset (Auth0 default 86,400 s (1 d))");
    });
});
