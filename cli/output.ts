// Writing what the command prints: to standard output, flushed before the exit code is returned,
// or to the --out file, replaced atomically so a reader never sees half a report.
import * as fs from "node:fs";
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
function* batches(pieces: Iterable<string>): Generator<string> {
    let batch: string[] = [];
    let size = 0;
    for (const piece of pieces) {
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

export function writeFileAtomically(file: string, text: string | Iterable<string>): void {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
        const fd = fs.openSync(temporary, "w");
        try {
            for (const batch of batches(typeof text === "string" ? [text] : text)) fs.writeSync(fd, batch);
        } finally {
            fs.closeSync(fd);
        }
        fs.renameSync(temporary, file);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw configError(`Can't write the report to ${file}: ${(error as Error).message}`);
    }
}

/**
 * Where the report goes: the --out file, or standard output. Given in pieces (a streamed JSON
 * report), it is written a batch at a time, each flushed before the next is made.
 */
export async function writeReport(text: string | Iterable<string>, outFile: string | undefined): Promise<void> {
    if (outFile) return writeFileAtomically(outFile, text);
    for (const batch of batches(typeof text === "string" ? [text] : text)) await write(process.stdout, batch);
}
