// The fake tenant: a loopback HTTPS server on `localhost` that answers the Management API reads an
// audit makes, in the recorded response shapes, with faults injected on request. It refuses (and
// records) every write to /api/v2, so a test can assert that nothing was ever written.
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { testCertificates } from "./certificates";
import type { ApiObject, TenantData } from "./tenantData";

export type FaultKind =
    /** 429 with `retry-after` and `x-ratelimit-*` headers (Auth0's rate-limit response). */
    | "rate-limit"
    /** 503 with an error body. */
    | "server-error"
    /** 200 with a body that is not JSON. */
    | "malformed"
    /** Never answers. */
    | "hang"
    /** 403 insufficient_scope. */
    | "forbidden";

export interface Fault {
    /** The request path it applies to, e.g. "/api/v2/clients" or "/oauth/token". */
    readonly path: string;
    readonly kind: FaultKind;
    /** How many matching requests it spoils before the path answers normally. Default: every one. */
    readonly times?: number;
    /** Only from this page (offset) or checkpoint request number (0-based) on. Default 0. */
    readonly fromRequest?: number;
    /** `retry-after` seconds on a rate limit. Default 1. */
    readonly retryAfterSeconds?: number;
}

export interface FakeTenantOptions {
    readonly clientId?: string;
    readonly clientSecret?: string;
    /** Largest page the tenant serves. Auth0 allows up to 100 for these endpoints. */
    readonly maxPageSize?: number;
    readonly faults?: readonly Fault[];
}

export interface SeenRequest {
    readonly method: string;
    readonly path: string;
    readonly query: string;
}

export const FAKE_CLIENT_ID = "fakeAuditClientId00000000000000";
export const FAKE_CLIENT_SECRET = "fake-audit-client-secret-do-not-print";

const json = (res: import("node:http").ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
};

export class FakeTenant {
    readonly requests: SeenRequest[] = [];
    /** Non-GET requests to /api/v2: an audit must make none. */
    readonly writes: SeenRequest[] = [];
    private readonly faultUses = new Map<Fault, number>();
    private readonly pathCounts = new Map<string, number>();
    private readonly tokens = new Set<string>();

    private constructor(
        private readonly server: https.Server,
        private data: TenantData,
        private readonly options: FakeTenantOptions,
    ) {}

    static async start(data: (domain: string) => TenantData, options: FakeTenantOptions = {}): Promise<FakeTenant> {
        const { serverKey, serverCert } = await testCertificates();
        let tenant: FakeTenant | undefined;
        const server = https.createServer({ key: serverKey, cert: serverCert }, (req, res) => tenant!.handle(req, res));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        tenant = new FakeTenant(server, { clients: [], clientGrants: [], resourceServers: [], tenantSettings: {} }, options);
        tenant.data = data(tenant.domain);
        return tenant;
    }

    get port(): number {
        return (this.server.address() as AddressInfo).port;
    }

    /** What `--domain` is given: the host the certificate names, and the port. */
    get domain(): string {
        return `localhost:${this.port}`;
    }

    get clientId(): string {
        return this.options.clientId ?? FAKE_CLIENT_ID;
    }

    get clientSecret(): string {
        return this.options.clientSecret ?? FAKE_CLIENT_SECRET;
    }

