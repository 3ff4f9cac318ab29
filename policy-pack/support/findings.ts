// What a rule's pure check produces: violations, and the fields it could not check during preview.
import { labelOf, type Auth0Resource } from "./resources";

export interface Finding {
    readonly resource: Auth0Resource;
    /** Names the resource, the offending value and the limit, and says how to fix it. */
    readonly message: string;
    /** For a scope rule: the scope (or flagged setting, e.g. `allowAllScopes`) the finding is about. */
    readonly scope?: string;
}

export interface Unchecked {
    readonly resource: Auth0Resource;
    /** The property path that was unknown, e.g. `scopes[1]`. */
    readonly field: string;
    /** What could not be verified because of it, e.g. `whether it contains a wildcard`. */
    readonly check: string;
}

export class Findings {
    readonly violations: Finding[] = [];
    readonly unchecked: Unchecked[] = [];

    report(resource: Auth0Resource, message: string, scope?: string): void {
        this.violations.push(scope === undefined ? { resource, message } : { resource, message, scope });
    }

    cannotCheck(resource: Auth0Resource, field: string, check: string): void {
        this.unchecked.push({ resource, field, check });
    }
}

/** The text of the preview advisory: exactly which field of which resource couldn't be verified. */
export function describeUnchecked(unchecked: readonly Unchecked[]): string {
    const lines = unchecked.map(
        (u) => `${labelOf(u.resource)}: ${u.field} is unknown during preview, so ${u.check} can't be verified until \`pulumi up\``,
    );
    return [...new Set(lines)].join("; ");
}
