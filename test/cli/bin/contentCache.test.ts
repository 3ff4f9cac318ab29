// The one content-addressed cache (cli/bin/content-cache.js) behind the CLI's own compiled modules,
// the program's ts-node output and the pack's compiled copy: hits, misses, entries that fail their
// check, writers racing on one key, and the bound on what it keeps.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { binModulePath, contentCache } from "../../../cli/binModules";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-content-cache-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const open = (name: string, keep = 10, version = "v1") => contentCache.openContentCache(path.join(tmp, name), { version, keep });

/** Sets an entry's last use `minutesAgo` minutes back. */
const age = (file: string, minutesAgo: number) => {
    const when = new Date(Date.now() - minutesAgo * 60_000);
    fs.utimesSync(file, when, when);
};

describe("keys", () => {
    it("depend on the version and on every part, strings and bytes alike", () => {
        const cache = open("keys");
        expect(cache.key("a", "b")).toBe(open("keys").key("a", "b"));
        expect(cache.key("a", "b")).toBe(cache.key("a", Buffer.from("b")));
        expect(cache.key("a", "b")).not.toBe(cache.key("ab"));
        expect(cache.key("a", "b")).not.toBe(open("keys", 10, "v2").key("a", "b"));
    });
});

describe("text entries", () => {
    it("are made on a miss, then read back without making them again", () => {
        const cache = open("text");
        let made = 0;
        const make = () => `module.exports = ${++made};\n`;
        const key = cache.key("source");
        expect(cache.text(key, make)).toBe("module.exports = 1;\n");
        expect(cache.text(key, make)).toBe("module.exports = 1;\n");
        expect(made).toBe(1);
        expect(cache.text(cache.key("other source"), make)).toBe("module.exports = 2;\n");
        expect(fs.readdirSync(cache.dir).sort()).toEqual([`${cache.key("other source")}.js`, `${key}.js`].sort());
    });

    it("store nothing when making them throws", () => {
        const cache = open("text-throws");
        expect(() => cache.text(cache.key("bad"), () => { throw new Error("compile error"); })).toThrow("compile error");
        expect(fs.existsSync(cache.dir) ? fs.readdirSync(cache.dir) : []).toEqual([]);
    });

    it("are misses, made again and rewritten, when edited, cut short, unsigned or copied from another key", () => {
        const cache = open("text-poisoned");
        const key = cache.key("rule");
        const file = path.join(cache.dir, `${key}.js`);
        cache.text(key, () => "const allow = false;\n");
        const signed = fs.readFileSync(file, "utf8");
        const other = cache.key("another rule");
        cache.text(other, () => "const allow = true;\n");
        for (const poisoned of [signed.replace("false", "true"), signed.slice(0, -5), "const allow = true;\n", fs.readFileSync(path.join(cache.dir, `${other}.js`), "utf8")]) {
            fs.writeFileSync(file, poisoned);
            expect(cache.text(key, () => "const allow = false;\n")).toBe("const allow = false;\n");
            expect(fs.readFileSync(file, "utf8")).toBe(signed);
        }
        expect(contentCache.readCacheEntry(file, other)).toBeUndefined();
        expect(contentCache.readCacheEntry(path.join(cache.dir, "none.js"), key)).toBeUndefined();
    });

    it("keep the most recently used within the bound, and clear what a dead writer left half-written", () => {
        const cache = open("text-prune", 3);
        const keys = ["a", "b", "c"].map((name, i) => {
            const key = cache.key(name);
            cache.text(key, () => name);
            age(path.join(cache.dir, `${key}.js`), 30 - i);
            return key;
        });
        // A hit counts as a use: "a" is now the newest.
        cache.text(keys[0], () => "unused");
        const staleTemp = path.join(cache.dir, ".x.js.0123.tmp");
        const freshTemp = path.join(cache.dir, ".y.js.4567.tmp");
        fs.writeFileSync(staleTemp, "half");
        fs.writeFileSync(freshTemp, "half");
        age(staleTemp, 60);
        const d = cache.key("d");
        cache.text(d, () => "d");
        expect(fs.readdirSync(cache.dir).sort()).toEqual([`${keys[0]}.js`, `${keys[2]}.js`, `${d}.js`, path.basename(freshTemp)].sort());
    });

    it("stay whole while writers in several threads race to write, read and prune the same keys", async () => {
        const dir = path.join(tmp, "text-race");
        const script = `
            const { workerData } = require("node:worker_threads");
            const { openContentCache } = require(workerData.module);
            // Fewer entries kept than keys used: entries are pruned and rewritten all along.
            const cache = openContentCache(workerData.dir, { version: "v1", keep: 4 });
            for (let round = 0; round < 40; round++) {
                const key = cache.key(String(round % 8));
                const text = cache.text(key, () => "x".repeat(20_000) + (round % 8));
                if (text !== "x".repeat(20_000) + (round % 8)) throw new Error("read a torn entry");
            }`;
        const run = () =>
            new Promise<void>((resolve, reject) => {
                const worker = new Worker(script, { eval: true, workerData: { module: binModulePath("content-cache.js"), dir } });
                worker.once("error", reject);
                worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
            });
        await Promise.all([run(), run(), run()]);
        const names = fs.readdirSync(dir);
        expect(names.filter((name) => name.endsWith(".tmp"))).toEqual([]);
        const cache = open("text-race");
        const whole = Array.from({ length: 8 }, (_, i) => contentCache.readCacheEntry(path.join(dir, `${cache.key(String(i))}.js`), cache.key(String(i))));
        // Every entry left is one a writer finished (none torn), and pruning kept at least the bound.
        expect(whole.filter((text) => text !== undefined).length).toBe(names.length);
        expect(names.length).toBeGreaterThanOrEqual(1);
        whole.forEach((text, i) => text !== undefined && expect(text).toBe("x".repeat(20_000) + i));
    });
});

