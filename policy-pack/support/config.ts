// Policy configuration: one place per rule for each knob's schema and default, applied in code too,
// because the pack server hands policies the config exactly as received (the engine fills schema
// defaults, but a policy group or a test harness might not).
import { formatPath, isRecord } from "../guardrails/configPath";
import type { Exemption, ExemptionKind } from "./exemptions";

/** Every rule's config has exemptions on top of its own knobs. */
export interface ExemptionArgs {
    readonly exemptions: readonly Exemption[];
}

export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

/** Where a value sits in a policy's config, for errors: `policy config auth0-token-lifetime-limits.apiOverrides["https://x"]`. */
export class PolicyConfigLocation {
    constructor(
        readonly policyName: string,
        private readonly path: readonly (string | number)[] = [],
    ) {}

    key(name: string): PolicyConfigLocation {
        return new PolicyConfigLocation(this.policyName, [...this.path, name]);
    }

    index(i: number): PolicyConfigLocation {
        return new PolicyConfigLocation(this.policyName, [...this.path, i]);
    }

    toString(): string {
        return `policy config ${this.policyName}${formatPath(this.path, true)}`;
    }

    fail(problem: string, value: unknown): never {
        throw new PolicyConfigError(
            `${this}: ${problem}, got ${JSON.stringify(value)}. Fix it in the file given to --policy-pack-config ` +
                `(or the policy group's config); see the pack README for the schema.`,
        );
    }
}

export function readInteger(value: unknown, at: PolicyConfigLocation, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        at.fail(`must be a whole number from ${min} to ${max}`, value);
    }
    return value;
}

export function readStringArray(value: unknown, at: PolicyConfigLocation): string[] {
    if (!Array.isArray(value)) at.fail("must be a list of strings", value);
    return value.map((item, i) => (typeof item === "string" && item !== "" ? item : at.index(i).fail("must be a non-empty string", item)));
}

export function readRecord(value: unknown, at: PolicyConfigLocation): Record<string, unknown> {
    if (!isRecord(value)) at.fail("must be an object", value);
    return value;
}

export function readExemptions(value: unknown, at: PolicyConfigLocation, kind: ExemptionKind): Exemption[] {
    const fields = kind === "scope" ? ["resource", "reason", "expires", "scopes"] : ["resource", "reason", "expires"];
    const shape = kind === "scope" ? "{ resource, reason, expires, scopes }" : "{ resource, reason, expires }";
    if (!Array.isArray(value)) at.fail(`must be a list of ${shape}`, value);
    return value.map((item, i) => {
        const entry = at.index(i);
        const record = readRecord(item, entry);
        for (const key of Object.keys(record)) {
            if (key === "scopes" && kind === "resource") {
                entry.key(key).fail("is not allowed: this policy judges a resource as a whole, so an exemption covers the whole resource; remove scopes", record[key]);
            }
            if (!fields.includes(key)) entry.key(key).fail(`is not an exemption field (${fields.join(", ")})`, record[key]);
        }
        // Content (reason length, date) is judged later so a bad entry is audited, not fatal;
        // only the shape is enforced here. A scope rule's missing scopes is refused once the
        // findings are known (exemptionReview.ts), so the message can list them.
        for (const key of ["resource", "reason", "expires"] as const) {
            if (typeof record[key] !== "string") entry.key(key).fail("must be a string", record[key]);
        }
        const exemption = { resource: record.resource as string, reason: record.reason as string, expires: record.expires as string };
        if (record.scopes === undefined) return exemption;
        const scopes = readStringArray(record.scopes, entry.key("scopes"));
        if (scopes.length === 0) entry.key("scopes").fail("must list at least one scope the exemption accepts", record.scopes);
        return { ...exemption, scopes };
    });
}

/**
 * Overlays the given config on the defaults (top-level keys replace defaults, as the engine does)
 * and rejects keys the schema doesn't know: a misspelt knob would otherwise be ignored silently.
 */
export function mergeWithDefaults(
    given: Record<string, unknown>,
    defaults: Record<string, unknown>,
    at: PolicyConfigLocation,
): Record<string, unknown> {
    for (const key of Object.keys(given)) {
        if (!(key in defaults)) {
            const known = Object.keys(defaults).map((k) => JSON.stringify(k)).join(", ");
            at.key(key).fail(`is not a setting of this policy (known: ${known})`, given[key]);
        }
    }
    const merged: Record<string, unknown> = { ...defaults };
    for (const [key, value] of Object.entries(given)) {
        if (value !== undefined) merged[key] = value;
    }
    return merged;
}
