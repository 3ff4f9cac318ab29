// One audit: read the tenant while the policy pack starts, map what is live to the provider's
// resource shapes, judge it with the pack, optionally compare with a stack, report. The pack is
// always shut down; nothing is written to the tenant.
import { findPackage, type PackageInfo } from "../packageInfo";
import { reportFailure } from "../failure";
import { checkReportFile, writeReport } from "../output";
import { EXIT_MANDATORY_VIOLATION, EXIT_OK, settleExitCode } from "../errors";
import type { AuditOptions, TenantReadArgs } from "./args";
import { buildAuditReport, liveModel } from "./auditReport";
import { credentialValues, readCredentials } from "./credentials";
import { declaredStack } from "./declared";
import { computeDrift, declaredModel } from "./drift";
import { startJudge, type Judge } from "./judge";
import { toResources } from "./liveResources";
import type { LiveTenant } from "./liveTenant";
import { ReadProgress } from "./progress";
import { readTenant } from "./readTenant";
import { renderAuditChunks } from "./renderAudit";

/** Reads the tenant and starts the pack at the same time; both or neither (the pack is closed on failure). */
export async function readAndStartJudge(options: TenantReadArgs, pkg: PackageInfo, progress: ReadProgress, secrets: Set<string>): Promise<{ tenant: LiveTenant; judge: Judge }> {
    const credentials = readCredentials(process.env);
    for (const value of credentialValues(credentials)) secrets.add(value);
    const judging = startJudge({ policyPackDir: options.policyPackDir, policyConfigFile: options.policyConfigFile, note: (m) => progress.detail(m) }, pkg);
    judging.catch(() => undefined);
    progress.detail(`Reading ${options.domain} (${credentials.kind === "token" ? "AUTH0_API_TOKEN" : "client credentials"})`);
    let tenant: LiveTenant;
    try {
        tenant = await readTenant({
            domain: options.domain,
            credentials,
            pageSize: options.pageSize,
            timeoutSeconds: options.requestTimeoutSeconds,
            maxRetries: options.maxRetries,
            onProgress: (m) => progress.page(m),
        });
    } catch (error) {
        // Not waited for: the pack may still be starting, and the analyzer kills every pack process
        // it started when this process exits (cli/analyzer/process.ts), which the CLI does next.
        judging.then((j) => j.close(), () => undefined);
        throw error;
    }
    if (tenant.read.rateLimited > 0) progress.step(`Rate-limited ${tenant.read.rateLimited} times; waited ${(tenant.read.waitedMs / 1000).toFixed(1)} s`);
    return { tenant, judge: await judging };
}

export async function audit(options: AuditOptions, pkg: PackageInfo = findPackage()): Promise<number> {
    const progress = new ReadProgress(options.verbose || process.stderr.isTTY === true);
    const secrets = new Set<string>();
    let judge: Judge | undefined;
    try {
        // Before the tenant is read: a report that can't be kept isn't worth the Management API's rate limit.
        if (options.outFile) checkReportFile(options.outFile);
        const started = await readAndStartJudge(options, pkg, progress, secrets);
        judge = started.judge;
        const live = toResources(started.tenant);
        progress.detail(`Judging ${live.resources.length} resources with ${judge.info.name} ${judge.info.version}`);
        const diagnostics = await judge.judge(live.resources);
        const tool = { name: pkg.name, version: pkg.version };
        const model = liveModel({ tool, tenant: started.tenant, live, pack: judge.info, diagnostics });
        let drift;
        if (options.drift) {
            progress.detail(`Running ${options.drift.projectDir} for stack ${options.drift.stack} (offline) to compare`);
            const declared = await declaredStack(options.drift.projectDir, options.drift.stack, pkg.root, options.drift.timeoutSeconds);
            drift = computeDrift({ report: model, objects: live.objects }, declaredModel(declared));
        }
        const report = buildAuditReport({ tool, tenant: started.tenant, live, pack: judge.info, diagnostics, model, drift });
        const rendered = renderAuditChunks(report, options.format);
        // As plan writes it: --out never follows a symlink nor replaces a device, and is replaced whole.
        await writeReport(rendered, options.outFile);
        progress.detail(`${report.verdict === "fail" ? "FAIL" : "PASS"}: ${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory`);
        return settleExitCode(report.verdict === "fail" ? EXIT_MANDATORY_VIOLATION : EXIT_OK);
    } catch (error) {
        return reportFailure(error, { verbose: options.verbose, format: options.format, outFile: options.outFile, secrets });
    } finally {
        await judge?.close();
    }
}
