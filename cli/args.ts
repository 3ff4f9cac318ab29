// Command-line parsing for `auth0-m2m plan` (the arguments after the command; commandLine.ts
// dispatches). node:util's parseArgs does the parsing; this module adds the checks it can't
// express (allowed formats, positive timeouts) and the help text.
import * as path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { usageError } from "./errors";

export const REPORT_FORMATS = ["text", "markdown", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const DEFAULT_STACK = "dev";
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** A day: far above any real program's silence, and far below setTimeout's limit (2^31-1 ms, about 24.8 days). */
export const MAX_TIMEOUT_SECONDS = 86_400;

export interface PlanOptions {
    /** Directory holding Pulumi.yaml; the working directory unless given. */
    readonly projectDir: string;
    readonly stack: string;
    /** Replaces Pulumi.<stack>.yaml when given. */
    readonly configFile?: string;
    /** Policy pack directory; this package's own policy-pack/ unless given. */
    readonly policyPackDir?: string;
    /** JSON file in the `pulumi preview --policy-pack-config` format. */
    readonly policyConfigFile?: string;
    readonly format: ReportFormat;
    readonly outFile?: string;
    readonly verbose: boolean;
    readonly timeoutSeconds: number;
    /** --base: a git ref or a JSON report to compare with (resolved in plan.ts: an existing file is a report). */
    readonly base?: string;
    /** `new`: exit 1 only for mandatory findings the base didn't have (needs --base). */
    readonly failOn: "mandatory" | "new";
}

/** Every command's parser answers `help` with its own usage text. */
export type HelpCommand = { readonly command: "help"; readonly usage: string };

export type PlanCommand = HelpCommand | { readonly command: "version" } | { readonly command: "plan"; readonly options: PlanOptions };

export const PLAN_USAGE = `Usage: auth0-m2m plan [options]

Runs a Pulumi program that uses @pulumi/auth0 offline, under the Pulumi SDK's mock runtime in
preview mode, checks every resource with the auth0-m2m-guardrails policy pack, and prints the
machine-to-machine access it would grant. No Pulumi CLI, Auth0 tenant or credentials are needed.

Options:
  --project DIR          Pulumi project directory (holds Pulumi.yaml). Default: the current directory.
  --stack NAME           Stack whose Pulumi.<NAME>.yaml config is used. Default: ${DEFAULT_STACK}.
  --config-file FILE     Use FILE instead of Pulumi.<stack>.yaml.
  --policy-pack DIR      Policy pack to check with. Default: this package's policy-pack/.
  --policy-config FILE   Policy config JSON, as for 'pulumi preview --policy-pack-config'.
  --format FORMAT        text (default), markdown (a pull-request comment) or json.
  --out FILE             Write the report to FILE instead of standard output.
  --timeout SECONDS      Stop a program that registers no resource and prints nothing for SECONDS
                         (a limit on silence, not on total time: a large program that keeps
                         registering is never stopped). 0 < SECONDS <= ${MAX_TIMEOUT_SECONDS}. Default: ${DEFAULT_TIMEOUT_SECONDS}.
  --base REF|FILE        Also plan the stack at git REF (or read a report FILE written by --format json)
                         and show what this change grants or takes away, before the full report.
  --fail-on WHEN         mandatory (default): exit 1 on any mandatory finding; new: only on mandatory
                         findings the base didn't have (needs --base).
  --verbose              Show progress, program stack traces and the child process ids.
  -h, --help             Show this help.
  --version              Show the version.

Exit codes:
  0  no mandatory policy violation
  1  at least one mandatory policy violation
  2  bad usage, bad config, a program error or timeout, or a policy pack that would not run

What the plan can't know: it runs without a provider, so provider-computed defaults and diffs
against the tenant's live state are not shown; 'secure:' config values are not decrypted (the
program sees a secret placeholder); TypeScript is transpiled without type-checking (run tsc for
type errors).`;

/** node:util's parseArgs for one command; its errors become usage errors that point at that command's --help. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
    try {
        return parseArgs(config);
    } catch (error) {
        // parseArgs' messages name the option ("Unknown option '--foo'"); keep the first sentence.
        const message = error instanceof Error ? error.message.split(". To specify")[0] : String(error);
        throw usageError(`${message.replace(/\.$/, "")}. Run 'auth0-m2m ${command} --help' for the options.`);
    }
}

/** Parses the arguments that follow `plan`. */
export function parsePlanCommand(argv: readonly string[], cwd: string): PlanCommand {
    const { values, positionals } = parseCommandArgs("plan", {
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: {
            project: { type: "string" },
            stack: { type: "string" },
            "config-file": { type: "string" },
            "policy-pack": { type: "string" },
            "policy-config": { type: "string" },
            format: { type: "string" },
            out: { type: "string" },
            timeout: { type: "string" },
            base: { type: "string" },
            "fail-on": { type: "string" },
            verbose: { type: "boolean" },
            help: { type: "boolean", short: "h" },
            version: { type: "boolean" },
        },
    });
    if (values.help) return { command: "help", usage: PLAN_USAGE };
    if (values.version) return { command: "version" };
    if (positionals.length > 0) {
        throw usageError(`Unexpected argument '${positionals[0]}'. Run 'auth0-m2m plan --help' for the options.`);
    }

    const format = values.format ?? "text";
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
        throw usageError(`--format must be one of ${REPORT_FORMATS.join(", ")}, not '${format}'.`);
    }
    let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    if (values.timeout !== undefined) {
        timeoutSeconds = Number(values.timeout);
        if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw usageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (a day), not '${values.timeout}'.`);
        }
    }
    const failOn = values["fail-on"] ?? "mandatory";
    if (failOn !== "mandatory" && failOn !== "new") throw usageError(`--fail-on must be 'mandatory' or 'new', not '${failOn}'.`);
    if (failOn === "new" && values.base === undefined) throw usageError("--fail-on new needs --base REF|FILE: without a base, every finding is new.");
    if (values.base !== undefined && values.base.trim() === "") throw usageError("--base needs a git ref or a report file.");
    const stack = values.stack ?? DEFAULT_STACK;
    if (!/^[A-Za-z0-9_.\-/]+$/.test(stack) || stack.split("/").some((part) => part === "")) {
        throw usageError(`--stack '${stack}' is not a stack name (letters, digits, '-', '_' and '.', optionally as org/project/stack).`);
    }
    for (const [flag, value] of [
        ["--project", values.project],
        ["--config-file", values["config-file"]],
        ["--policy-pack", values["policy-pack"]],
        ["--policy-config", values["policy-config"]],
        ["--out", values.out],
    ] as const) {
        if (value !== undefined && value.trim() === "") throw usageError(`${flag} needs a path.`);
    }

    const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(cwd, p));
    return {
        command: "plan",
        options: {
            projectDir: resolve(values.project) ?? cwd,
            stack,
            configFile: resolve(values["config-file"]),
            policyPackDir: resolve(values["policy-pack"]),
            policyConfigFile: resolve(values["policy-config"]),
            format: format as ReportFormat,
            outFile: resolve(values.out),
            verbose: values.verbose ?? false,
            timeoutSeconds,
            base: values.base,
            failOn,
        },
    };
}
