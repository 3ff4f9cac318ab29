// Turns what the auth0 SDK throws into one message that says what failed, where, and what to do.
// The SDK throws ManagementError (with statusCode and body) for HTTP answers and for bodies that are
// not JSON, ManagementTimeoutError for a timeout, and fetch's TypeError (cause: the socket or TLS
// error) when no answer came.
import { ManagementError, ManagementTimeoutError } from "auth0";
import { tenantError, type PlanError } from "../errors";
import { AUDIT_READ_SCOPES } from "./credentials";

/** Node's TLS verification error codes (node:tls, OpenSSL X509_V_ERR_* names). */
const TLS_CODES = /^(ERR_TLS_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_MISMATCH|ERR_SSL_)/;

function rootCause(error: unknown): (Error & { code?: string }) | undefined {
    let current: unknown = error;
    let last: (Error & { code?: string }) | undefined;
    for (let depth = 0; current instanceof Error && depth < 10; depth++) {
        last = current as Error & { code?: string };
        current = (current as Error & { cause?: unknown }).cause;
    }
    return last;
}

function bodyMessage(body: unknown): string {
    if (body && typeof body === "object") {
        const b = body as Record<string, unknown>;
        const text = b.message ?? b.error_description ?? b.error;
        if (typeof text === "string") return text;
    }
    return typeof body === "string" ? body.slice(0, 200) : "";
}

export interface FailureContext {
    readonly domain: string;
    /** e.g. "GET /api/v2/clients" or "POST /oauth/token". */
    readonly what: string;
    readonly retries: { readonly rateLimited: number; readonly serverErrors: number; readonly waitedMs: number };
    readonly maxRetries: number;
    readonly timeoutSeconds: number;
}

export function describeReadFailure(error: unknown, context: FailureContext): PlanError {
    const { domain, what } = context;
    if (error instanceof ManagementTimeoutError || (error instanceof ManagementError && error.statusCode === 408)) {
        return tenantError(`${what} on ${domain} did not answer within ${context.timeoutSeconds} s. Check the domain and the network, or raise --timeout.`);
    }
    if (error instanceof ManagementError && error.statusCode !== undefined) {
        const status = error.statusCode;
        const said = bodyMessage(error.body);
        const tokenRequest = error.message.includes("token request");
        if (tokenRequest && (status === 401 || status === 403)) {
            return tenantError(
                `${domain} refused the client credentials (${status}${said ? `: ${said}` : ""}). Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, ` +
                    `and that the application is authorized on the tenant's Management API (https://${domain}/api/v2/).`,
            );
        }
        if (status === 401) {
            return tenantError(`${domain} refused the token for ${what} (401${said ? `: ${said}` : ""}). Check AUTH0_API_TOKEN (expired?) or the client credentials.`);
        }
        if (status === 403) {
            const scope = AUDIT_READ_SCOPES.find((s) => what.endsWith(s.endpoint.split(" ")[1]));
            return tenantError(
                `${domain} refused ${what} (403${said ? `: ${said}` : ""}). The application needs the Management API scope ` +
                    `${scope ? scope.scope : "for this endpoint"}; grant it (read-only) and run again.`,
            );
        }
        if (status === 429) {
            return tenantError(
                `${domain} kept rate-limiting ${what}: still 429 after ${context.maxRetries} retries and ${(context.retries.waitedMs / 1000).toFixed(1)} s of waiting. ` +
                    "Run again later, or when fewer jobs share the tenant's Management API rate limit.",
            );
        }
        if (status >= 500) {
            return tenantError(`${domain} answered ${what} with ${status} after ${context.maxRetries} retries${said ? ` (${said})` : ""}. Auth0 may be degraded: check status.auth0.com and run again.`);
        }
        if (status >= 200 && status < 300) {
            return tenantError(`${domain} answered ${what} with a body that is not JSON (${status}: ${String(error.body ?? "").slice(0, 80)}). Is --domain an Auth0 tenant?`);
        }
        return tenantError(`${domain} answered ${what} with ${status}${said ? `: ${said}` : ""}.`);
    }
    const cause = rootCause(error);
    const code = cause?.code ?? "";
    if (TLS_CODES.test(code)) {
        return tenantError(
            `TLS failed talking to ${domain} (${code}: ${cause?.message}). The tenant's certificate is not trusted here: ` +
                "check --domain, and if a proxy re-signs TLS, give its CA with NODE_EXTRA_CA_CERTS.",
        );
    }
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ECONNRESET" || code === "UND_ERR_SOCKET") {
        return tenantError(`Could not reach ${domain} for ${what} (${code}). Check --domain (HOST[:PORT] of the tenant, e.g. acme.eu.auth0.com) and the network.`);
    }
    const message = cause?.message ?? String(error);
    return tenantError(`${what} on ${domain} failed: ${message}${code ? ` (${code})` : ""}.`);
}

/** A body that parsed as JSON but is not the shape the Management API documents. */
export function malformedAnswer(domain: string, what: string, detail: string): PlanError {
    return tenantError(`${domain} answered ${what} with a body the Management API does not send (${detail}). Is --domain an Auth0 tenant?`);
}