describe("directory entries", () => {
    const build = (value: string) => (staging: string) => fs.writeFileSync(path.join(staging, "rule.js"), value);

    it("are built once, sealed, and rebuilt when a file in them is edited, added or removed", () => {
        const cache = open("dirs");
        const key = cache.key("pack");
        let builds = 0;
        const counted = (staging: string) => {
            builds++;
            build("allow = false")(staging);
        };
        const entry = cache.directory(key, counted);
        expect(cache.directory(key, counted)).toBe(entry);
        expect(builds).toBe(1);
        for (const poison of [
            () => fs.writeFileSync(path.join(entry, "rule.js"), "allow = true"),
            () => fs.writeFileSync(path.join(entry, "extra.js"), ""),
            () => fs.rmSync(path.join(entry, "rule.js")),
        ]) {
            poison();
            expect(contentCache.isSealedDirectory(entry, key)).toBe(false);
            expect(cache.directory(key, counted)).toBe(entry);
            expect(fs.readdirSync(entry).sort()).toEqual([".auth0-m2m-plan-manifest", "rule.js"]);
            expect(fs.readFileSync(path.join(entry, "rule.js"), "utf8")).toBe("allow = false");
        }
        expect(builds).toBe(4);
    });

    it("leave nothing behind when building fails", () => {
        const cache = open("dirs-fail");
        expect(() => cache.directory(cache.key("pack"), () => { throw new Error("type error"); })).toThrow("type error");
        expect(fs.readdirSync(cache.dir)).toEqual([]);
    });

    it("take the entry a concurrent writer finished first", () => {
        const cache = open("dirs-race");
        const key = cache.key("pack");
        // The other writer finishes the same entry while this one is still building it.
        const entry = cache.directory(key, (staging) => {
            open("dirs-race").directory(key, build("theirs"));
            build("ours")(staging);
        });
        expect(fs.readFileSync(path.join(entry, "rule.js"), "utf8")).toBe("theirs");
        expect(contentCache.isSealedDirectory(entry, key)).toBe(true);
        expect(fs.readdirSync(cache.dir)).toEqual([key]);
    });

    it("keep the most recently used within the bound", () => {
        const cache = open("dirs-prune", 2);
        const [a, b] = ["a", "b"].map((name, i) => {
            const entry = cache.directory(cache.key(name), build(name));
            age(entry, 10 - i);
            return entry;
        });
        cache.directory(cache.key("a"), build("a"));
        const c = cache.directory(cache.key("c"), build("c"));
        expect(fs.readdirSync(cache.dir).map((name) => path.join(cache.dir, name)).sort()).toEqual([a, c].sort());
        expect(fs.existsSync(b)).toBe(false);
    });
});
