"use strict";
// Writing files the plan owns without trusting what already sits in their directory: the report
// (--out) and every cache entry. Plain JavaScript, because cli/bin/load.js uses it before any
// TypeScript can be loaded.
//
// - A file is replaced through a temporary file created exclusively (O_CREAT|O_EXCL, "wx") under
//   a random name in the same directory, then renamed over the target. O_EXCL fails on anything
//   that exists, a planted symlink included, so the write can't be redirected; rename replaces a
//   directory entry and never follows a symlink.
// - A cache entry carries a digest of its key and content, checked on every read: an entry that
//   was edited, truncated or copied from another key is a miss, recompiled and rewritten. A cache
//   directory (the compiled policy pack) carries a manifest: the digest of its key and of every
//   file's content. This catches an edit, not an attacker who can also recompute the digest; one
//   who can write node_modules can change the SDK itself.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/**
 * Replaces `file` with `data` (a string, or pieces written as they come) in one rename; the
 * temporary file is gone whatever happens.
 */
function replaceFile(file, data, mode = 0o666) {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(8).toString("hex")}.tmp`);
    try {
        const fd = fs.openSync(temporary, "wx", mode);
        try {
            for (const piece of typeof data === "string" || Buffer.isBuffer(data) ? [data] : data) fs.writeSync(fd, piece);
        } finally {
            fs.closeSync(fd);
        }
        fs.renameSync(temporary, file);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw error;
    }
}

const DIGEST_PREFIX = "// auth0-m2m-plan cache sha256:";

function digest(key, content) {
    return crypto.createHash("sha256").update(`${key}\0${content}`).digest("hex");
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

const MANIFEST = ".auth0-m2m-plan-manifest";

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
            const what = fs.lstatSync(full).isSymbolicLink()
                ? `-> ${fs.readlinkSync(full)}`
                : crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex");
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

module.exports = { replaceFile, readCacheEntry, writeCacheEntry, sealDirectory, isSealedDirectory };
