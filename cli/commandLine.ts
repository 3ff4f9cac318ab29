// The command line's first word picks the command; each command parses the rest with its own
// parser (args.ts for plan, audit/args.ts for audit and adopt) and answers its own --help. Only
// light modules are loaded here, so usage errors and help stay instant.
import { parsePlanCommand, type PlanCommand } from "./args";
import { parseLiveCommand, type LiveCommand } from "./audit/args";
import { parseCommentCommand, type CommentCommand } from "./commentArgs";
import { usageError } from "./errors";

export type ParsedCommand = PlanCommand | LiveCommand | CommentCommand;

const COMMANDS = {
    plan: "Run a Pulumi program offline, judge it with the guardrails, print the access it grants.",
    audit: "Judge a live Auth0 tenant with the same guardrails (read-only); with --stack, its drift.",
    adopt: "Write Pulumi.<stack>.yaml and an import file from a live tenant, so Pulumi adopts it.",
    comment: "Join several stacks' JSON plans into one pull-request comment.",
} as const;

const commandList = Object.entries(COMMANDS).map(([name, summary]) => `  ${name.padEnd(8)} ${summary}`).join("\n");

export const USAGE = `Usage: auth0-m2m <command> [options]

Commands:
${commandList}

Run 'auth0-m2m <command> --help' for a command's options.

Options:
  -h, --help   Show this help.
  --version    Show the version.`;

export function parseCommandLine(argv: readonly string[], cwd: string): ParsedCommand {
    const [first, ...rest] = argv;
    if (first === undefined) throw usageError(`Missing command: one of ${Object.keys(COMMANDS).join(", ")}. Run 'auth0-m2m --help'.`);
    if (first === "--help" || first === "-h") return { command: "help", usage: USAGE };
    if (first === "--version") return { command: "version" };
    if (first === "plan") return parsePlanCommand(rest, cwd);
    if (first === "comment") return parseCommentCommand(rest, cwd);
    if (first === "audit" || first === "adopt") return parseLiveCommand(first, rest, cwd);
    const found = first.startsWith("-") ? `'${first}' before a command` : `unknown command '${first}'`;
    throw usageError(`${found[0].toUpperCase()}${found.slice(1)}; the commands are ${Object.keys(COMMANDS).join(", ")}, and come first. Run 'auth0-m2m --help'.`);
}
