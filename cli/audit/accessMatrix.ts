// The access matrix: which application may get which scopes on which API. Both the audit (from
// live objects) and the plan (from a program) reduce to it, so the two can be compared. Its entries
// are the plan report's grants (cli/report/types.ts PlanGrant), cut to the access facts.
import { byText, type PlanGrant } from "../report/report";

export type AccessEntry = Pick<PlanGrant, "machine" | "audience" | "api" | "subjectType" | "scopes" | "allowAllScopes">;

/** A grant's scopes in a stable order; a marker (secret or unknown list) stays as it is. */
const sortedScopes = (scopes: PlanGrant["scopes"]): PlanGrant["scopes"] => (Array.isArray(scopes) ? [...scopes].map(String).sort(byText) : scopes);

export function accessMatrix(grants: readonly PlanGrant[]): AccessEntry[] {
    return grants
        .map(({ machine, audience, api, subjectType, scopes, allowAllScopes }) => ({ machine, audience, api, subjectType, scopes: sortedScopes(scopes), allowAllScopes }))
        .sort((a, b) => byText(a.machine, b.machine) || byText(String(a.audience), String(b.audience)) || byText(String(a.subjectType ?? "client"), String(b.subjectType ?? "client")));
}
