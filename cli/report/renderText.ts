// The report as text for a terminal.
import type { PlanGrant, PlanReport } from "./types";
import {
    accessPolicy,
    apiByLabel,
    authentication,
    counted,
    grantContext,
    grantsByMachine,
    extraSections,
    forbiddenNote,
    grantScopes,
    lifetime,
    number,
    quota,
    resourceLabel,
    shown,
    stackConfigLine,
    tokenBinding,
    verdictLine,
} from "./wording";

export function renderText(report: PlanReport): string {
    const out: string[] = [];
    const { summary } = report;
    out.push(`auth0-m2m plan: project ${report.project}, stack ${report.stack}`);
    out.push(
        `Policy pack ${report.policyPack.name} ${report.policyPack.version}; ${counted(summary.resources, "resource")}, ` +
            `${counted(summary.machines, "machine")}, ${counted(summary.otherApplications, "other application")} with grants, ` +
            `${counted(summary.apis, "API")}, ${counted(summary.grants, "grant")}`,
    );
    out.push(stackConfigLine(report));

    const apis = apiByLabel(report);
    const byMachine = grantsByMachine(report);
    out.push("", "Access matrix (machine -> API -> scopes)");
    if (report.grants.length === 0 && report.machines.length === 0) out.push("  (no machines and no grants)");
    const machineLines = (title: string, grants: readonly PlanGrant[]) => {
        out.push(`  ${title}`);
        if (grants.length === 0) out.push("    (no grants)");
        for (const grant of grants) {
            const api = apis.get(grant.api);
            const identifier = grant.managementApi ? "" : `  ${shown(grant.audience, String)}`;
            out.push(`    -> ${grant.api}${identifier}  (tokens ${lifetime(api, "tokenLifetime")})`);
            out.push(`         ${grantScopes(grant).join(", ") || "(no scopes)"}`);
            const context = grantContext(grant);
            if (context) out.push(`         ${context}`);
        }
    };
    for (const machine of report.machines) {
        machineLines(`${machine.machine} [${machine.name}]: ${authentication(machine)}; ${quota(machine)}`, byMachine.get(machine.urn) ?? []);
    }
    for (const [key, grants] of byMachine) if (key.startsWith("machine:")) machineLines(grants[0].machine, grants);
    if (report.otherApplications.length > 0) {
        out.push("", "Other applications with grants (can't use client credentials)");
        for (const app of report.otherApplications) {
            machineLines(`${app.machine} [${app.name}]: appType ${app.appType === null ? "unset" : shown(app.appType, String)}`, byMachine.get(app.urn) ?? []);
        }
    }

    out.push("", "APIs");
    if (report.apis.length === 0) out.push("  (none)");
    for (const api of report.apis) {
        const flags = [api.adopted ? "adopted" : "", api.retained ? "retained on delete" : ""].filter(Boolean).join(", ");
        out.push(`  ${api.label}  ${shown(api.identifier, String)}${flags ? `  [${flags}]` : ""}`);
        if (api.urn === null) {
            out.push("    not managed by this program");
            continue;
        }
        const web = api.managementApi ? "" : `; web ${lifetime(api, "tokenLifetimeForWeb")}`;
        out.push(`    token lifetime ${lifetime(api, "tokenLifetime")}${web}`);
        out.push(`    access: ${accessPolicy(api)}; token binding: ${tokenBinding(api)}`);
        if (api.scopes) out.push(`    scopes: ${api.scopes.map((s) => shown(s, String)).join(", ") || "(none)"}`);
    }

    out.push("", "Adopted instead of created (import)");
    if (report.adopted.length === 0) out.push("  (none)");
    for (const r of report.adopted) out.push(`  ${r.type} "${r.name}" <- existing id ${r.importId}`);
    out.push("", "Retained instead of deleted (retainOnDelete)");
    if (report.retained.length === 0) out.push("  (none)");
    for (const r of report.retained) out.push(`  ${r.type} "${r.name}"`);

    out.push("", `Management API scopes the deployer needs (${number(report.deployerScopes.length)})`);
    if (report.deployerScopes.length === 0) out.push("  (none)");
    const width = Math.max(0, ...report.deployerScopes.map((s) => s.scope.length));
    for (const s of report.deployerScopes) out.push(`  ${s.scope.padEnd(width)}  ${s.reasons.join("; ")}${forbiddenNote(s)}`);

    const findings = report.diagnostics.filter((d) => !report.exemptionsApplied.includes(d));
    out.push("", `Policy diagnostics (${summary.mandatory} mandatory, ${summary.advisory} advisory)`);
    if (findings.length === 0) out.push("  (none)");
    for (const d of findings) {
        out.push(`  ${d.level.toUpperCase()}  ${d.policy}  ${resourceLabel(d)}`);
        for (const line of d.message.split("\n")) out.push(`      ${line}`);
    }
    out.push("", `Exemptions applied (${number(report.exemptionsApplied.length)})`);
    if (report.exemptionsApplied.length === 0) out.push("  (none)");
    for (const d of report.exemptionsApplied) out.push(`  ${resourceLabel(d)}: ${d.message}`);

    for (const [title, lines] of extraSections(report)) {
        out.push("", title);
        for (const line of lines) out.push(`  - ${line}`);
    }

    if (report.notes.length > 0) {
        out.push("", "Notes");
        for (const note of report.notes) out.push(`  - ${note}`);
    }
    out.push("", verdictLine(report));
    return `${out.join("\n")}\n`;
}
