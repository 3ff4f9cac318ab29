// Process-level tests of `auth0-m2m plan`: the real CLI as a child process, fixture Pulumi projects
// and this project's own dev stack. Plans whose subject is the policies use the real pack; the
// others use a pack with no policies, which starts with less work. Every plan runs once, all of
// them in parallel (bounded) before the assertions; formats not run through the CLI are rendered
// from the JSON it printed, which is the very object it renders them from.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../cli/report/renderMarkdown";
import { renderText } from "../../cli/report/renderText";
import type { PlanReport } from "../../cli/report/report";
import { type CliRun, FIXTURES, isRunning, ROOT, runCli } from "./cliProcess";

const EMPTY_PACK = path.join(FIXTURES, "empty-pack");
/** Plans in flight at once; each is a CLI, a program child and a pack server on two cores. */
const CONCURRENCY = 3;

const SECRET_PLAINTEXTS = [
    "plaintext-client-secret-4f9a2c",
    "read:partner-s3cret-*",
    "partner-s3cret",
    "contract-7731-confidential",
    // The made-up ciphertexts of the secure config values are not to be echoed either.
    "Zml4dHVyZS1jaXBoZXJ0ZXh0",
];

let outDir: string;
const plans = {
    violations: () => runCli(["plan", "--format", "json", "--verbose"], path.join(FIXTURES, "violations")),
    clean: () => runCli(["plan", "--project", path.join(FIXTURES, "clean"), "--stack", "dev"], ROOT),
    secrets: () =>
        runCli(["plan", "--format", "json", "--policy-config", "exempt-wildcard.policy.json", "--out", path.join(outDir, "secrets.json")], path.join(FIXTURES, "secrets")),
    thisProject: () => runCli(["plan", "--format", "json"], ROOT),
    policyConfigTypo: () => runCli(["plan", "--policy-pack", EMPTY_PACK, "--policy-config", "typo.policy.json"], path.join(FIXTURES, "clean")),
    throwsInApply: () => runCli(["plan", "--policy-pack", EMPTY_PACK, "--verbose"], path.join(FIXTURES, "throws-in-apply")),
    neverSettles: () => runCli(["plan", "--policy-pack", EMPTY_PACK], path.join(FIXTURES, "never-settles")),
    dataSource: () => runCli(["plan", "--policy-pack", EMPTY_PACK], path.join(FIXTURES, "data-source")),
    esm: () => runCli(["plan", "--policy-pack", EMPTY_PACK, "--format", "json"], path.join(FIXTURES, "esm")),
    unknownFlag: () => runCli(["plan", "--frmat", "json"], ROOT),
    // Port 1 on loopback: a read would fail at once, so exit 2 for the --out proves nothing was read.
    auditOutDirectory: () => runCli(["audit", "--domain", "127.0.0.1:1", "--out", outDir], ROOT, { AUTH0_API_TOKEN: "unused" }),
    missingStack: () => runCli(["plan", "--policy-pack", EMPTY_PACK, "--stack", "no-such-stack"], path.join(FIXTURES, "clean")),
    outDevFull: () => runCli(["plan", "--policy-pack", EMPTY_PACK, "--out", "/dev/full"], path.join(FIXTURES, "clean")),
    outSymlink: () => {
        fs.writeFileSync(path.join(outDir, "victim"), "untouched");
        fs.symlinkSync(path.join(outDir, "victim"), path.join(outDir, "plan.txt"));
        return runCli(["plan", "--verbose", "--policy-pack", EMPTY_PACK, "--out", path.join(outDir, "plan.txt")], path.join(FIXTURES, "clean"));
    },
};
type PlanName = keyof typeof plans;
const results = {} as Record<PlanName, CliRun>;

beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
    const queue = Object.keys(plans) as PlanName[];
    const worker = async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) results[name] = await plans[name]();
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}, 120_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

/** Fails with the run's stderr, so a broken plan explains itself. */
function expectExit(run: CliRun, code: number): void {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: expect.any(String) });
}

