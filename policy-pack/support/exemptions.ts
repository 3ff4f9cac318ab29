// Exemptions: a policy's config may list resources it should not flag, each with a reason and an
// expiry. CrossGuard config is per policy, so an exemption lives under the policy it exempts.

export interface Exemption {
    /** A full URN (`urn:pulumi:...`), or a glob over the resource's logical name where `*` matches anything. */
    readonly resource: string;
    /** Why the exemption is acceptable; at least MIN_EXEMPTION_REASON_LENGTH characters. */
    readonly reason: string;
    /** `YYYY-MM-DD`; the exemption holds through the end of that day, UTC. */
    readonly expires: string;
}

export const MIN_EXEMPTION_REASON_LENGTH = 20;

/** The `exemptions` entry of every rule's configSchema. */
export const EXEMPTIONS_SCHEMA = {
    type: "array",
    description:
        "Resources this policy does not flag. Each entry needs the resource (a full URN, or a glob over the logical " +
        "name where * matches anything), a reason of at least 20 characters, and an expiry date (YYYY-MM-DD, valid " +
        "through that day UTC).",
    default: [],
    items: {
        type: "object",
        additionalProperties: false,
        required: ["resource", "reason", "expires"],
        properties: {
            resource: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: MIN_EXEMPTION_REASON_LENGTH },
            expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
    },
} as const;

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

/** `exemptions[2] (resource "legacy-*", expires 2026-03-31)`: how messages name an exemption. */
export function describeExemption(exemption: Exemption, index: number): string {
    return `exemptions[${index}] (resource ${JSON.stringify(exemption.resource)}, expires ${exemption.expires})`;
}
