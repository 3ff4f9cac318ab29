"use strict";
// Writing files the plan owns without trusting what already sits in their directory: the report
// (--out) and every cache entry (content-cache.js). Plain JavaScript, because cli/bin/load.js uses
// it before any TypeScript can be loaded.
//
// A file is replaced through a temporary file created exclusively (O_CREAT|O_EXCL, "wx") under a
// random name in the same directory, then renamed over the target. O_EXCL fails on anything that
// exists, a planted symlink included, so the write can't be redirected; rename replaces a
// directory entry and never follows a symlink.
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

module.exports = { replaceFile };