describe("a program with guardrail violations", () => {
    it("exits 1 with every violation, as JSON of the documented shape", () => {
        const run = results.violations;
        expectExit(run, 1);
        const report = JSON.parse(run.stdout) as PlanReport;
        expect(report).toMatchObject({ schemaVersion: 2, project: "fixture-violations", stack: "dev", verdict: "fail", policyPack: { name: "auth0-m2m-guardrails" } });
        expect(report.grants).toEqual(
            expect.arrayContaining([
                expect.objectContaining({ machine: "Billing export", audience: "https://orders.acme.example", api: "Orders API", scopes: ["read:*"] }),
                expect.objectContaining({
                    machine: "Billing export",
                    audience: "https://acme-dev.eu.auth0.com/api/v2/",
                    api: "Auth0 Management API (acme-dev.eu.auth0.com)",
                    managementApi: true,
                    scopes: ["create:client_grants", "read:users"],
                }),
            ]),
        );
        expect(report.apis).toEqual(
            expect.arrayContaining([expect.objectContaining({ identifier: "https://orders.acme.example", tokenLifetime: 604_800, tokenLifetimeForWeb: 3_600 })]),
        );
        expect(report.machines).toEqual([expect.objectContaining({ machine: "Billing export", authenticationMethod: "client_secret_post", tokenQuota: { perHour: 20, perDay: 200, enforce: true } })]);
        const mandatory = report.diagnostics.filter((d) => d.level === "mandatory").map((d) => [d.policy, d.resourceName]);
        expect(mandatory).toEqual(
            expect.arrayContaining([
                ["auth0-no-wildcard-scopes", "billing-orders"],
                ["auth0-token-lifetime-limits", "orders-api"],
                ["auth0-management-api-no-escalation", "billing-management"],
            ]),
        );
        for (const d of report.diagnostics) {
            expect(d).toEqual({
                policy: expect.any(String),
                level: expect.stringMatching(/^(mandatory|advisory)$/),
                resource: expect.stringMatching(/^urn:pulumi:dev::fixture-violations::/),
                resourceName: expect.any(String),
                resourceType: expect.any(String),
                message: expect.any(String),
                description: expect.any(String),
            });
        }
        expect(report.summary.mandatory).toBe(mandatory.length);
        expect(report.deployerScopes.map((s) => s.scope)).toEqual(expect.arrayContaining(["create:client_grants", "create:clients"]));
    });

    it("shows the same violations in text and Markdown", () => {
        const report = JSON.parse(results.violations.stdout) as PlanReport;
        const text = renderText(report);
        const markdown = renderMarkdown(report);
        for (const policy of ["auth0-no-wildcard-scopes", "auth0-token-lifetime-limits", "auth0-management-api-no-escalation"]) {
            expect(text).toMatch(new RegExp(`MANDATORY  ${policy}  `));
            expect(markdown).toContain(`| **mandatory** | \`${policy}\` |`);
        }
        expect(text).toContain("FAIL: ");
    });

    it("leaves no program or pack process behind", () => {
        expect(results.violations.pids).toHaveLength(2);
        expect(results.violations.pids.filter(isRunning)).toEqual([]);
    });
});

describe("a program within every guardrail", () => {
    it("exits 0 and prints the access matrix as text", () => {
        const run = results.clean;
        expectExit(run, 0);
        expect(run.stdout).toContain(
            [
                "  Reporting job [reporting]: client_secret_post; quota 10/hour, 100/day, enforced",
                "    -> Orders API  https://orders.acme.example  (tokens 3,600 s (1 h))",
                "         read:orders",
            ].join("\n"),
        );
        expect(run.stdout).toMatch(/\nPASS: no mandatory violations/);
        // Not a terminal and not --verbose: nothing but the report.
        expect(run.stderr).toBe("");
    });
});

describe("secrets", () => {
    /** The report the CLI wrote to --out, and the file's own text. */
    const written = () => {
        const file = fs.readFileSync(path.join(outDir, "secrets.json"), "utf8");
        return { file, report: JSON.parse(file) as PlanReport };
    };

    it("never print a secret's plaintext or ciphertext, in any format", () => {
        const run = results.secrets;
        expectExit(run, 1);
        expect(run.stderr).toBe("");
        const { file, report } = written();
        const outputs = [run.stdout, file, renderText(report), renderMarkdown(report)];
        for (const output of outputs) for (const plaintext of SECRET_PLAINTEXTS) expect(output).not.toContain(plaintext);
    });

    it("show as [secret]", () => {
        const { report } = written();
        // The client's name is secret config, so the machine goes by its logical name.
        expect(report.grants).toEqual([expect.objectContaining({ machine: "partner", scopes: "[secret]" })]);
        expect(renderText(report)).toContain("  partner [partner]: client_secret_post; quota 10/hour, enforced\n    -> Orders API  https://orders.acme.example  (tokens 3,600 s (1 h))\n         [secret]\n");
    });

    it("stay scrubbed where a policy quotes one back, in findings and exemptions applied, written to --out", () => {
        expect(results.secrets.stdout).toBe("");
        const markdown = renderMarkdown(written().report);
        expect(markdown.split("\n")[0]).toBe("<!-- auth0-m2m-plan:fixture-secrets/dev -->");
        expect(markdown).toContain("## auth0-m2m plan: `fixture-secrets` / `dev`");
        expect(markdown).toContain('| **mandatory** | `auth0-grant-scopes-defined-on-api` | ClientGrant "partner-orders" | ClientGrant "partner-orders" asks API "https://orders.acme.example" (ResourceServer "orders-api") for scope "\\[secret\\]"');
        expect(markdown).toMatch(
            /### Exemptions applied\n\n\| Resource \| What was suppressed, and why \|\n\| --- \| --- \|\n\| ClientGrant "partner-orders" \| auth0-no-wildcard-scopes did not flag .* asks for scope "\\\[secret\\\]"/,
        );
        expect(markdown).not.toContain("| **mandatory** | `auth0-no-wildcard-scopes`");
    });
});

