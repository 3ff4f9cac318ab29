// Exemptions: a policy's config may list resources it should not flag, each with a reason and an
// expiry. CrossGuard config is per policy, so an exemption lives under the policy it exempts.
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { quoteList } from "../guardrails/suggestions";

export interface Exemption {
    /** A full URN (`urn:pulumi:...`), or a glob over the resource's logical name where `*` matches anything. */
    readonly resource: string;
    /** Why the exemption is acceptable; at least MIN_EXEMPTION_REASON_LENGTH characters. */
    readonly reason: string;
    /** `YYYY-MM-DD`; the exemption holds through the end of that day, UTC. */
    readonly expires: string;
    /**
     * For a scope rule (see `ExemptionKind`), the scopes it accepts on that resource, or the
     * settings such as `allowAllScopes` the rule flags; findings about anything else still fail.
     * Required there, refused elsewhere.
     */
    readonly scopes?: readonly string[];
}

/**
 * `scope`: the rule reports each scope (or scope-like setting) of a resource on its own, so an
 * exemption names the ones it accepts. `resource`: the rule judges the resource as a whole.
 */
export type ExemptionKind = "scope" | "resource";

export const MIN_EXEMPTION_REASON_LENGTH = 20;

const EXEMPTION_FIELDS = {
    resource: { type: "string", minLength: 1 },
    reason: { type: "string", minLength: MIN_EXEMPTION_REASON_LENGTH },
    expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
} as const;

/**
 * The `exemptions` entry of a rule's configSchema. `scopes` is not marked required for scope
 * rules: the rule itself refuses an exemption without it, with a message that lists the scopes
 * its findings name, which a schema error can't.
 */
export function exemptionsSchema(kind: ExemptionKind): PolicyConfigJSONSchema {
    const common =
        "Each entry needs the resource (a full URN, or a glob over the logical name where * matches anything), a reason " +
        `of at least ${MIN_EXEMPTION_REASON_LENGTH} characters, and an expiry date (YYYY-MM-DD, valid through that day UTC)`;
    return {
        type: "array",
        description:
            kind === "scope"
                ? `Findings this policy does not flag. ${common}, and scopes: the scopes (or flagged settings such as ` +
                  "allowAllScopes) it accepts on that resource; findings for any other scope still fail."
                : `Resources this policy does not flag. ${common}.`,
        default: [],
        items: {
            type: "object",
            additionalProperties: false,
            required: ["resource", "reason", "expires"],
            properties:
                kind === "scope"
                    ? { ...EXEMPTION_FIELDS, scopes: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } } }
                    : EXEMPTION_FIELDS,
        },
    };
}

export type ExemptionState =
    | { readonly kind: "active" }
    | { readonly kind: "expired" }
    | { readonly kind: "invalid"; readonly problems: readonly string[] };

/** The first instant after the expiry day (UTC), or undefined when `expires` is not a real date. */
function endOfExpiryDay(expires: string): number | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expires);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const start = new Date(Date.UTC(year, month - 1, day));
    if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) return undefined;
    return Date.UTC(year, month - 1, day + 1);
}

/** Problems that make an exemption unusable, whatever the date. Also checked in code: the pack server doesn't validate config. */
export function exemptionProblems(exemption: Exemption): string[] {
    const problems: string[] = [];
    if (typeof exemption.resource !== "string" || exemption.resource.trim() === "") {
        problems.push("its resource is empty; give a full URN or a logical-name glob");
    }
    const reason = typeof exemption.reason === "string" ? exemption.reason.trim() : "";
    if (reason.length < MIN_EXEMPTION_REASON_LENGTH) {
        problems.push(
            `its reason ${JSON.stringify(exemption.reason ?? "")} is ${reason.length} characters, under the minimum of ` +
                `${MIN_EXEMPTION_REASON_LENGTH}; say why the exemption is safe and who accepted the risk`,
        );
    }
    if (typeof exemption.expires !== "string" || endOfExpiryDay(exemption.expires) === undefined) {
        problems.push(`its expiry ${JSON.stringify(exemption.expires ?? "")} is not a date in the form YYYY-MM-DD`);
    }
    return problems;
}

export function exemptionState(exemption: Exemption, now: Date): ExemptionState {
    const problems = exemptionProblems(exemption);
    if (problems.length > 0) return { kind: "invalid", problems };
    return now.getTime() >= endOfExpiryDay(exemption.expires)! ? { kind: "expired" } : { kind: "active" };
}

function globToRegExp(glob: string): RegExp {
    const pattern = glob
        .split("*")
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${pattern}$`);
}

export function exemptionMatches(exemption: Exemption, resource: { readonly urn: string; readonly name: string }): boolean {
    if (typeof exemption.resource !== "string") return false;
    if (exemption.resource.startsWith("urn:pulumi:")) return exemption.resource === resource.urn;
    return globToRegExp(exemption.resource).test(resource.name);
}

/** `exemptions[2] (resource "legacy-*", scopes "a", "b", expires 2026-03-31)`: how messages name an exemption. */
export function describeExemption(exemption: Exemption, index: number): string {
    const scopes = exemption.scopes ? `, scopes ${quoteList(exemption.scopes)}` : "";
    return `exemptions[${index}] (resource ${JSON.stringify(exemption.resource)}${scopes}, expires ${exemption.expires})`;
}
