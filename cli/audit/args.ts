// Command-line parsing for `auth0-m2m audit` and `auth0-m2m adopt` (the arguments after the
// command; commandLine.ts dispatches): the options that read a live tenant, and each command's own. node:util's parseArgs parses; this adds the checks it can't express.
import * as path from "node:path";
import { parseCommandArgs, REPORT_FORMATS, type HelpCommand, type ReportFormat } from "../args";
import { usageError } from "../errors";
import { AUDIT_READ_SCOPES } from "./credentials";

/** The Management API's largest page for these lists (per_page / take: "max 100", Management API v2 docs). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_RETRIES = 4;
const PROGRAM_TIMEOUT_SECONDS = 60;

export interface TenantReadArgs {
    /** HOST[:PORT], no scheme. */
    readonly domain: string;
    readonly requestTimeoutSeconds: number;
    readonly maxRetries: number;
    readonly pageSize: number;
    readonly policyPackDir?: string;
    readonly policyConfigFile?: string;
    readonly verbose: boolean;
}

export interface AuditOptions extends TenantReadArgs {
    readonly format: ReportFormat;
    readonly outFile?: string;
    /** Drift: the project and stack to compare with, when either is given. */
    readonly drift?: { readonly projectDir: string; readonly stack: string; readonly timeoutSeconds: number };
}

export interface AdoptOptions extends TenantReadArgs {
    readonly stack: string;
    readonly projectDir: string;
    readonly outDir: string;
    readonly force: boolean;
    readonly endpointsFile?: string;
    /** The host written as `auth0:domain`: --config-domain, else --domain without its port. */
    readonly configDomain: string;
}

export type LiveCommand = { readonly command: "audit"; readonly options: AuditOptions } | { readonly command: "adopt"; readonly options: AdoptOptions } | HelpCommand;

const scopeList = AUDIT_READ_SCOPES.map((s) => `  ${s.scope.padEnd(22)} ${s.endpoint}${s.required ? "" : " (optional: the tenant's default token quota)"}`).join("\n");

const TENANT_OPTIONS = `  --domain HOST[:PORT]   The tenant's domain, e.g. acme.eu.auth0.com (required).
  --policy-pack DIR      Policy pack to judge with. Default: this package's policy-pack/.
  --policy-config FILE   Policy config JSON, as for 'pulumi preview --policy-pack-config'.
  --timeout SECONDS      Per Management API request. Default: ${DEFAULT_REQUEST_TIMEOUT_SECONDS}.
  --max-retries N        Retries of a 429 or 5xx answer (the auth0 SDK's backoff). Default: ${DEFAULT_MAX_RETRIES}.
  --page-size N          Objects per page, 1-${MAX_PAGE_SIZE}. Default: ${MAX_PAGE_SIZE}.
  --verbose              Show progress and stack traces.
  -h, --help             Show this help.`;

const CREDENTIALS = `Credentials (environment only, never printed), as the Auth0 provider reads them:
  AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET  a read-only M2M application authorized on the Management API
  AUTH0_API_TOKEN                        or a Management API token (used first when both are set)

Management API scopes it needs (read-only; nothing is ever written):
${scopeList}`;

export const AUDIT_USAGE = `Usage: auth0-m2m audit --domain HOST[:PORT] [options]

Reads a live Auth0 tenant's applications, client grants and APIs through the Management API,
judges them with the auth0-m2m-guardrails policy pack (the same pack and Analyzer protocol as
'plan'), and prints who may do what. With --project/--stack, also lists drift from that stack.

Options:
${TENANT_OPTIONS}
  --project DIR          Compare with this Pulumi project's stack (drift). Default: the current directory.
  --stack NAME           The stack to compare with (drift); giving --project or --stack turns drift on.
  --format FORMAT        text (default), markdown or json.
  --out FILE             Write the report to FILE instead of standard output.

${CREDENTIALS}

Exit codes:
  0  no mandatory finding
  1  at least one mandatory finding
  2  bad usage, missing or refused credentials, a network, TLS or timeout failure, a malformed answer,
     or a policy pack that would not run`;

export const ADOPT_USAGE = `Usage: auth0-m2m adopt --domain HOST[:PORT] --stack NAME [options]

Writes Pulumi.<NAME>.yaml for this project's components from what is live (M2M applications, their
grants, custom APIs and the Management API's lifetime), and an import file for
'pulumi import --file', so the first 'pulumi up' adopts every object instead of recreating it.
Nothing is narrowed: live scopes and access policies are kept, and guardrail findings are listed
with the exemption each would need. Objects the stack's config check refuses, or that the
components can't hold without changing them, are left out, each with the reason and the fix.

Options:
${TENANT_OPTIONS}
  --stack NAME           Stack to write config for (required).
  --project DIR          The Pulumi project. Default: the current directory.
  --out-dir DIR          Where to write. Default: the project directory.
  --endpoints FILE       JSON: { "<client id or name>": ["GET /api/v2/users", ...] }: propose the
                         least-privilege Management API scopes for those calls (as comments).
  --config-domain HOST   The tenant domain to write as auth0:domain, when --domain reaches the tenant
                         by another name (a proxy, a test tenant). Default: --domain without :PORT.
  --force                Overwrite existing files.

${CREDENTIALS}

Exit codes:
  0  written, no mandatory finding
  1  written; at least one live object breaks a mandatory guardrail (kept as live, exemption listed)
  2  bad usage, an existing file without --force, a domain the config check refuses, or a tenant
     read failure (nothing written)`;

