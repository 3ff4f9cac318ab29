// --out, end to end: a report that can't be written is exit 2 with a message naming the file, and
// the plan never replaces a device node or follows a symlink (the rules: test/cli/output.test.ts).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");
const CLEAN = path.join(ROOT, "test", "fixtures", "plan", "clean");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-out-file-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function plan(out: string): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, [BIN, "plan", "--project", CLEAN, "--out", out], { cwd: ROOT }, (error, _stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr });
        });
    });
}

describe.concurrent("auth0-m2m plan --out", () => {
    it("is exit 2 on /dev/full, which stays a device", async () => {
        const run = await plan("/dev/full");
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain("error: Can't write the report to /dev/full: ENOSPC");
        expect(fs.lstatSync("/dev/full").isCharacterDevice()).toBe(true);
    }, 90_000);

    it("is exit 2 on a symlink, which is left as it was, and what it points to unwritten", async () => {
        const victim = path.join(tmp, "victim");
        fs.writeFileSync(victim, "untouched");
        const link = path.join(tmp, "plan.txt");
        fs.symlinkSync(victim, link);
        const run = await plan(link);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(`error: Can't write the report to ${link}: it is a symbolic link`);
        expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
        expect(fs.readFileSync(victim, "utf8")).toBe("untouched");
    }, 90_000);
});
