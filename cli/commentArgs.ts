// Command-line parsing for `auth0-m2m comment` (the arguments after the command). Light: the
// renderers are loaded by comment.ts only when there is something to join.
import * as path from "node:path";
import { parseCommandArgs, type HelpCommand } from "./args";
import { usageError } from "./errors";

export interface CommentOptions {
    /** The `plan --format json` outputs to join, in the order given. */
    readonly reports: readonly string[];
    readonly outFile?: string;
}

export type CommentCommand = HelpCommand | { readonly command: "comment"; readonly options: CommentOptions };

export const COMMENT_USAGE = `Usage: auth0-m2m comment [--out FILE] REPORT.json...

Joins the JSON outputs of several 'auth0-m2m plan --format json' runs (one per stack, usually with
--base) into one pull-request comment in Markdown: one line per stack, then each changed stack's
access diff in its own section, the whole within GitHub's comment size (each section gets a share;
one cut to fit points at its report file). A stack with no access change is that one line.

A REPORT that is a plan's error document, is missing, or is not a plan report is shown as a stack
that failed to plan (named by the file, without .json), never left out.

Options:
  --out FILE   Write the comment to FILE instead of standard output.
  -h, --help   Show this help.

Exit codes:
  0  the comment was written
  2  bad usage, or the comment could not be written`;

export function parseCommentCommand(argv: readonly string[], cwd: string): CommentCommand {
    const { values, positionals } = parseCommandArgs("comment", {
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) return { command: "help", usage: COMMENT_USAGE };
    if (positionals.length === 0) throw usageError("comment needs at least one REPORT.json, written by 'auth0-m2m plan --format json --out FILE'. Run 'auth0-m2m comment --help'.");
    if (values.out !== undefined && values.out.trim() === "") throw usageError("--out needs a path.");
    return { command: "comment", options: { reports: positionals.map((p) => path.resolve(cwd, p)), outFile: values.out === undefined ? undefined : path.resolve(cwd, values.out) } };
}
