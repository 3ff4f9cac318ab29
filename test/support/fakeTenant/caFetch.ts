// A fetch that trusts the test CA, for in-process tests of the tenant reader: NODE_EXTRA_CA_CERTS
// is read only when Node starts, and Node's own fetch takes no CA. Over node:https with the CA,
// it answers what the SDK reads of a Response (status, headers, body); the CLI's own TLS path is
// covered by the process tests.
import * as fs from "node:fs";
import * as https from "node:https";

export function caFetch(caFile: string): typeof fetch {
    const ca = fs.readFileSync(caFile);
    return (input, init) => {
        const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
        const headers = Object.fromEntries(new Headers(init?.headers).entries());
        return new Promise<Response>((resolve, reject) => {
            const request = https.request(url, { method: init?.method ?? "GET", headers, ca }, (response) => {
                const chunks: Buffer[] = [];
                response.on("data", (chunk: Buffer) => chunks.push(chunk));
                response.on("error", reject);
                response.on("end", () => {
                    const responseHeaders = new Headers();
                    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) responseHeaders.set(name, String(value));
                    const status = response.statusCode ?? 500;
                    resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
                });
            });
            init?.signal?.addEventListener("abort", () => request.destroy(new Error("aborted")));
            request.on("error", reject);
            if (typeof init?.body === "string") request.write(init.body);
            else if (init?.body instanceof URLSearchParams) request.write(init.body.toString());
            request.end();
        });
    };
}
