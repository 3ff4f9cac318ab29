// What a failed plan says: the lines for stderr, and the document `--format json` writes where the
// report would have gone, so a CI step that parses the report always gets JSON. The exit code of
// every failure is EXIT_ERROR (an interruption is the signal's, see plan.ts).
import type { ReportFormat } from "./args";
import { PolicyPackError } from "./analyzer/types";
import { EXIT_ERROR, PlanError, ProgramError, settleExitCode } from "./errors";
import { writeReport } from "./output";
import { scrubSecrets } from "./values";

/** What failed, as `error.kind` in the JSON error document (documented in cli/README.md). */
export type FailureKind = "usage" | "config" | "program" | "timeout" | "policy-pack" | "policy-config" | "encoding" | "interrupted" | "tenant" | "internal";

export interface Failure {
    readonly kind: FailureKind;
    readonly message: string;
    /** Where in the program it failed (`file:line:column`), when the program could tell. */
    readonly location?: string;
    /** A stack trace or the program's own error detail: shown with --verbose only. */
    readonly detail?: string;
}

export function describeFailure(error: unknown): Failure {
    if (error instanceof ProgramError) {
        const message = error.failure?.kind === "threw" ? `the program failed: ${error.message}` : error.message;
        return { kind: error.kind, message, location: error.failure?.location, detail: error.detail };
    }
    if (PlanError.isInstance(error)) return { kind: error.kind, message: error.message, detail: error.detail };
    if (PolicyPackError.isInstance(error)) {
        const kind = error.kind;
        // "config" errors name the policy config file and path themselves; "encoding" ones are the
        // plan's own encoder refusing a value, not the pack failing.
        if (kind === "config") return { kind: "policy-config", message: error.message, detail: error.stack };
        if (kind === "encoding") return { kind: "encoding", message: `the plan can't encode a resource to send to the policy pack (the pack did not fail): ${error.message}`, detail: error.stack };
        // The pack's own error carries its stack trace (a policy that threw): that is for --verbose.
        const message = withoutStackFrames(error.message);
        return { kind: "policy-pack", message: `the policy pack failed: ${message}`, detail: message === error.message ? error.stack : error.message };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "internal", message: `auth0-m2m plan failed unexpectedly: ${message}`, detail: error instanceof Error ? error.stack : undefined };
}

/** `text` without the lines of a JavaScript stack trace ("    at f (file:1:2)"). */
export function withoutStackFrames(text: string): string {
    return text
        .split("\n")
        .filter((line) => !/^\s+at .+/.test(line))
        .join("\n");
}

/** The lines written to stderr; the detail only with --verbose. */
export function failureLines(failure: Failure, verbose: boolean): string[] {
    const lines = [`error: ${failure.message}`];
    if (failure.location) lines.push(`    at ${failure.location}`);
    if (verbose && failure.detail) lines.push("", failure.detail);
    else if (failure.kind === "internal" || (failure.kind === "policy-pack" && failure.detail)) lines.push("(run with --verbose for the stack trace)");
    return lines;
}

/** `{"error": {...}}`: what `--format json` writes on a failure (the detail is never included). */
export function failureDocument(failure: Failure, exitCode: number): string {
    const error = { kind: failure.kind, message: failure.message, ...(failure.location ? { location: failure.location } : {}), exitCode };
    return `${JSON.stringify({ error }, null, 2)}\n`;
}

export interface FailureOutput {
    readonly verbose: boolean;
    readonly format?: ReportFormat;
    readonly outFile?: string;
    /** Secret values the plan has seen; none of them is ever printed. */
    readonly secrets?: ReadonlySet<string>;
}

/**
 * Reports a failure: one clear message on stderr and, with --format json, the error document where
 * the report would have gone. Settles and returns the exit code (`exitCode`, EXIT_ERROR unless an
 * interruption's). A report that can't be written changes neither.
 */
export async function reportFailure(error: unknown, output: FailureOutput, exitCode = EXIT_ERROR): Promise<number> {
    settleExitCode(exitCode);
    const failure = describeFailure(error);
    const secrets = output.secrets ?? new Set<string>();
    process.stderr.write(`${scrubSecrets(failureLines(failure, output.verbose).join("\n"), secrets)}\n`);
    if (output.format === "json") {
        try {
            await writeReport(scrubSecrets(failureDocument(failure, exitCode), secrets), output.outFile);
        } catch {
            // The message above already went to stderr; the exit code stands.
        }
    }
    return exitCode;
}
