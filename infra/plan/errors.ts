// Failures the plan reports by exit code. Each carries a message written for the person running
// the command: what was wrong, where, and how to fix it. Stack traces are for --verbose only.

import type { ProgramFailure } from "./programProtocol";

export const EXIT_OK = 0;
/** At least one mandatory policy violation. */
export const EXIT_MANDATORY_VIOLATION = 1;
/** Bad usage, bad config, a program error or a policy pack that would not run. */
export const EXIT_ERROR = 2;

export type PlanErrorKind = "usage" | "config" | "program" | "policy-pack" | "timeout" | "interrupted";

/**
 * The one place the process's exit code is decided. It is set on `process.exitCode` the moment it
 * is known, not only passed to `process.exit` at the end: once every handle is unref'd or closed
 * (a policy pack being killed, say), Node exits on its own with `process.exitCode`, and before
 * anything set it that was 0, which turned a FAIL or an error into a pass.
 */
export function settleExitCode(code: number): number {
    process.exitCode = code;
    return code;
}

export class PlanError extends Error {
    override readonly name = "PlanError";
    constructor(
        readonly kind: PlanErrorKind,
        message: string,
        /** Extra detail shown only with --verbose (for example the program's own stack trace). */
        readonly detail?: string,
    ) {
        super(message);
    }

    static isInstance(value: unknown): value is PlanError {
        return value instanceof Error && value.name === "PlanError" && "kind" in value;
    }
}

/** The program failed, hung or could not start; `failure` says how, when the program could tell. */
export class ProgramError extends PlanError {
    constructor(
        message: string,
        readonly failure: ProgramFailure | undefined,
        /** What the program printed before it failed. */
        readonly output: string,
        kind: "program" | "timeout" = "program",
    ) {
        super(kind, message, failure?.stack);
    }
}

export const usageError = (message: string) => new PlanError("usage", message);
export const configError = (message: string, detail?: string) => new PlanError("config", message, detail);
