// The pack's diagnostics as the report lists them: most severe first, each with its resource, and
// with the policy's description kept apart from what this violation says.
import type { PolicyDiagnostic } from "../analyzer/types";
import { urnName, urnType } from "../program/urn";
import { scrubSecrets } from "../values";
import { byText, type PlanDiagnostic, type PlanLevel } from "./types";

const LEVEL_ORDER: Readonly<Record<PlanLevel, number>> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

/** The diagnostics, sorted, with any secret the program knows scrubbed from their text. */
export function reportDiagnostics(found: readonly PolicyDiagnostic[], secrets: ReadonlySet<string>): PlanDiagnostic[] {
    return found
        .map((d) => {
            const resource = d.urn && d.urn !== "" ? d.urn : null;
            return {
                policy: d.policyName,
                level: d.enforcementLevel,
                resource,
                resourceName: resource ? safe(() => urnName(resource)) : null,
                resourceType: resource ? safe(() => urnType(resource)) : null,
                message: scrubSecrets(specificMessage(d), secrets),
                description: scrubSecrets(d.description, secrets),
            };
        })
        .sort(
            (a, b) =>
                LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
                byText(a.policy, b.policy) ||
                byText(a.resource ?? "", b.resource ?? "") ||
                byText(a.message, b.message),
        );
}

/**
 * The pack server sends "<policy description>\n<violation message>"; the report keeps the
 * description in its own field, so the message is only what this violation says.
 */
function specificMessage(diagnostic: PolicyDiagnostic): string {
    const prefix = `${diagnostic.description}\n`;
    return diagnostic.description && diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message;
}

function safe<T>(read: () => T): T | null {
    try {
        return read();
    } catch {
        return null;
    }
}
