// `auth0-m2m`: the command line. Parsing and help load nothing heavy, so usage errors are instant;
// the plan itself (plan.ts) is loaded only when there is one to run.
import { parseCommandLine, USAGE } from "./args";
import { EXIT_OK } from "./errors";
import { findPackage, reportFailure, write } from "./output";

/** Runs the command line; resolves to the exit code once all output is written. */
export async function main(argv: readonly string[]): Promise<number> {
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
