// `formerly: <old key>` on an API or machine entry: the entry was renamed, and its resources must
// be kept, not replaced. Names become resource names, so a rename would otherwise delete the
// Auth0 application (its client_id changes and every consumer breaks) and create a new one.
// TenantAccess turns `formerly` into an alias; this checks that each one can only mean one thing.
import type { ConfigIssue } from "../../policy-pack/guardrails";

/** Issues with the `formerly` keys of one section (`apis` or `machines`), every one at once. */
export function renameIssues(section: "apis" | "machines", entries: ReadonlyMap<string, { readonly formerly?: string }>): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    const claimedBy = new Map<string, string>();
    for (const [key, entry] of entries) {
        const old = entry.formerly;
        if (old === undefined) continue;
        const path = [section, key, "formerly"];
        if (old === key) {
            issues.push({ path, message: `is "${key}", this entry's own name; formerly names the key it had before a rename, so remove it` });
        } else if (entries.has(old)) {
            issues.push({ path, message: `"${old}" is still the name of ${section}.${old}; both can't own its resources, so rename that entry first or drop formerly` });
        } else if (claimedBy.has(old)) {
            issues.push({ path, message: `"${old}" is already the former name of ${section}.${claimedBy.get(old)}; only one entry can take over its resources` });
        }
        claimedBy.set(old, key);
    }
    return issues;
}
