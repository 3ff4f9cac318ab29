// The access matrix: which application may get which scopes on which API. Both the audit (from
// live objects) and the plan (from a program) reduce to it, so the two can be compared.
import type { PlanGrant } from "../report/report";

export interface AccessEntry {
    /** The application's display name. */
    readonly application: string;
    readonly audience: string;
    readonly scopes: readonly string[];
    readonly allowAllScopes: boolean;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function accessMatrix(grants: readonly PlanGrant[]): AccessEntry[] {
    return grants
        .map((g) => ({
            application: g.machine,
            audience: String(g.audience),
            scopes: Array.isArray(g.scopes) ? [...(g.scopes as string[])].sort(byText) : [],
            allowAllScopes: g.allowAllScopes,
        }))
        .sort((a, b) => byText(a.application, b.application) || byText(a.audience, b.audience));
}
