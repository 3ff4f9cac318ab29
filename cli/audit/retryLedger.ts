// Counts what the SDK's own retry loop did. The auth0 SDK (7.1.0, management/core/fetcher/
// requestWithRetries.js) retries 408, 429 and 5xx up to `maxRetries` times, waiting for
// `retry-after`, else until `x-ratelimit-reset`, else an exponential backoff. It does not say how
// long it waited, so this fetch wrapper measures it: from a retryable answer to the next request
// for the same URL.

export interface RetryCounts {
    requests: number;
    rateLimited: number;
    serverErrors: number;
    waitedMs: number;
}

export class RetryLedger {
    readonly counts: RetryCounts = { requests: 0, rateLimited: 0, serverErrors: 0, waitedMs: 0 };
    private readonly waitingSince = new Map<string, number>();

    constructor(private readonly inner: typeof fetch = fetch) {}

    readonly fetch: typeof fetch = async (input, init) => {
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        const since = this.waitingSince.get(url);
        if (since !== undefined) {
            this.counts.waitedMs += Date.now() - since;
            this.waitingSince.delete(url);
        }
        this.counts.requests++;
        const response = await this.inner(input, init);
        if (response.status === 429 || response.status >= 500) {
            if (response.status === 429) this.counts.rateLimited++;
            else this.counts.serverErrors++;
            this.waitingSince.set(url, Date.now());
        }
        return response;
    };
}
