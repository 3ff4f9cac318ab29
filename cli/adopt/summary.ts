// What adopt says about an adoption, printed and written as comments above the stack's config: how
// to import, the secrets note, least-privilege proposals, findings with the exemption each needs,
// and every live object left out, with why and the fix.
import type { PolicyPackInfo } from "../analyzer";
import type { AuditFinding } from "../audit/auditReport";
import type { AdoptModel } from "./adoptModel";
import type { Proposal } from "./proposals";

export interface SummaryInput {
    readonly domain: string;
    readonly version: string;
    /** The import file's name (not its path). */
    readonly importFile: string;
    readonly model: AdoptModel;
    readonly proposals: readonly Proposal[];
    /** Findings on adopted objects (each has an object the model names). */
    readonly findings: readonly AuditFinding[];
    /** The pack's policies, whose config schemas say what an exemption needs. */
    readonly policies: PolicyPackInfo["policies"];
}

/** What one exemption of `policy` must hold, read from the pack's own config schema. */
function exemptionTemplate(policies: SummaryInput["policies"], policy: string, resource: string): string {
    const item = (policies.find((p) => p.name === policy)?.configSchema?.properties.exemptions as { items?: { properties?: Record<string, { minLength?: number }> } } | undefined)?.items?.properties;
    const reason = item?.reason?.minLength !== undefined ? `<why, ${item.reason.minLength}+ characters>` : "<why>";
    const scopes = item?.scopes !== undefined ? `, "scopes": [<the scopes named above>]` : "";
    return `{ "${policy}": { "exemptions": [{ "resource": "${resource}"${scopes}, "reason": ${reason}, "expires": <YYYY-MM-DD> }] } }`;
}

export function summaryLines(input: SummaryInput): string[] {
    const { model } = input;
    const lines: string[] = [`Adopted from ${input.domain} by auth0-m2m adopt ${input.version}. Live values are kept as they are; nothing is narrowed.`, `Import first: pulumi import --file ${input.importFile}`];
    if (model.secretMachines.length > 0) {
        lines.push("", `Secrets are never read or written here. ${model.secretMachines.join(", ")} authenticate with a client secret and keep their method (client_secret_post or client_secret_basic):`);
        lines.push("the component generates its own secret, so its first update (and every secretVersion bump) replaces the live secret.", "Hand the new secret (pulumi stack output --show-secrets clientSecrets) to each application before or as it rotates.");
    }
    for (const p of input.proposals) {
        lines.push("", `Least privilege for ${p.machine} (Management API), from --endpoints: ${p.proposed.join(" ") || "(none)"}`);
        lines.push(`  live: ${p.live.join(" ") || "(none)"}; not needed: ${p.unneeded.join(" ") || "none"}; needed but not live: ${p.missing.join(" ") || "none"}. Kept as live; narrow by hand.`);
    }
    for (const f of input.findings) {
        const resource = model.names.get(f.object!.id);
        lines.push("", `${f.level} ${f.policy} on ${resource} (${f.object!.name}, ${f.object!.id}): ${f.message.split("\n")[0]}`);
        lines.push(`  kept as live; until fixed it needs: ${exemptionTemplate(input.policies, f.policy, resource!)}`);
    }
    for (const s of model.skipped) {
        lines.push("", `Not adopted: ${s.kind} "${s.name}" (${s.id}): ${s.reason}.`);
        if (s.fix) lines.push(`  fix: ${s.fix}.`);
    }
    return lines;
}
