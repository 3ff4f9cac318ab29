// Cache entries are checked against their key before use (cli/bin/safe-files.js): an entry that was
// edited, cut short or copied from another key is a miss, so the plan recompiles instead of running it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { safeFiles } from "../../../cli/binModules";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-safe-files-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("cache entries", () => {
    it("read back what was written under the same key", () => {
        const file = path.join(tmp, "a", "entry.js");
        expect(safeFiles.writeCacheEntry(file, "key-a", "module.exports = 1;\n")).toBe(true);
        expect(safeFiles.readCacheEntry(file, "key-a")).toBe("module.exports = 1;\n");
        expect(fs.readdirSync(path.dirname(file))).toEqual(["entry.js"]);
    });

    it("are misses when edited, cut short, unsigned, missing or read under another key", () => {
        const file = path.join(tmp, "b.js");
        safeFiles.writeCacheEntry(file, "key-b", "const allow = false;\n");
        const signed = fs.readFileSync(file, "utf8");
        expect(safeFiles.readCacheEntry(file, "key-other")).toBeUndefined();
        fs.writeFileSync(file, signed.replace("false", "true"));
        expect(safeFiles.readCacheEntry(file, "key-b")).toBeUndefined();
        fs.writeFileSync(file, signed.slice(0, -5));
        expect(safeFiles.readCacheEntry(file, "key-b")).toBeUndefined();
        fs.writeFileSync(file, "const allow = false;\n");
        expect(safeFiles.readCacheEntry(file, "key-b")).toBeUndefined();
        expect(safeFiles.readCacheEntry(path.join(tmp, "none.js"), "key-b")).toBeUndefined();
    });
});
