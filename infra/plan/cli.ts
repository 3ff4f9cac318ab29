// `auth0-m2m`: the command line. Parsing and help load nothing heavy, so usage errors are instant;
// the plan itself (plan.ts) is loaded only when there is one to run.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCommandLine, USAGE } from "./args";
import { EXIT_ERROR, EXIT_OK, PlanError, ProgramError } from "./errors";
import { scrubSecrets } from "./values";

export interface PackageInfo {
    readonly root: string;
    readonly name: string;
    readonly version: string;
}

/** This package's root: the nearest directory above this file whose package.json is auth0-m2m (source or dist/). */
export function findPackage(from = __dirname): PackageInfo {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "auth0-m2m") return { root: dir, name: pkg.name, version: pkg.version ?? "0.0.0" };
        }
        if (path.dirname(dir) === dir) throw new Error(`auth0-m2m's package.json was not found above ${from}`);
    }
}

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

/** Runs the command line; resolves to the exit code once all output is written. */
export async function main(argv: readonly string[]): Promise<number> {
    if (argv[0] === "audit" || argv[0] === "adopt") return liveCommand(argv[0], argv.slice(1));
    let command;
    try {
        command = parseCommandLine(argv, process.cwd());
    } catch (error) {
        return reportFailure(error, false);
    }
    if (command.command === "help") {
        await write(process.stdout, `${USAGE}\n`);
        return EXIT_OK;
    }
    if (command.command === "version") {
        await write(process.stdout, `${findPackage().version}\n`);
        return EXIT_OK;
    }
    // require, not import(): under `module: nodenext` TypeScript keeps import() as a native ES import.
    const { plan } = require("./plan") as typeof import("./plan");
    return plan(command.options, findPackage());
}

/** `audit` and `adopt`: commands on a live tenant (cli/audit, cli/adopt), loaded only when run. */
async function liveCommand(name: "audit" | "adopt", argv: readonly string[]): Promise<number> {
    const { parseLiveCommand } = require("../../cli/audit/args") as typeof import("../../cli/audit/args");
    let command;
    try {
        command = parseLiveCommand(name, argv, process.cwd());
    } catch (error) {
        return reportFailure(error, false);
    }
    if (command.command === "help") {
        await write(process.stdout, `${command.usage}\n`);
        return EXIT_OK;
    }
    if (command.command === "audit") return (require("../../cli/audit/audit") as typeof import("../../cli/audit/audit")).audit(command.options, findPackage());
    return (require("../../cli/adopt/adopt") as typeof import("../../cli/adopt/adopt")).adopt(command.options, findPackage());
}

/** One clear message on stderr; the stack trace only with --verbose. Returns the exit code. */
export function reportFailure(error: unknown, verbose: boolean, secrets: ReadonlySet<string> = new Set()): number {
    const lines: string[] = [];
    if (error instanceof ProgramError) {
        lines.push(error.failure?.kind === "threw" ? `error: the program failed: ${error.message}` : `error: ${error.message}`);
        if (error.failure?.location) lines.push(`    at ${error.failure.location}`);
        if (verbose && error.detail) lines.push("", error.detail);
    } else if (PlanError.isInstance(error)) {
        lines.push(`error: ${error.message}`);
        if (verbose && error.detail) lines.push("", error.detail);
    } else if (error instanceof Error && error.name === "PolicyPackError") {
        // The analyzer client's errors; "config" ones name the policy config path themselves.
        const kind = (error as Error & { kind?: string }).kind;
        lines.push(kind === "config" ? `error: ${error.message}` : `error: the policy pack failed: ${error.message}`);
        if (verbose && error.stack) lines.push("", error.stack);
    } else {
        const message = error instanceof Error ? error.message : String(error);
        lines.push(`error: auth0-m2m plan failed unexpectedly: ${message}`);
        if (verbose && error instanceof Error && error.stack) lines.push("", error.stack);
        else lines.push("(run with --verbose for the stack trace)");
    }
    process.stderr.write(`${scrubSecrets(lines.join("\n"), secrets)}\n`);
    return EXIT_ERROR;
}
