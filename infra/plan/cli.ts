// `auth0-m2m`: the command line. Parsing and help load nothing heavy, so usage errors are instant;
// the plan itself (plan.ts) is loaded only when there is one to run.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCommandLine, USAGE } from "./args";
import { EXIT_ERROR, EXIT_OK, settleExitCode } from "./errors";
import { reportFailure } from "./failure";
import { write } from "./output";

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

/** Runs the command line; resolves to the exit code once all output is written. */
export async function main(argv: readonly string[]): Promise<number> {
    // Until a verdict is known, ending for any reason (an empty event loop included) is a failure.
    settleExitCode(EXIT_ERROR);
    let command;
    try {
        command = parseCommandLine(argv, process.cwd());
    } catch (error) {
        return reportFailure(error, { verbose: false, format: requestedFormat(argv) });
    }
    if (command.command === "help") {
        await write(process.stdout, `${USAGE}\n`);
        return settleExitCode(EXIT_OK);
    }
    if (command.command === "version") {
        await write(process.stdout, `${findPackage().version}\n`);
        return settleExitCode(EXIT_OK);
    }
    // require, not import(): under `module: nodenext` TypeScript keeps import() as a native ES import.
    const { plan } = require("./plan") as typeof import("./plan");
    return plan(command.options, findPackage());
}

/** The --format asked for on a command line that failed to parse, so a usage error is JSON too. */
function requestedFormat(argv: readonly string[]): "json" | undefined {
    const index = argv.lastIndexOf("--format");
    const json = (index >= 0 && argv[index + 1] === "json") || argv.includes("--format=json");
    return json ? "json" : undefined;
}
