// The report's entry shapes that the access diff shares (cli/diff/types.ts). They live apart from
// the PlanReport so the report can hold a typed `diff` without an import circle report <-> diff.
import type { Shown } from "../values";

export type PlanLevel = "mandatory" | "advisory" | "remediate" | "disabled";

/** `tokenQuota.clientCredentials` of a machine. */
export interface PlanTokenQuota {
    readonly perHour: Shown<number> | null;
    readonly perDay: Shown<number> | null;
    readonly enforce: Shown<boolean> | null;
}

/** One entry of a policy's `exemptions` config (policy-pack/support/exemptions.ts). */
export interface PlanExemption {
    readonly policy: string;
    readonly resource: string;
    readonly reason: string;
    readonly expires: string;
}
