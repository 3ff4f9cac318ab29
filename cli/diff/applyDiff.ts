// applyDiff(A, diff(A, B)) gives B: the diff carries everything it changes, so it is a complete
// account of the change, not a summary (test/cli/diff/applyDiff.property.test.ts checks it).
// Scopes and deployer scopes are rebuilt from their added and removed lists, not copied from head.
import { byText } from "../report/types";
import type { AccessDiff, AccessState, GrantState } from "./types";

const byKey = (a: { key: string }, b: { key: string }) => byText(a.key, b.key);

export function applyDiff(base: AccessState, diff: AccessDiff): AccessState {
    const grants = applyTo(
        base.grants,
        diff.grants.removed,
        diff.grants.added.map((a) => a.entry),
        diff.grants.changed.map((c): GrantState => {
            if (typeof c.after.scopes === "string") return c.after;
            const removed = new Set(c.scopesRemoved);
            const kept = typeof c.before.scopes === "string" ? [] : c.before.scopes.filter((s) => !removed.has(s));
            return { ...c.after, scopes: [...kept, ...c.scopesAdded.map((s) => s.scope)].sort(byText) };
        }),
    );
    const deployerRemoved = new Set(diff.deployerScopes.removed);
    const findingsResolved = new Set(diff.findings.resolved.map((f) => f.key));
    return {
        machines: applyTo(base.machines, diff.machines.removed, diff.machines.added.map((a) => a.entry), diff.machines.changed.map((c) => c.after)),
        grants,
        apis: applyTo(base.apis, diff.apis.removed, diff.apis.added.map((a) => a.entry), diff.apis.changed.map((c) => c.after)),
        exemptions: applyTo(base.exemptions, diff.exemptions.removed, diff.exemptions.added.map((a) => a.entry), diff.exemptions.changed.map((c) => c.after)),
        deployerScopes: [...base.deployerScopes.filter((s) => !deployerRemoved.has(s)), ...diff.deployerScopes.added.map((s) => s.scope)].sort(byText),
        findings: [...base.findings.filter((f) => !findingsResolved.has(f.key)), ...diff.findings.new].sort(byKey),
    };
}

function applyTo<T extends { key: string }>(entries: readonly T[], removed: readonly T[], added: readonly T[], changed: readonly T[]): T[] {
    const gone = new Set(removed.map((e) => e.key));
    const replaced = new Map(changed.map((e) => [e.key, e] as const));
    return [...entries.filter((e) => !gone.has(e.key)).map((e) => replaced.get(e.key) ?? e), ...added].sort(byKey);
}
