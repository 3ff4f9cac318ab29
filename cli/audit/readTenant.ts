// Reads the objects an audit judges from a live tenant through the official auth0 SDK's
// ManagementClient: its pagination (offset `page`/`per_page` for clients and resource servers,
// checkpoint `from`/`take` for client grants, as the SDK 7.1.0 implements each list) and its retry
// on 429/5xx. Only GETs: nothing is ever written.
import { ManagementClient, ManagementError } from "auth0";
import type { z } from "zod";
import type { TenantCredentials } from "./credentials";
import { liveClientSchema, liveGrantSchema, liveResourceServerSchema, type LiveTenant } from "./liveTenant";
import { describeReadFailure, malformedAnswer } from "./readFailure";
import { RetryLedger } from "./retryLedger";
import { DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT_SECONDS, MAX_PAGE_SIZE } from "./args";

/** One page of a list read. */
export interface ReadPage {
    readonly label: string;
    readonly count: number;
    readonly page: number;
}

export interface ReadTenantOptions {
    readonly domain: string;
    readonly credentials: TenantCredentials;
    /** Items per page, 1..100. */
    readonly pageSize?: number;
    /** Per request, seconds. */
    readonly timeoutSeconds?: number;
    /** Retries of a 429/5xx answer, as the SDK counts them. */
    readonly maxRetries?: number;
    /** After each page: how many of `label` (clients, grants, ...) are read so far. */
    readonly onProgress?: (page: ReadPage) => void;
    /** For tests: the fetch the SDK uses underneath the retry ledger. */
    readonly fetch?: typeof fetch;
}

interface PageLike<T> {
    data: T[];
    response: unknown;
    hasNextPage(): boolean;
    getNextPage(): Promise<unknown>;
}

export async function readTenant(options: ReadTenantOptions): Promise<LiveTenant> {
    const ledger = new RetryLedger(options.fetch);
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const common = { domain: options.domain, fetch: ledger.fetch, timeoutInSeconds: timeoutSeconds, maxRetries };
    const client =
        options.credentials.kind === "token"
            ? new ManagementClient({ ...common, token: options.credentials.token })
            : new ManagementClient({ ...common, clientId: options.credentials.clientId, clientSecret: options.credentials.clientSecret });
    const progress = options.onProgress ?? (() => undefined);

    const failure = (error: unknown, what: string) =>
        describeReadFailure(error, { domain: options.domain, what, retries: ledger.counts, maxRetries, timeoutSeconds });

    async function readAll<S extends z.ZodType>(what: string, label: string, listKey: string, first: () => Promise<PageLike<unknown>>, schema: S): Promise<z.infer<S>[]> {
        const items: z.infer<S>[] = [];
        let page: PageLike<unknown>;
        try {
            page = await first();
        } catch (error) {
            throw failure(error, what);
        }
        for (let n = 1; ; n++) {
            // The SDK hands a body that is not JSON, or lacks the list, to its pager as an empty page; an empty page is not an empty tenant.
            const body = page.response as Record<string, unknown> | undefined;
            if (!body || !Array.isArray(body[listKey])) {
                const notJson = body?.ok === false && (body.error as { reason?: string } | undefined)?.reason === "non-json";
                throw malformedAnswer(options.domain, what, notJson ? "not JSON" : `no "${listKey}" list`);
            }
            for (const [i, raw] of page.data.entries()) {
                const parsed = schema.safeParse(raw);
                if (!parsed.success) {
                    const issue = parsed.error.issues[0];
                    throw malformedAnswer(options.domain, what, `item ${items.length + i + 1}: ${issue.path.join(".") || "(item)"} ${issue.message}`);
                }
            }
            items.push(...(page.data as z.infer<S>[]));
            progress({ label, count: items.length, page: n });
            // Offset lists stop at the first short page; a tenant that serves less than asked would end the read early.
            const total = (page.response as { total?: unknown } | undefined)?.total;
            if (!page.hasNextPage()) {
                if (typeof total === "number" && total > items.length) {
                    throw malformedAnswer(options.domain, what, `it reported ${total} ${label} but the pages held ${items.length}; pages were shorter than the ${pageSize} asked for`);
                }
                return items;
            }
            try {
                await page.getNextPage();
            } catch (error) {
                throw failure(error, what);
            }
        }
    }

    const clients = await readAll(
        "GET /api/v2/clients",
        "applications",
        "clients",
        () => client.clients.list({ per_page: pageSize, include_totals: true }) as Promise<PageLike<unknown>>,
        liveClientSchema,
    );
    const clientGrants = await readAll(
        "GET /api/v2/client-grants",
        "client grants",
        "client_grants",
        () => client.clientGrants.list({ take: pageSize }) as Promise<PageLike<unknown>>,
        liveGrantSchema,
    );
    const resourceServers = await readAll(
        "GET /api/v2/resource-servers",
        "APIs",
        "resource_servers",
        () => client.resourceServers.list({ per_page: pageSize, include_totals: true }) as Promise<PageLike<unknown>>,
        liveResourceServerSchema,
    );

    // Optional: without read:tenant_settings the default token quota is simply not known.
    let tenantSettingsRead = true;
    let defaultTokenQuota: LiveTenant["defaultTokenQuota"];
    try {
        const settings = await client.tenants.settings.get({ fields: "default_token_quota", include_fields: true });
        const quota = settings.default_token_quota?.clients?.client_credentials;
        if (quota) defaultTokenQuota = { enforce: quota.enforce, perDay: quota.per_day, perHour: quota.per_hour };
    } catch (error) {
        if (error instanceof ManagementError && error.statusCode === 403) tenantSettingsRead = false;
        else throw failure(error, "GET /api/v2/tenants/settings");
    }

    return { domain: options.domain, clients, clientGrants, resourceServers, defaultTokenQuota, tenantSettingsRead, read: { ...ledger.counts } };
}
