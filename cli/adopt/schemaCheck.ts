// Adopt writes only config the stack's own check accepts: the draft goes through the library's
// parseTenantConfig (what infra/index.ts runs on every `pulumi up`), and each entry with an issue is
// taken out whole, with the schema's reason, until the rest passes. An issue outside every entry
// (the domain) fails the whole adoption: nothing is written.
import { formatConfigPath, parseTenantConfig } from "../../infra/library";
import type { ConfigIssue } from "../../policy-pack/guardrails";
import { configError } from "../errors";
import type { Draft, DraftEntry, Skipped } from "./draft";

/** What to do about an object the schema refused; its reason says what the schema accepts. */
const SCHEMA_FIX = "change the live object to what the config accepts (or declare it in code with the exemption it needs), then run adopt again; until then it stays live, unmanaged and unchanged";

/** The `config:` values parseTenantConfig reads (infra/config/loadStackConfig.ts). */
export function tenantConfigInput(draft: Draft): Record<string, unknown> {
    const entries = <T extends DraftEntry>(map: ReadonlyMap<string, T>, config: (entry: T) => Record<string, unknown>) =>
        map.size === 0 ? undefined : Object.fromEntries([...map].map(([key, entry]) => [key, config(entry)]));
    return {
        domain: draft.root.domain,
        ...(draft.root.tenantDomain !== undefined ? { tenantDomain: draft.root.tenantDomain } : {}),
        ...(draft.management ? { managementApi: draft.management.config } : {}),
        apis: entries(draft.apis, (api) => api.config),
        machines: entries(draft.machines, (m) => ({ ...m.config, grants: Object.fromEntries([...m.grants].map(([api, g]) => [api, [...g.scopes]])) })),
    };
}

const reasonOf = (issues: readonly ConfigIssue[]) => issues.map((i) => `${formatConfigPath(i.path, "stack")}: ${i.message}`).join("; ");

/** Takes out of `draft` every entry the schema refuses, listing each in `draft.skipped`; throws when the domain itself is refused. */
export function checkDraft(draft: Draft): void {
    // Each round takes out at least one entry, so this ends; later rounds catch grants on a removed API.
    for (;;) {
        const parsed = parseTenantConfig(tenantConfigInput(draft));
        if (parsed.ok) return;
        const byEntry = new Map<string, ConfigIssue[]>();
        const outside: ConfigIssue[] = [];
        for (const issue of parsed.issues) {
            const entry = entryOf(issue, draft);
            if (entry === undefined) outside.push(issue);
            else byEntry.set(entry, [...(byEntry.get(entry) ?? []), issue]);
        }
        if (outside.length > 0 || byEntry.size === 0) {
            throw configError(`adopt can't write a stack config this project accepts; nothing was written:\n${(outside.length > 0 ? outside : parsed.issues).map((i) => `  - ${formatConfigPath(i.path, "stack")}: ${i.message}`).join("\n")}`);
        }
        for (const [entry, issues] of byEntry) remove(draft, entry.split("\u0000"), { reason: `the config check refuses it: ${reasonOf(issues)}`, fix: SCHEMA_FIX });
    }
}

/** The entry an issue is about, as "section\0key[\0api]", or undefined for the domain and other root issues. */
function entryOf(issue: ConfigIssue, draft: Draft): string | undefined {
    const [section, key, level, api] = issue.path;
    if (section === "managementApi" && draft.management) return "managementApi";
    if (section === "apis" && typeof key === "string" && draft.apis.has(key)) return `apis\u0000${key}`;
    if (section !== "machines" || typeof key !== "string" || !draft.machines.has(key)) return undefined;
    if (level === "grants" && typeof api === "string" && draft.machines.get(key)!.grants.has(api)) return `machines\u0000${key}\u0000${api}`;
    return `machines\u0000${key}`;
}

type Why = Pick<Skipped, "reason" | "fix">;

function remove(draft: Draft, [section, key, api]: string[], why: Why): void {
    if (section === "managementApi") {
        draft.skipped.push({ kind: "api", ...draft.management!.ref, ...why });
        draft.management = undefined;
    } else if (section === "apis") {
        const removed = draft.apis.get(key)!;
        draft.apis.delete(key);
        draft.skipped.push({ kind: "api", ...removed.ref, ...why });
        for (const machine of draft.machines.values()) {
            const grant = machine.grants.get(key);
            if (!grant) continue;
            machine.grants.delete(key);
            draft.skipped.push({ kind: "grant", ...grant.ref, reason: `its API "${removed.ref.name}" is not adopted (listed with its reason)` });
        }
    } else if (api !== undefined) {
        const machine = draft.machines.get(key)!;
        draft.skipped.push({ kind: "grant", ...machine.grants.get(api)!.ref, ...why });
        machine.grants.delete(api);
    } else {
        const machine = draft.machines.get(key)!;
        draft.machines.delete(key);
        draft.skipped.push({ kind: "application", ...machine.ref, ...why });
        for (const grant of machine.grants.values()) draft.skipped.push({ kind: "grant", ...grant.ref, reason: `its application "${machine.ref.name}" is not adopted (listed with its reason)` });
    }
}
