// Writing what the command prints: to standard output, flushed before the exit code is returned,
// or to the --out file. A regular file (or a new one) is replaced whole, so a reader never sees
// half a report; a FIFO or a character device (a named pipe to another tool, /dev/null) is written
// through and never replaced; anything else (a symlink, a directory, a socket) is refused.
import * as fs from "node:fs";
import * as path from "node:path";
import { safeFiles } from "./binModules";
import { configError } from "./errors";

/** A reader that went away (`| head`) is not an error; anything else still is. */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
    if (error.code !== "EPIPE") throw error;
}

/** Writes and waits until it is flushed (or the reader has gone). */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
    // The error event comes a tick after the write's callback, so the listener has to stay.
    if (!stream.listeners("error").includes(ignoreClosedPipe)) stream.on("error", ignoreClosedPipe);
    return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** Pieces are gathered up to this size before each write: few system calls, little memory. */
const WRITE_BATCH_CHARS = 1 << 20;

/** The pieces joined into strings of about WRITE_BATCH_CHARS. */
function* batches(text: string | Iterable<string>): Generator<string> {
    let batch: string[] = [];
    let size = 0;
    for (const piece of typeof text === "string" ? [text] : text) {
        batch.push(piece);
        size += piece.length;
        if (size >= WRITE_BATCH_CHARS) {
            yield batch.join("");
            batch = [];
            size = 0;
        }
    }
    if (batch.length > 0) yield batch.join("");
}

/** What --out may be, from lstat (a symlink is itself, never what it points to). */
function describeTarget(file: string): "absent" | "file" | "stream" | string {
    let stat: fs.Stats;
    try {
        stat = fs.lstatSync(file);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return "absent";
        throw error;
    }
    if (stat.isFile()) return "file";
    if (stat.isFIFO() || stat.isCharacterDevice()) return "stream";
    if (stat.isSymbolicLink()) return "a symbolic link (give the path it points to, if that is where the report should go)";
    if (stat.isDirectory()) return "a directory";
    return "not a regular file, a FIFO or a character device";
}

/** Writes through to a FIFO or device; O_NOFOLLOW, so a symlink swapped in since the check is refused. */
async function writeThrough(file: string, text: string | Iterable<string>): Promise<void> {
    // Async open: a FIFO blocks until it has a reader, and the plan's own work must not wait on it.
    const handle = await fs.promises.open(file, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
    try {
        const stat = await handle.stat();
        if (!stat.isFIFO() && !stat.isCharacterDevice()) throw new Error("it changed while the plan ran (it is no longer a FIFO or a device)");
        for (const batch of batches(text)) await handle.write(batch);
    } finally {
        await handle.close();
    }
}

/** What `file` is, refused (thrown) unless --out may write it: a regular file, a new one, a FIFO or a device. */
function writableTarget(file: string): "absent" | "file" | "stream" {
    const target = describeTarget(file);
    if (target !== "absent" && target !== "file" && target !== "stream") throw new Error(`it is ${target}; --out writes only a regular file, a FIFO or a device`);
    return target;
}

function reportFileError(file: string, error: unknown): Error {
    return configError(`Can't write the report to ${file}: ${(error as Error).message}. Check --out.`);
}

/**
 * Refuses an --out the report could never be written to (a symlink, a directory, a folder that
 * doesn't exist) before anything is planned, so a long plan isn't spent on a report that can't be
 * kept. Writing checks again: the path may change while the plan runs.
 */
export function checkReportFile(file: string): void {
    try {
        if (writableTarget(file) !== "absent") return;
        const folder = path.dirname(file);
        if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`its folder ${folder} does not exist`);
    } catch (error) {
        throw reportFileError(file, error);
    }
}

/** Writes the report to `file` (see the top of this file); any failure is a config error (exit 2) naming the file. */
export async function writeReportFile(file: string, text: string | Iterable<string>): Promise<void> {
    try {
        const target = writableTarget(file);
        if (target === "stream") return await writeThrough(file, text);
        // Keep an existing report's permissions; a new one gets the usual 0666 minus the umask.
        const mode = target === "file" ? fs.statSync(file).mode & 0o777 : 0o666;
        safeFiles.replaceFile(file, batches(text), mode);
    } catch (error) {
        throw reportFileError(file, error);
    }
}

/**
 * Where the report goes: the --out file, or standard output. Given in pieces (a streamed JSON
 * report), it is written a batch at a time, each flushed before the next is made.
 */
export async function writeReport(text: string | Iterable<string>, outFile: string | undefined): Promise<void> {
    if (outFile) return writeReportFile(outFile, text);
    for (const batch of batches(text)) await write(process.stdout, batch);
}
