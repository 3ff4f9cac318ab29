"use strict";
// The one content-addressed cache behind every compiled copy the plan keeps on disk: the CLI's
// own modules (load.js), the user's program as its ts-node compiles it (program/transpileCache.ts)
// and this package's policy pack (analyzer/ownPolicyPack.ts). What each one buys is in
// bench/CHANGES.md. Plain JavaScript, because load.js uses it before any TypeScript can be loaded.
//
// - A key is the sha256 of the cache's version (its format, the compiler's version and options)
//   and of the content it was made from. An entry is a file `<key>.js` or a directory `<key>`.
// - An entry appears whole or not at all: a file is written aside and renamed over its name
//   (safe-files.js); a directory is built in a staging directory and renamed into place. Plans
//   running at once may both build an entry; either result is the same.
// - Every entry carries a digest of its key and its content, checked on every read: an entry that
//   was edited, cut short or copied from another key is a miss, rebuilt and rewritten, never run.
//   This catches an edit, not an attacker who can also recompute the digest; one who can write
//   node_modules can change the SDK itself.
// - After it writes an entry, a cache keeps its `keep` most recently used entries and removes the
//   rest, with what a crashed plan left half-written. A read-only cache only makes the plan slower.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { replaceFile } = require("./safe-files");

const DIGEST_PREFIX = "// auth0-m2m-plan cache sha256:";
const MANIFEST = ".auth0-m2m-plan-manifest";
/** A staging file or directory older than this was left by a plan that died. */
const ABANDONED_MS = 10 * 60_000;

const sha256 = () => crypto.createHash("sha256");

function digest(key, content) {
    return sha256().update(`${key}\0${content}`).digest("hex");
}

/** The content of the cache entry `file` written under `key`, or undefined if it is missing or fails its check. */
function readCacheEntry(file, key) {
    let text;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
    const newline = text.indexOf("\n");
    if (newline < 0 || !text.startsWith(DIGEST_PREFIX)) return undefined;
    const content = text.slice(newline + 1);
    return text.slice(DIGEST_PREFIX.length, newline) === digest(key, content) ? content : undefined;
}

/** Writes a cache entry (see readCacheEntry); a cache that can't be written is no error, only slower. */
function writeCacheEntry(file, key, content) {
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        replaceFile(file, `${DIGEST_PREFIX}${digest(key, content)}\n${content}`);
        return true;
    } catch {
        return false;
    }
}

/** Every file under `dir` but the manifest, relative, sorted; symlinks are listed, not followed. */
function listFiles(dir, prefix = "") {
    const found = [];
    for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
        const relative = path.join(prefix, entry.name);
        if (entry.isDirectory()) found.push(...listFiles(dir, relative));
        else if (relative !== MANIFEST) found.push(relative);
    }
    return found.sort();
}

/** One line per file: its sha256, or the target of a symlink. */
function describeDirectory(dir) {
    return listFiles(dir)
        .map((file) => {
            const full = path.join(dir, file);
            const what = fs.lstatSync(full).isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : sha256().update(fs.readFileSync(full)).digest("hex");
            return `${file}\0${what}`;
        })
        .join("\n");
}

/** Seals a cache directory made under `key` (before it is renamed into place). */
function sealDirectory(dir, key) {
    fs.writeFileSync(path.join(dir, MANIFEST), digest(key, describeDirectory(dir)), { flag: "wx" });
}

/** Whether a cache directory is exactly as sealed under `key`: no file changed, added or removed. */
function isSealedDirectory(dir, key) {
    try {
        return fs.readFileSync(path.join(dir, MANIFEST), "utf8") === digest(key, describeDirectory(dir));
    } catch {
        return false;
    }
}

function touch(file) {
    const now = new Date();
    try {
        fs.utimesSync(file, now, now);
    } catch {
        // A read-only cache is still usable; it just forgets what was used last.
    }
}

const isStaging = (name) => name.startsWith(".") || name.includes(".tmp-");

/**
 * Keeps the `keep` most recently used entries of `dir` (`inUse` among them), and removes staging
 * files and directories older than ABANDONED_MS. Cheap while under the bound: one readdir.
 * Housekeeping: a failure here fails nothing.
 */
function prune(dir, keep, inUse) {
    try {
        const now = Date.now();
        const lastUse = (full) => {
            try {
                return fs.statSync(full).mtimeMs;
            } catch {
                return undefined; // another plan removed it first
            }
        };
        const entries = [];
        for (const name of fs.readdirSync(dir)) {
            const full = path.join(dir, name);
            if (!isStaging(name)) {
                if (full !== inUse) entries.push(full);
                continue;
            }
            const used = lastUse(full);
            if (used !== undefined && now - used > ABANDONED_MS) fs.rmSync(full, { recursive: true, force: true });
        }
        if (entries.length < keep) return;
        const dated = entries.map((full) => ({ full, used: lastUse(full) ?? 0 })).sort((a, b) => b.used - a.used);
        for (const { full } of dated.slice(keep - 1)) fs.rmSync(full, { recursive: true, force: true });
    } catch {
        // Pruning is housekeeping.
    }
}

/**
 * A cache in `dir`. `version` names everything besides the content that decides an entry (the
 * entry format, the compiler's version and options): a new version never reuses an old entry.
 * `keep` bounds the entries kept.
 */
function openContentCache(dir, { version, keep }) {
    const versionDigest = sha256().update(String(version)).digest("hex");
    return {
        dir,
        /** The key of content made of `parts` (strings or Buffers), under this cache's version. */
        key(...parts) {
            const hash = sha256().update(versionDigest);
            for (const part of parts) hash.update("\0").update(part);
            return hash.digest("hex");
        },
        /** The text stored under `key`, else `make()`'s, stored. A `make` that throws stores nothing. */
        text(key, make) {
            const file = path.join(dir, `${key}.js`);
            const cached = readCacheEntry(file, key);
            if (cached !== undefined) {
                touch(file);
                return cached;
            }
            const made = make();
            if (writeCacheEntry(file, key, made)) prune(dir, keep, file);
            return made;
        },
        /**
         * The directory stored under `key`, else one `build(staging)` fills, sealed and renamed into
         * place. Checked file by file before every use: an entry that fails its check is rebuilt.
         */
        directory(key, build) {
            const entry = path.join(dir, key);
            if (isSealedDirectory(entry, key)) {
                touch(entry);
                return entry;
            }
            fs.rmSync(entry, { recursive: true, force: true });
            fs.mkdirSync(dir, { recursive: true });
            const staging = fs.mkdtempSync(`${entry}.tmp-`);
            try {
                build(staging);
                sealDirectory(staging, key);
                try {
                    fs.renameSync(staging, entry);
                } catch (error) {
                    // Another plan finished the same entry first; theirs is as good as ours.
                    if (!isSealedDirectory(entry, key)) throw error;
                    fs.rmSync(staging, { recursive: true, force: true });
                }
            } catch (error) {
                fs.rmSync(staging, { recursive: true, force: true });
                throw error;
            }
            prune(dir, keep, entry);
            return entry;
        },
    };
}

module.exports = { openContentCache, readCacheEntry, isSealedDirectory };
