// One adoption: read the tenant (read-only), build this project's config and the import file from
// what is live, judge what is live with the pack so every finding is listed with the exemption it
// would need, and write both files, or nothing.
import * as path from "node:path";
import { findPackage, type PackageInfo } from "../packageInfo";
import { reportFailure } from "../failure";
import { write } from "../output";
import { EXIT_MANDATORY_VIOLATION, EXIT_OK, settleExitCode } from "../errors";
import { MANAGEMENT_API_GRANT_KEY } from "../../infra/library";
import type { AdoptOptions } from "../audit/args";
import { readAndStartJudge } from "../audit/audit";
import { auditFindings, liveModel } from "../audit/auditReport";
import type { Judge } from "../audit/judge";
import { toResources } from "../audit/liveResources";
import { ReadProgress } from "../audit/progress";
import { adoptFilePaths, checkWritable, configText, importText, writeAdoptFiles } from "./adoptFiles";
import { buildAdoptModel } from "./adoptModel";
import { proposeScopes, readEndpointsFile } from "./proposals";
import { summaryLines } from "./summary";

export async function adopt(options: AdoptOptions, pkg: PackageInfo = findPackage()): Promise<number> {
    const progress = new ReadProgress(options.verbose || process.stderr.isTTY === true);
    const secrets = new Set<string>();
    let judge: Judge | undefined;
    try {
        const files = adoptFilePaths(options.outDir, options.stack);
        checkWritable(files, options.force);
        const endpoints = options.endpointsFile ? readEndpointsFile(options.endpointsFile) : undefined;
        const started = await readAndStartJudge(options, pkg, progress, secrets);
        judge = started.judge;
        const tenant = started.tenant;
        const model = buildAdoptModel(tenant, options.configDomain);
        const machines = (model.config["auth0-m2m:machines"] ?? {}) as Record<string, { grants: Record<string, string[]> }>;
        const proposals = endpoints ? proposeScopes(endpoints, model.machineClients, (m) => machines[m]?.grants[MANAGEMENT_API_GRANT_KEY], options.endpointsFile!) : [];

        const live = toResources(tenant);
        const judged = { tool: { name: pkg.name, version: pkg.version }, tenant, live, pack: judge.info, diagnostics: await judge.judge(live.resources) };
        // Findings on what is adopted, each with the exemption the adopted resource would need.
        const findings = auditFindings({ ...judged, model: liveModel(judged) }).filter((f) => f.object && model.names.has(f.object.id) && f.level !== "advisory");

        const lines = summaryLines({ domain: options.domain, version: pkg.version, importFile: path.basename(files.importFile), model, proposals, findings, policies: judge.info.policies });
        const text = configText(model, lines);
        writeAdoptFiles(files, text, importText(model));
        await write(process.stdout, `${lines.join("\n")}\n\nWrote ${files.configFile} and ${files.importFile}.\n`);
        return settleExitCode(findings.some((f) => f.level === "mandatory") ? EXIT_MANDATORY_VIOLATION : EXIT_OK);
    } catch (error) {
        return reportFailure(error, { verbose: options.verbose, secrets });
    } finally {
        await judge?.close();
    }
}
