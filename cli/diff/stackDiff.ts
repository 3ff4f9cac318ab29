// One stack's `diff` section from the outcomes of its two sides. A side that failed to plan is
// reported as failed, never as "no change"; a base without the stack compares head with nothing.
import type { PlanReport } from "../report/types";
import { accessStateOf, EMPTY_ACCESS } from "./accessState";
import { diffAccess, diffRisk, isEmptyDiff } from "./diffAccess";
import type { SideOutcome, StackDiff } from "./types";

/** A side as the plan produced it: its report when it planned. */
export type PlannedSide = Exclude<SideOutcome, { status: "planned" }> | (Extract<SideOutcome, { status: "planned" }> & { readonly report: PlanReport });

export function stackDiff(project: string, stack: string, base: PlannedSide, head: PlannedSide, now: Date): StackDiff {
    const state = (side: PlannedSide) => (side.status === "planned" ? accessStateOf(side.report) : side.status === "absent" ? EMPTY_ACCESS : undefined);
    const [before, after] = [state(base), state(head)];
    // Scopes are marked by the lists head's plan had in effect: that is the access being reviewed.
    const changes = before && after ? diffAccess(before, after, now, head.status === "planned" ? head.report.scopeRisks : undefined) : null;
    const headMandatory = head.status === "planned" ? head.report.diagnostics.filter((d) => d.level === "mandatory").length : 0;
    return {
        project,
        stack,
        base: outcome(base),
        head: outcome(head),
        changes,
        unchanged: changes !== null && base.status === "planned" && head.status === "planned" && isEmptyDiff(changes),
        risk: changes ? diffRisk(changes) : null,
        // A base that failed to plan had no findings we can trust: every mandatory finding on head counts as new.
        newMandatory: changes ? changes.findings.new.filter((f) => f.level === "mandatory").length : headMandatory,
    };
}

function outcome(side: PlannedSide): SideOutcome {
    if (side.status === "planned") return { status: "planned", source: side.source };
    return side;
}