describe("this project's dev stack", () => {
    it("plans with exit 0: three machines, the Management API adopted and retained", () => {
        const run = results.thisProject;
        expectExit(run, 0);
        const report = JSON.parse(run.stdout) as PlanReport;
        expect(report.machines.map((m) => m.machine)).toEqual(["Billing export", "Fulfilment worker", "User directory sync"]);
        expect(report.apis[0]).toMatchObject({ label: "Auth0 Management API (acme-dev.eu.auth0.com)", managementApi: true, adopted: true, retained: true, tokenLifetime: 3_600 });
        expect(report.grants.find((g) => g.managementApi)).toMatchObject({ machine: "User directory sync" });
        expect(report.deployerScopes.length).toBeGreaterThan(0);
    });
});

describe("an ES module program", () => {
    it("loads through ts-node's ESM hooks, with its config and its own imports", () => {
        const run = results.esm;
        expectExit(run, 0);
        const report = JSON.parse(run.stdout) as PlanReport;
        expect(report.apis).toEqual([expect.objectContaining({ identifier: "https://acme-dev.eu.auth0.com/orders", tokenLifetime: 1_800, tokenLifetimeForWeb: 600 })]);
    });
});

describe("programs that fail", () => {
    // A throw at load and a program that never finishes: exitCodes.process.test.ts.
    it("report a throw inside an apply, with the stack trace under --verbose", () => {
        const run = results.throwsInApply;
        expectExit(run, 2);
        expect(run.stderr).toContain("error: the program failed: cannot derive an audience from https://orders.acme.example\n    at index.ts:6:11\n");
        expect(run.stderr).toMatch(/\nError: cannot derive an audience[^\n]*\n\s+at .*throws-in-apply\/index\.ts:6:11/);
        expect(run.pids.filter(isRunning)).toEqual([]);
    });

    it("answer a data source unknown, as a preview answers what it can't know, and list the call in the report", () => {
        const run = results.dataSource;
        expectExit(run, 0);
        expect(run.stdout).toMatch(
            /\nData sources \(answered unknown offline\)\n {2}- auth0:index\/getClient:getClient at index\.ts:5:\d+: its result is unknown offline, so nothing derived from it is verified\n/,
        );
        expect(run.stdout).toContain('ClientGrant "legacy-orders": its clientId is not known offline');
    });

    it("report a program left waiting on promises nothing settles, without waiting for the timeout", () => {
        const run = results.neverSettles;
        expectExit(run, 2);
        // The message is the proof it didn't wait: a timeout says "so it was stopped".
        expect(run.stderr).toMatch(/^error: The program stopped with work unfinished: some promise or output never settled/);
        expect(run.stderr).not.toContain("so it was stopped");
    });
});

describe("bad usage and bad config", () => {
    it("an unknown flag", () => {
        expectExit(results.unknownFlag, 2);
        expect(results.unknownFlag.stderr).toBe("error: Unknown option '--frmat'. Run 'auth0-m2m plan --help' for the options.\n");
    });

    it("a missing stack file plans with empty config, as Pulumi does, and the header says so", () => {
        expectExit(results.missingStack, 0);
        expect(results.missingStack.stdout).toContain("\nStack config: none (no Pulumi.no-such-stack.yaml); planned with empty config, as Pulumi does\n");
    });

    it("a policy config naming a policy the pack lacks, by file and policy", () => {
        const run = results.policyConfigTypo;
        expectExit(run, 2);
        expect(run.stderr).toContain(`error: Invalid config for policy pack empty-pack in ${path.join(FIXTURES, "clean", "typo.policy.json")}:`);
        expect(run.stderr).toContain("  - auth0-no-wildcard-scope: empty-pack has no such policy");
    });
});

// --out end to end (its rules: test/cli/output.test.ts): exit 2 naming the file; never a device replaced or a symlink followed.
describe("a report that can't be written", () => {
    it("is exit 2 on /dev/full, which stays a device", () => {
        expectExit(results.outDevFull, 2);
        expect(results.outDevFull.stderr).toContain("error: Can't write the report to /dev/full: ENOSPC");
        expect(fs.lstatSync("/dev/full").isCharacterDevice()).toBe(true);
    });

    it("is exit 2 on a symlink, before anything is planned; the link is left as it was, and what it points to unwritten", () => {
        const link = path.join(outDir, "plan.txt");
        expectExit(results.outSymlink, 2);
        expect(results.outSymlink.stderr).toContain(`error: Can't write the report to ${link}: it is a symbolic link`);
        // --verbose names the program's and the pack's processes as they start: none did.
        expect(results.outSymlink.pids).toEqual([]);
        expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
        expect(fs.readFileSync(path.join(outDir, "victim"), "utf8")).toBe("untouched");
    });

    it("is refused by audit too, before the tenant is read", () => {
        expectExit(results.auditOutDirectory, 2);
        expect(results.auditOutDirectory.stderr).toBe(`error: Can't write the report to ${outDir}: it is a directory; --out writes only a regular file, a FIFO or a device. Check --out.\n`);
    });
});
