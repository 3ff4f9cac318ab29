// The fixture pair test/fixtures/plan/diff-raw through the CLI, in all three formats: the base is
// planned once to a JSON report, head once against it with `--base report.json`, and the text and
// Markdown are rendered from head's JSON report (renderers are pure functions of it). A head that
// fails to plan, and a base that failed, are reported as failures, never as "no change".
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readReportBase } from "../../cli/base/reportBase";
import { stackDiff } from "../../cli/diff/stackDiff";
import type { StackDiff } from "../../cli/diff/types";
import { renderReport } from "../../cli/report/render";
import type { PlanReport } from "../../cli/report/types";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
const FIXTURE = path.join(ROOT, "test", "fixtures", "plan", "diff-raw");

interface Run {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

function plan(side: "base" | "head" | "broken", args: string[]): Promise<Run> {
    const config = side === "broken" ? path.join(dir, "Pulumi.broken.yaml") : path.join(FIXTURE, `Pulumi.${side}.yaml`);
    const policyConfig = path.join(FIXTURE, `exemptions.${side === "base" ? "base" : "head"}.json`);
    const argv = [BIN, "plan", "--project", FIXTURE, "--stack", "dev", "--config-file", config, "--policy-config", policyConfig, ...args];
    return new Promise((resolve) => {
        execFile(process.execPath, argv, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }));
    });
}

let dir: string;
let baseFile: string;
let head: PlanReport & { readonly diff: StackDiff };
let broken: Run;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-formats-"));
    baseFile = path.join(dir, "base.json");
    // No fixture:tenant: the program throws at requireObject, so head fails to plan.
    fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config:\n  fixture:other: 1\n");
    // One after the other: two packs starting at once can miss their start deadline on a loaded machine.
    const base = await plan("base", ["--format", "json", "--out", baseFile]);
    expect(base.code, base.stderr).toBe(1);
    const planned = await plan("head", ["--base", baseFile, "--format", "json"]);
    expect(planned.code, planned.stderr).toBe(1);
    head = JSON.parse(planned.stdout) as typeof head;
    broken = await plan("broken", ["--base", baseFile, "--format", "json"]);
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The diff lines of a text rendering, before the full report. */
const textDiff = (report: PlanReport) => renderReport(report, "text").split(`\n${"-".repeat(72)}\n`)[0];
const markdownDiff = (report: PlanReport) => renderReport(report, "markdown").split("<details>")[0];

describe("the diff-raw fixture pair in JSON", () => {
    it("lists every kind of change with its risk, escalation the strongest", () => {
        const { changes, risk, unchanged, newMandatory } = head.diff;
        expect([risk, unchanged, newMandatory]).toEqual(["escalation", false, 1]);
        const c = changes!;
        expect(c.machines.added.map((a) => [a.entry.machine, a.risk])).toEqual([["Billing sync", "widening"]]);
        expect(c.machines.removed.map((m) => m.machine)).toEqual(["Legacy export"]);
        expect(c.machines.changed.flatMap((m) => m.fields.map((f) => [f.field, f.risk]))).toEqual([
            ["authenticationMethod", "narrowing"],
            ["tokenQuota", "widening"],
        ]);
        expect(c.grants.added.map((g) => [g.entry.machine, g.entry.api, g.risk])).toEqual([["Billing sync", "ledger", "widening"]]);
        expect(c.grants.removed.map((g) => [g.machine, g.api])).toEqual([["Legacy export", "ledger"]]);
        const management = c.grants.changed.find((g) => g.after.managementApi)!;
        expect([management.risk, management.scopesAdded]).toEqual([
            "escalation",
            [
                { scope: "create:custom_signing_keys", risk: "escalation" },
                { scope: "update:users", risk: "sensitive" },
            ],
        ]);
        expect(c.grants.changed.find((g) => g.after.api === "orders")!.scopesAdded).toEqual([{ scope: "write:orders", risk: "widening" }]);
        expect(c.apis.changed.flatMap((a) => a.fields.map((f) => [a.after.label, f.field, f.before, f.after, f.risk]))).toEqual([
            ["ledger", "tokenLifetime", "7,200 s (2 h)", "3,600 s (1 h)", "narrowing"],
            ["orders", "tokenLifetime", "3,600 s (1 h)", "86,400 s (1 d)", "widening"],
            ["orders", "accessPolicy.user", "denyAll", "allowAll", "widening"],
        ]);
        expect(c.exemptions.added.map((e) => [e.entry.resource, e.risk])).toEqual([["billing-*", "widening"]]);
        expect(c.exemptions.removed.map((e) => e.resource)).toEqual(["legacy-*"]);
        expect(c.exemptions.changed.flatMap((e) => e.fields.map((f) => [e.after.resource, f.field, f.risk]))).toEqual([
            ["reporting-*", "expires", "widening"],
            ["reporting-*", "reason", "neutral"],
        ]);
        expect(c.exemptions.expiringSoon.map((e) => e.resource)).toEqual(["billing-*"]);
        // The policy config's exemption scopes and scope lists reach the report, which the diff compares and marks by.
        expect(head.exemptions.map((e) => [e.resource, e.scopes])).toEqual([["reporting-*", ["create:custom_signing_keys"]], ["billing-*", ["read:*"]]]);
        expect([head.scopeRisks.escalationLevel, head.scopeRisks.sensitiveLevel, head.scopeRisks.sensitive]).toEqual(["mandatory", "advisory", expect.arrayContaining(["update:users"])]);
        expect(c.deployerScopes.added.map((s) => s.scope)).toEqual(["create:client_credentials", "delete:client_credentials", "update:client_credentials"]);
        expect(c.findings.new.filter((f) => f.level === "mandatory").map((f) => f.policy)).toEqual(["auth0-no-wildcard-scopes"]);
        expect(c.findings.resolved.length).toBeGreaterThan(0);
    });
});

