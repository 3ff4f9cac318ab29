// `auth0-m2m`: the command line. Parsing and help load nothing heavy, so usage errors are instant;
// a command (plan.ts, audit/audit.ts, adopt/adopt.ts) is loaded only when there is one to run.
import { parseCommandLine } from "./commandLine";
import { EXIT_ERROR, EXIT_OK, settleExitCode } from "./errors";
import { reportFailure } from "./failure";
import { write } from "./output";
import { findPackage } from "./packageInfo";

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
        await write(process.stdout, `${command.usage}\n`);
        return settleExitCode(EXIT_OK);
    }
    if (command.command === "version") {
        await write(process.stdout, `${findPackage().version}\n`);
        return settleExitCode(EXIT_OK);
    }
    // Each command is loaded only when it runs. require, not import(): under `module: nodenext`
    // TypeScript keeps import() as a native ES import.
    if (command.command === "audit") return (require("./audit/audit") as typeof import("./audit/audit")).audit(command.options, findPackage());
    if (command.command === "adopt") return (require("./adopt/adopt") as typeof import("./adopt/adopt")).adopt(command.options, findPackage());
    if (command.command === "comment") return (require("./comment") as typeof import("./comment")).comment(command.options);
    return (require("./plan") as typeof import("./plan")).plan(command.options, findPackage());
}

/** The --format asked for on a command line that failed to parse, so a usage error is JSON too. */
function requestedFormat(argv: readonly string[]): "json" | undefined {
    const index = argv.lastIndexOf("--format");
    const json = (index >= 0 && argv[index + 1] === "json") || argv.includes("--format=json");
    return json ? "json" : undefined;
}