function positiveInteger(flag: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER, min = 1): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw usageError(`${flag} must be a whole number from ${min} to ${max}, not '${value}'.`);
    return n;
}

export function parseDomain(value: string | undefined, command: string): string {
    if (value === undefined || value.trim() === "") throw usageError(`--domain is required: the tenant's domain, e.g. acme.eu.auth0.com. Run 'auth0-m2m ${command} --help'.`);
    const domain = value.trim();
    if (/^[a-z]+:\/\//i.test(domain) || /[/?#@\s]/.test(domain)) {
        throw usageError(`--domain '${value}' must be HOST[:PORT] only (no https://, path or credentials), e.g. acme.eu.auth0.com.`);
    }
    if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(domain)) throw usageError(`--domain '${value}' is not a host name with an optional :PORT.`);
    return domain;
}

export function parseLiveCommand(command: "audit" | "adopt", argv: readonly string[], cwd: string): LiveCommand {
    const usage = command === "audit" ? AUDIT_USAGE : ADOPT_USAGE;
    const parsed = parseCommandArgs(command, {
        args: [...argv],
        allowPositionals: false,
        strict: true,
        options: {
            domain: { type: "string" },
            project: { type: "string" },
            stack: { type: "string" },
            "policy-pack": { type: "string" },
            "policy-config": { type: "string" },
            format: { type: "string" },
            out: { type: "string" },
            "out-dir": { type: "string" },
            endpoints: { type: "string" },
            force: { type: "boolean" },
            "config-domain": { type: "string" },
            timeout: { type: "string" },
            "max-retries": { type: "string" },
            "page-size": { type: "string" },
            verbose: { type: "boolean" },
            help: { type: "boolean", short: "h" },
        },
    });
    const v = parsed.values;
    if (v.help) return { command: "help", usage };
    const onlyFor = (flag: string, present: unknown, owner: "audit" | "adopt") => {
        if (present !== undefined && command !== owner) throw usageError(`${flag} is an option of 'auth0-m2m ${owner}', not of '${command}'.`);
    };
    onlyFor("--format", v.format, "audit");
    onlyFor("--out", v.out, "audit");
    onlyFor("--out-dir", v["out-dir"], "adopt");
    onlyFor("--endpoints", v.endpoints, "adopt");
    onlyFor("--force", v.force, "adopt");
    onlyFor("--config-domain", v["config-domain"], "adopt");
    for (const [flag, value] of Object.entries({ "--project": v.project, "--policy-pack": v["policy-pack"], "--policy-config": v["policy-config"], "--out": v.out, "--out-dir": v["out-dir"], "--endpoints": v.endpoints })) {
        if (value !== undefined && value.trim() === "") throw usageError(`${flag} needs a path.`);
    }
    if (v.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(v.stack)) throw usageError(`--stack '${v.stack}' is not a stack name (letters, digits, '-', '_' and '.').`);
    const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(cwd, p));
    const read: TenantReadArgs = {
        domain: parseDomain(v.domain, command),
        requestTimeoutSeconds: positiveInteger("--timeout", v.timeout, DEFAULT_REQUEST_TIMEOUT_SECONDS, 600),
        maxRetries: positiveInteger("--max-retries", v["max-retries"], DEFAULT_MAX_RETRIES, 10, 0),
        pageSize: positiveInteger("--page-size", v["page-size"], MAX_PAGE_SIZE, MAX_PAGE_SIZE),
        policyPackDir: resolve(v["policy-pack"]),
        policyConfigFile: resolve(v["policy-config"]),
        verbose: v.verbose ?? false,
    };
    if (command === "audit") {
        const format = v.format ?? "text";
        if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw usageError(`--format must be one of ${REPORT_FORMATS.join(", ")}, not '${format}'.`);
        const drift = v.project !== undefined || v.stack !== undefined ? { projectDir: resolve(v.project) ?? cwd, stack: v.stack ?? "dev", timeoutSeconds: PROGRAM_TIMEOUT_SECONDS } : undefined;
        return { command, options: { ...read, format: format as ReportFormat, outFile: resolve(v.out), drift } };
    }
    if (v.stack === undefined) throw usageError("--stack is required: the stack whose Pulumi.<stack>.yaml adopt writes. Run 'auth0-m2m adopt --help'.");
    const projectDir = resolve(v.project) ?? cwd;
    const configDomain = v["config-domain"]?.trim() ?? read.domain.replace(/:\d+$/, "");
    if (!/^[A-Za-z0-9.-]+$/.test(configDomain)) throw usageError(`--config-domain '${v["config-domain"]}' must be a host name only, e.g. acme.eu.auth0.com.`);
    return { command, options: { ...read, stack: v.stack, projectDir, outDir: resolve(v["out-dir"]) ?? projectDir, force: v.force ?? false, endpointsFile: resolve(v.endpoints), configDomain } };
}
