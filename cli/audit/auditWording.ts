// Sentences the audit's text and Markdown reports share, so both say the same thing.
import type { AccessEntry } from "./accessMatrix";
import type { AuditFinding, AuditReport } from "./auditReport";
import type { Drift } from "./drift";

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A grant's scopes as words; a marker for a whole list that can't be shown stays as it is. */
export const scopeWords = (e: AccessEntry): string[] => (Array.isArray(e.scopes) ? e.scopes.map(String) : [String(e.scopes)]);

/** "(user access)" after a grant that is not client credentials. */
export const subjectNote = (e: Pick<AccessEntry, "subjectType">) => (e.subjectType !== null && e.subjectType !== "client" ? ` (${String(e.subjectType)} access)` : "");

export function objectLabel(f: AuditFinding): string {
    if (!f.object) return "the tenant";
    const kind = f.object.kind === "application" ? "application" : f.object.kind === "grant" ? "grant" : "API";
    return `${kind} "${f.object.name}" (${f.object.id})`;
}

export function verdictLine(report: AuditReport): string {
    const s = report.summary;
    return `${report.verdict === "fail" ? "FAIL" : "PASS"}: ${plural(s.mandatory, "mandatory finding")}, ${plural(s.advisory, "advisory finding")}`;
}

export function judgedLine(report: AuditReport, packLabel: string): string {
    const s = report.summary;
    return `${plural(s.applications, "application")}, ${plural(s.grants, "grant")}, ${plural(s.apis, "API")} judged by ${packLabel}; ${s.system} of Auth0's own objects not judged.`;
}

export function waitLine(report: AuditReport): string | undefined {
    const r = report.read;
    if (r.rateLimited === 0 && r.serverErrors === 0) return undefined;
    return `Read ${plural(r.requests, "request")}: ${plural(r.rateLimited, "rate-limit answer")} (429) and ${plural(r.serverErrors, "server error")} (5xx) retried; waited ${(r.waitedMs / 1000).toFixed(1)} s in total.`;
}

export function driftLines(drift: Drift): string[] {
    const out: string[] = [];
    for (const a of drift.applicationsOnlyLive) out.push(`application "${a.name}" (${a.id}) exists only live`);
    for (const a of drift.applicationsOnlyDeclared) out.push(`application "${a}" is declared but not live`);
    for (const g of drift.grantsOnlyLive) out.push(`grant ${g.machine} → ${String(g.audience)}${subjectNote(g)} is live but no stack declares it (scopes: ${scopeWords(g).join(" ") || "none"})`);
    for (const g of drift.grantsOnlyDeclared) out.push(`grant ${g.machine} → ${String(g.audience)}${subjectNote(g)} is declared but not live`);
    for (const s of drift.scopes) out.push(`scope ${s.scope} on ${s.machine} → ${String(s.audience)}${subjectNote(s)}: ${s.state === "live-only" ? "granted live, not declared" : "declared, not granted live"}`);
    for (const a of drift.apisOnlyLive) out.push(`API ${a} exists only live`);
    for (const a of drift.apisOnlyDeclared) out.push(`API ${a} is declared but not live`);
    for (const a of drift.apis) {
        out.push(a.field === "scope" ? `API ${a.identifier} scope ${a.detail}: ${a.live ? "defined live, not declared" : "declared, not defined live"}` : `API ${a.identifier} ${a.field}: live ${a.live ?? "unset"}, declared ${a.declared}`);
    }
    return out;
}
