// The deployer's view: the Management API scopes the deploying application needs to apply this plan.
import { deployerScopesFor, isKnownToDeployerScopes } from "../../policy-pack/guardrails";
import type { CapturedResource } from "../program/protocol";
import { unwrapSecrets } from "../values";
import { byText, type PlanReport } from "./types";

/** The deployer's scopes for the program's custom resources; types it can't judge are added to `notes`. */
export function deployerView(custom: readonly CapturedResource[], notes: string[]): PlanReport["deployerScopes"] {
    const deployerScopes = deployerScopesFor(
        custom.map((r) => ({
            type: r.type,
            inputs: unwrapSecrets(r.properties) as Record<string, unknown>,
            import: r.importId,
            retainOnDelete: r.retainOnDelete,
        })),
    ).map((s) => ({ scope: s.scope as string, reasons: [...s.reasons], ...(s.forbiddenToOthers !== undefined ? { forbiddenToOthers: s.forbiddenToOthers } : {}) }));
    const unknownTypes = [...new Set(custom.map((r) => r.type).filter((t) => !isKnownToDeployerScopes(t)))].sort(byText);
    if (unknownTypes.length > 0) {
        notes.push(`The deployer scopes for ${unknownTypes.join(", ")} are not known to this version, so the list of deployer scopes may be incomplete.`);
    }

    return deployerScopes;
}
