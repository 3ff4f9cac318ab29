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

export function writeFileAtomically(file: string, text: string): void {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, file);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw configError(`Can't write the report to ${file}: ${(error as Error).message}`);
    }
}

/** Where the report goes: the --out file, or standard output. */
export async function writeReport(text: string, outFile: string | undefined): Promise<void> {
    if (outFile) writeFileAtomically(outFile, text);
    else await write(process.stdout, text);
}
