// The audit at tenant scale: `auth0-m2m audit` on a fake tenant of 5,000 M2M applications (each
// with a grant), read page by page through the real auth0 SDK over TLS and judged by the real pack.
// Run by `npm run bench` after the plan cases; a time bound, never a timed test.
import * as fs from "node:fs";
import { runCli } from "../test/support/fakeTenant/runCli";
import { FakeTenant } from "../test/support/fakeTenant/server";
import { generatedTenant } from "../test/support/fakeTenant/tenantData";

export const AUDIT_BENCH_CLIENTS = 5_000;
/** The bound: a 5,000-application audit (10,000+ resources judged) inside two minutes on a CI runner. */
export const AUDIT_BENCH_BOUND_SECONDS = 120;

export interface AuditBenchResult {
    readonly clients: number;
    readonly seconds: number;
    readonly requests: number;
    readonly withinBound: boolean;
}

export async function runAuditBench(clients = AUDIT_BENCH_CLIENTS, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<AuditBenchResult> {
    const tenant = await FakeTenant.start((domain) => generatedTenant(domain, { clients }));
    try {
        const started = performance.now();
        const run = await runCli(["audit", "--domain", tenant.domain, "--format", "json"], tenant);
        const seconds = (performance.now() - started) / 1000;
        if (run.code !== 0) throw new Error(`audit of ${clients} applications exited ${run.code}: ${run.stderr}`);
        const access = (JSON.parse(run.stdout) as { access: unknown[] }).access.length;
        if (access !== clients) throw new Error(`audit of ${clients} applications reported ${access} grants`);
        if (tenant.writes.length > 0) throw new Error(`audit wrote to the tenant: ${JSON.stringify(tenant.writes)}`);
        const result = { clients, seconds, requests: tenant.requests.length, withinBound: seconds <= AUDIT_BENCH_BOUND_SECONDS };
        log(`audit: ${clients} applications in ${seconds.toFixed(2)} s (${result.requests} requests; bound ${AUDIT_BENCH_BOUND_SECONDS} s: ${result.withinBound ? "met" : "MISSED"})`);
        return result;
    } finally {
        await tenant.close();
    }
}

export function auditBenchSection(result: AuditBenchResult): string {
    return [
        "",
        "## Audit of a live tenant (fake tenant)",
        "",
        `| Applications | Requests | Wall time | Bound | |`,
        "| --- | --- | --- | --- | --- |",
        `| ${result.clients.toLocaleString("en")} | ${result.requests} | ${result.seconds.toFixed(2)} s | ${AUDIT_BENCH_BOUND_SECONDS} s | ${result.withinBound ? "met" : "MISSED"} |`,
        "",
    ].join("\n");
}

export async function appendAuditBench(out: string, clients?: number): Promise<void> {
    const result = await runAuditBench(clients);
    fs.appendFileSync(out, auditBenchSection(result));
    if (!result.withinBound) throw new Error(`audit of ${result.clients} applications took ${result.seconds.toFixed(1)} s, over the ${AUDIT_BENCH_BOUND_SECONDS} s bound`);
}