describe("the diff-raw fixture pair in text and Markdown", () => {
    const expectations: [string, RegExp][] = [
        ["an added machine", /WIDENS\W+\+? ?Billing sync \[billing\]/],
        ["a removed machine", /narrows\W+-? ?Legacy export \[legacy\]/],
        ["the authentication method", /Reporting job: authenticationMethod: client_secret_post -> private_key_jwt/],
        ["the token quota", /WIDENS\W+Reporting job: tokenQuota: 10\/hour, 100\/day, enforced -> no client quota/],
        ["an added grant", /WIDENS\W+\+? ?Billing sync -> ledger/],
        ["a removed grant", /narrows\W+-? ?Legacy export -> ledger: read:ledger/],
        ["an escalating grant", /ESCALATION\W+Reporting job -> Auth0 Management API/],
        ["an escalation-list scope", /ESCALATION\W+\+ create:custom_signing_keys/],
        ["a sensitive-list scope", /SENSITIVE\W+\+ update:users/],
        ["a longer lifetime", /WIDENS\W+orders: tokenLifetime: 3,600 s \(1 h\) -> 86,400 s \(1 d\) \(longer\)/],
        ["a shorter lifetime", /narrows\W+ledger: tokenLifetime: 7,200 s \(2 h\) -> 3,600 s \(1 h\) \(shorter\)/],
        ["the access policy", /WIDENS\W+orders: accessPolicy.user: denyAll -> allowAll/],
        ["a new exemption", /WIDENS\W+\+? ?auth0-no-wildcard-scopes exempts billing-\* for read:\* until 2000-01-01/],
        ["a removed exemption", /narrows\W+-? ?auth0-management-api-no-escalation no longer exempts legacy-\*/],
        ["an extended exemption", /WIDENS\W+auth0-management-api-no-escalation \/ reporting-\*: expires: 2030-01-31 -> 2030-06-30/],
        ["an expiring exemption", /! auth0-no-wildcard-scopes \/ billing-\* expires 2000-01-01/],
        ["the deployer's scopes", /ESCALATION\W+\+ create:client_credentials|\+ \[ESCALATION\] create:client_credentials/],
        // billing-*'s exemption has expired, which the exemption audit reports as mandatory.
        ["a new mandatory finding", /WIDENS\W+\+? ?NEW mandatory auth0-no-wildcard-scopes \(the stack\)/],
        // The base's legacy-* exemption accepted nothing, which the audit reported; head removes it.
        ["a resolved finding", /narrows\W+-? ?resolved mandatory auth0-management-api-no-escalation \(the stack\)/],
    ];

    it.each(expectations)("text shows %s", (_, pattern) => {
        expect(textDiff(head)).toMatch(pattern);
    });

    it.each(expectations)("Markdown shows %s", (_, pattern) => {
        expect(markdownDiff(head)).toMatch(pattern);
    });

    it("heads the text with the strongest risk, and the Markdown comment with the diff before the collapsed plan", () => {
        expect(textDiff(head)).toContain("This change ESCALATES access against");
        const markdown = renderReport(head, "markdown");
        expect(markdown).toMatch(/^<!-- auth0-m2m-plan:fixture-diff-raw\/dev -->\n## auth0-m2m access diff/);
        expect(markdown.indexOf(":rotating_light: **This change ESCALATES access")).toBeLessThan(markdown.indexOf("<details>"));
        expect(markdown.trimEnd().endsWith("</details>")).toBe(true);
    });
});

describe("a side that fails to plan", () => {
    it("head failing while the base plans: exit 2, the failure, and how the base fared; never 'no change'", () => {
        expect(broken.code, broken.stderr).toBe(2);
        expect(broken.stderr).toContain(`note: this change fails to plan; at the base ${baseFile} the stack planned.`);
        const document = JSON.parse(broken.stdout) as { error: { kind: string; message: string } };
        expect(document.error.message).toContain("fixture:tenant");
        expect(`${broken.stdout}${broken.stderr}`).not.toMatch(/no access change/i);
    });

    it.each(["text", "markdown", "json"] as const)("base failing while head plans, in %s: the base's failure, no comparison, never 'no change'", (format) => {
        // The failed head's JSON error document is a base that failed to plan.
        const errorFile = path.join(dir, "failed.json");
        fs.writeFileSync(errorFile, broken.stdout);
        const read = readReportBase(errorFile, { stack: "dev" });
        expect(read.status).toBe("failed");
        if (read.status !== "failed") return;
        const diff = stackDiff(head.project, head.stack, { status: "failed", source: errorFile, error: read.error }, { status: "planned", source: "working tree", report: head }, new Date());
        expect([diff.changes, diff.unchanged, diff.risk]).toEqual([null, false, null]);
        // With no trustworthy base, every mandatory finding of head counts as new.
        expect(diff.newMandatory).toBe(head.summary.mandatory);
        const rendered = renderReport({ ...head, diff }, format);
        expect(rendered).not.toMatch(/no access change/i);
        if (format === "json") expect(JSON.parse(rendered).diff.base).toEqual({ status: "failed", source: errorFile, error: read.error });
        else expect(rendered).toContain(`Can't compare: the base FAILED TO PLAN at ${errorFile}`);
    });
});
