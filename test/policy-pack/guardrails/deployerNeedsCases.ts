// The shared shape of the deployer-table tests: each case's scopes per phase, written out by hand
// from the provider's calls, checked against deployerScopesFor with and without import and
// retainOnDelete.
import { expect, it } from "vitest";
import { deployerScopesFor, type PlannedResource } from "../../../policy-pack/guardrails/deployerScopes";

export type Phase = "create" | "read" | "update" | "delete";

export interface Case {
    readonly type: string;
    readonly inputs?: Record<string, unknown>;
    /** The scopes each phase needs, written out by hand from the provider's calls. */
    readonly phases: Partial<Record<Phase, string[]>>;
    /** Scopes needed whatever the phase: scope -> reason. */
    readonly fields?: Record<string, string>;
}

/** scope -> sorted reasons, as deployerScopesFor reports them for one resource and these phases. */
function expected(c: Case, phases: readonly Phase[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const phase of phases) for (const scope of c.phases[phase] ?? []) (out[scope] ??= []).push(`${phase} ${c.type}`);
    for (const [scope, reason] of Object.entries(c.fields ?? {})) (out[scope] ??= []).push(reason);
    return Object.fromEntries(Object.entries(out).map(([scope, reasons]) => [scope, reasons.sort()]));
}

const derived = (resource: PlannedResource) => Object.fromEntries(deployerScopesFor([resource]).map((s) => [s.scope, [...s.reasons]]));
const label = (c: Case) => `${c.type}${c.inputs ? ` ${JSON.stringify(c.inputs)}` : ""}`;

/** The two table tests every case gets; call inside a describe. */
export function itNeedsEachPhase(cases: readonly Case[]): void {
    it.each(cases.map((c) => [label(c), c] as const))("needs the provider's scopes, phase by phase, for %s", (_, c) => {
        expect(derived({ type: c.type, inputs: c.inputs ?? {} })).toEqual(expected(c, ["create", "read", "update", "delete"]));
    });

    it.each(cases.map((c) => [label(c), c] as const))("drops create for an adopted and delete for a retained %s", (_, c) => {
        const inputs = c.inputs ?? {};
        expect(derived({ type: c.type, inputs, import: "x" })).toEqual(expected(c, ["read", "update", "delete"]));
        expect(derived({ type: c.type, inputs, retainOnDelete: true })).toEqual(expected(c, ["create", "read", "update"]));
        expect(derived({ type: c.type, inputs, import: "x", retainOnDelete: true })).toEqual(expected(c, ["read", "update"]));
    });
}
