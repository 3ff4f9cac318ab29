// The plan on programs pinned to different @pulumi/pulumi releases (issues 9 and 16): the oldest
// supported (3.0.0), the 3.100 floor real programs commonly pin, and the newest 3.x when this was
// written, each running the real-world fixture (a JavaScript program with no stack file, a missing
// build output as main, a relative file read, inline scopes, a data source and another provider).
// A 2.x SDK is refused with exit 2 and a message naming its version.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanReport } from "../../cli/report/report";
import { projectWithSdk, testSdk } from "./testSdks";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
const FIXTURE = path.join(ROOT, "test", "fixtures", "plan", "real-world");
const VERSIONS = ["3.0.0", "3.100.0", "3.276.0"] as const;

interface PlanRun {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

function plan(cwd: string, args: readonly string[] = []): Promise<PlanRun> {
    return new Promise((resolve) => {
        execFile(process.execPath, [BIN, "plan", "--format", "json", ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
        });
    });
}

/** The fixture with a stand-in 2.x SDK: only its version is read before the plan refuses, so a package.json will do. */
function projectWithSdk2(dir: string): string {
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const sdk = path.join(dir, "node_modules", "@pulumi", "pulumi");
    fs.mkdirSync(sdk, { recursive: true });
    fs.writeFileSync(path.join(sdk, "package.json"), JSON.stringify({ name: "@pulumi/pulumi", version: "2.3.0", main: "index.js" }));
    fs.writeFileSync(path.join(sdk, "index.js"), "throw new Error('the plan loaded a 2.x SDK it should have refused');\n");
    return dir;
}

let workDir: string;
const runs = new Map<string, PlanRun>();

beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-sdks-"));
    // One plan at a time, as each starts a pack.
    // All at once: the test process only waits, and the plans' processes share the two cores.
    await Promise.all([
        ...VERSIONS.map(async (version) => runs.set(version, await plan(projectWithSdk(FIXTURE, testSdk(version), path.join(workDir, version))))),
        (async () => runs.set("2.3.0", await plan(projectWithSdk2(path.join(workDir, "v2")))))(),
    ]);
}, 180_000);

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe.each(VERSIONS)("a real-world program on @pulumi/pulumi %s", (version) => {
    const report = () => {
        const run = runs.get(version)!;
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
        return JSON.parse(run.stdout) as PlanReport;
    };

    it("plans with exit 0, every resource captured, the inline scopes read", () => {
        const r = report();
        expect(r.verdict).toBe("pass");
        expect(r.summary.resourcesByType).toEqual({
            "auth0:index/client:Client": 1,
            "auth0:index/clientGrant:ClientGrant": 2,
            "auth0:index/resourceServer:ResourceServer": 1,
            "cloudflare:index/record:Record": 1,
        });
        expect(r.apis.map((a) => [a.identifier, a.scopes])).toEqual([["https://orders.acme.example", ["read:orders", "write:orders"]]]);
    });

    it("says it planned with empty config and ran the project directory instead of the missing main", () => {
        const r = report();
        expect(r.stackConfigFile).toBeNull();
        expect(r.notes).toContainEqual(expect.stringMatching(/package\.json: main is 'bin\/index\.js', which does not exist .*runs the project directory's index instead/));
    });

    it("answers the data source unknown and lists where it was called", () => {
        const r = report();
        expect(r.dataSources).toEqual([{ token: "auth0:index/getClient:getClient", location: expect.stringMatching(/^index\.js:42:\d+$/), count: 1 }]);
        expect(r.grants.find((g) => g.name === "legacy-orders")?.machine).toMatch(/unresolved|unknown/);
    });

    it("counts the other provider's resource as not judged", () => {
        expect(report().notJudged).toEqual([{ type: "cloudflare:index/record:Record", count: 1 }]);
    });
});

describe("a program on @pulumi/pulumi 2.x", () => {
    it("exits 2 naming its SDK version, the oldest supported one, and the fix", () => {
        const run = runs.get("2.3.0")!;
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/@pulumi\/pulumi 2\.3\.0 .*runs programs on @pulumi\/pulumi 3\.0\.0 or later\. Upgrade the program's SDK \(npm install @pulumi\/pulumi@\^3/);
        expect(run.stderr).not.toMatch(/is not a function/);
    });
});
