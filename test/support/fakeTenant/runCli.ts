// Runs the real `auth0-m2m` command in a child process against a fake tenant: the test CA through
// NODE_EXTRA_CA_CERTS, credentials through the environment, as a user would.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { testCertificates } from "./certificates";
import type { FakeTenant } from "./server";

const ROOT = path.resolve(__dirname, "..", "..", "..");
export const BIN = path.join(ROOT, "cli", "bin", "auth0-m2m.js");

export interface CliRun {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export interface CliEnvironment {
    /** Default: the fake tenant's client credentials. */
    readonly credentials?: Record<string, string>;
    /** Default: the test CA. */
    readonly caFile?: string;
    readonly cwd?: string;
}

export async function runCli(args: readonly string[], tenant: FakeTenant | undefined, environment: CliEnvironment = {}): Promise<CliRun> {
    const caFile = environment.caFile ?? (await testCertificates()).caFile;
    const env: NodeJS.ProcessEnv = { FORCE_COLOR: "0" };
    // Only what a child needs: nothing of the parent's own AUTH0_* credentials may leak in.
    for (const key of ["PATH", "HOME", "TMPDIR", "SystemRoot"]) if (process.env[key] !== undefined) env[key] = process.env[key];
    Object.assign(env, environment.credentials ?? (tenant ? { AUTH0_CLIENT_ID: tenant.clientId, AUTH0_CLIENT_SECRET: tenant.clientSecret } : {}));
    env.NODE_EXTRA_CA_CERTS = caFile;
    return new Promise((resolve) => {
        execFile(process.execPath, [BIN, ...args], { cwd: environment.cwd ?? ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
        });
    });
}