    async close(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private handle(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): void {
        const url = new URL(req.url ?? "/", `https://${this.domain}`);
        const seen = { method: req.method ?? "GET", path: url.pathname, query: url.search };
        this.requests.push(seen);
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const count = this.pathCounts.get(url.pathname) ?? 0;
            this.pathCounts.set(url.pathname, count + 1);
            if (this.applyFault(url.pathname, count, res)) return;
            if (url.pathname === "/oauth/token" && seen.method === "POST") return this.token(Buffer.concat(chunks).toString("utf8"), res);
            if (url.pathname.startsWith("/api/v2/")) {
                if (seen.method !== "GET") {
                    this.writes.push(seen);
                    return json(res, 405, { statusCode: 405, error: "Method Not Allowed", message: "The fake tenant is read-only." });
                }
                const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
                if (!token || !this.tokens.has(token)) {
                    return json(res, 401, { statusCode: 401, error: "Unauthorized", message: "Invalid token", attributes: { error: "Invalid token" } });
                }
                return this.read(url, res);
            }
            json(res, 404, { statusCode: 404, error: "Not Found", message: "Not Found" });
        });
    }

    private applyFault(pathname: string, count: number, res: import("node:http").ServerResponse): boolean {
        const fault = this.options.faults?.find((f) => f.path === pathname && count >= (f.fromRequest ?? 0) && (this.faultUses.get(f) ?? 0) < (f.times ?? Infinity));
        if (!fault) return false;
        this.faultUses.set(fault, (this.faultUses.get(fault) ?? 0) + 1);
        switch (fault.kind) {
            case "rate-limit": {
                // Auth0 documents x-ratelimit-limit/-remaining/-reset (reset in epoch seconds) on a 429.
                const wait = fault.retryAfterSeconds ?? 1;
                json(res, 429, { statusCode: 429, error: "Too Many Requests", message: "Global limit has been reached", errorCode: "too_many_requests" }, {
                    "retry-after": String(wait),
                    "x-ratelimit-limit": "50",
                    "x-ratelimit-remaining": "0",
                    "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + wait),
                });
                return true;
            }
            case "server-error":
                json(res, 503, { statusCode: 503, error: "Service Unavailable", message: "The service is temporarily unavailable." });
                return true;
            case "malformed":
                res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
                res.end('{"clients":[{"client_id":"abc","name":');
                return true;
            case "forbidden":
                json(res, 403, { statusCode: 403, error: "Forbidden", message: "Insufficient scope, expected any of: read:clients", errorCode: "insufficient_scope" });
                return true;
            case "hang":
                return true;
        }
    }

    private token(body: string, res: import("node:http").ServerResponse): void {
        const form = new URLSearchParams(body);
        if (form.get("grant_type") !== "client_credentials" || form.get("client_id") !== this.clientId || form.get("client_secret") !== this.clientSecret) {
            // Auth0's answer to bad client credentials (Authentication API, POST /oauth/token).
            return json(res, 401, { error: "access_denied", error_description: "Unauthorized" });
        }
        if (form.get("audience") !== `https://${this.domain}/api/v2/`) {
            return json(res, 403, { error: "access_denied", error_description: `Service not enabled within domain: ${form.get("audience")}` });
        }
        const token = `fake-token-${this.tokens.size}-${Math.random().toString(36).slice(2)}`;
        this.tokens.add(token);
        json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 86400, scope: "read:clients read:client_grants read:resource_servers read:tenant_settings" });
    }

    /** Accepts a token minted outside /oauth/token, for AUTH0_API_TOKEN runs. */
    issueToken(): string {
        const token = `fake-api-token-${Math.random().toString(36).slice(2)}`;
        this.tokens.add(token);
        return token;
    }

    private read(url: URL, res: import("node:http").ServerResponse): void {
        const q = url.searchParams;
        const max = this.options.maxPageSize ?? 100;
        const offsetPage = (key: string, items: ApiObject[]) => {
            const perPage = Math.min(Number(q.get("per_page") ?? 50), max);
            const page = Number(q.get("page") ?? 0);
            const slice = items.slice(page * perPage, (page + 1) * perPage);
            if (q.get("include_totals") === "true") return json(res, 200, { total: items.length, start: page * perPage, limit: perPage, [key]: slice });
            return json(res, 200, slice);
        };
        switch (url.pathname) {
            case "/api/v2/clients":
                // Secrets come back only with read:client_keys (Management API v2, GET /clients), which an audit never holds.
                return offsetPage("clients", this.data.clients.map(({ client_secret: _secret, ...client }) => client));
            case "/api/v2/resource-servers":
                return offsetPage("resource_servers", this.data.resourceServers);
            case "/api/v2/client-grants": {
                // Checkpoint pagination: `from` is the opaque id of where the next page starts; `next` is absent on the last page.
                const take = Math.min(Number(q.get("take") ?? 50), max);
                const start = q.get("from") ? Number(Buffer.from(q.get("from")!, "base64url").toString("utf8")) : 0;
                const slice = this.data.clientGrants.slice(start, start + take);
                const end = start + slice.length;
                return json(res, 200, { client_grants: slice, ...(end < this.data.clientGrants.length ? { next: Buffer.from(String(end)).toString("base64url") } : {}) });
            }
            case "/api/v2/tenants/settings":
                return json(res, 200, this.data.tenantSettings);
            default:
                return json(res, 404, { statusCode: 404, error: "Not Found", message: "Not Found" });
        }
    }
}
