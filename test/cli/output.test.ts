// --out: a regular file is replaced whole through an exclusively created, randomly named temporary
// file; a FIFO or device is written through; a symlink or directory is refused; nothing planted
// in the directory redirects the write.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkReportFile, writeReportFile } from "../../cli/output";

let dir: string;
beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-out-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeReportFile", () => {
    it("creates a new file and replaces an existing one, keeping its permissions", async () => {
        const file = path.join(dir, "plan.md");
        await writeReportFile(file, "first");
        fs.chmodSync(file, 0o640);
        await writeReportFile(file, "second");
        expect(fs.readFileSync(file, "utf8")).toBe("second");
        expect(fs.statSync(file).mode & 0o777).toBe(0o640);
        expect(fs.readdirSync(dir)).toEqual(["plan.md"]);
    });

    it("is not redirected by symlinks planted under the temporary names it used to use", async () => {
        const file = path.join(dir, "plan.md");
        const victim = path.join(dir, "victim");
        fs.writeFileSync(victim, "untouched");
        fs.symlinkSync(victim, `${file}.${process.pid}.tmp`);
        fs.symlinkSync(victim, `${file}.tmp`);
        await writeReportFile(file, "report");
        expect(fs.readFileSync(victim, "utf8")).toBe("untouched");
        expect(fs.readFileSync(file, "utf8")).toBe("report");
        expect(fs.lstatSync(file).isFile()).toBe(true);
    });

    it("refuses a symlink as the target, and leaves it and what it points to alone", async () => {
        const victim = path.join(dir, "victim");
        fs.writeFileSync(victim, "untouched");
        const link = path.join(dir, "plan.md");
        fs.symlinkSync(victim, link);
        await expect(writeReportFile(link, "report")).rejects.toThrow(`Can't write the report to ${link}: it is a symbolic link`);
        expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
        expect(fs.readFileSync(victim, "utf8")).toBe("untouched");
    });

    it("refuses a directory", async () => {
        await expect(writeReportFile(dir, "report")).rejects.toThrow(`Can't write the report to ${dir}: it is a directory`);
    });

    it("writes through to a device and never replaces the device node", async () => {
        await writeReportFile("/dev/null", "report");
        expect(fs.lstatSync("/dev/null").isCharacterDevice()).toBe(true);
        await expect(writeReportFile("/dev/full", "report")).rejects.toThrow("Can't write the report to /dev/full: ENOSPC");
        expect(fs.lstatSync("/dev/full").isCharacterDevice()).toBe(true);
    });

    it("writes through to a FIFO, which stays a FIFO", async () => {
        const fifo = path.join(dir, "report.fifo");
        execFileSync("mkfifo", [fifo]);
        const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "inherit"] });
        let read = "";
        reader.stdout.setEncoding("utf8").on("data", (chunk: string) => (read += chunk));
        const closed = new Promise((resolve) => reader.once("close", resolve));
        await writeReportFile(fifo, "report");
        await closed;
        expect(read).toBe("report");
        expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    });
});

// Checked before anything is planned, so a long plan is never spent on a report that can't be kept.
describe("checkReportFile", () => {
    it("accepts a new file in an existing folder, an existing file and a device", () => {
        const existing = path.join(dir, "old.md");
        fs.writeFileSync(existing, "old");
        for (const file of [path.join(dir, "plan.md"), existing, "/dev/null"]) expect(() => checkReportFile(file)).not.toThrow();
    });

    it("refuses a symlink, a directory and a folder that doesn't exist, naming the file", () => {
        const link = path.join(dir, "plan.txt");
        fs.symlinkSync(path.join(dir, "victim"), link);
        expect(() => checkReportFile(link)).toThrow(`Can't write the report to ${link}: it is a symbolic link`);
        expect(() => checkReportFile(dir)).toThrow(`Can't write the report to ${dir}: it is a directory`);
        const orphan = path.join(dir, "missing", "plan.md");
        expect(() => checkReportFile(orphan)).toThrow(`Can't write the report to ${orphan}: its folder ${path.join(dir, "missing")} does not exist. Check --out.`);
        expect(fs.existsSync(path.join(dir, "missing"))).toBe(false);
    });
});
