// How each kind of change moves access. Pure; the Auth0 facts behind each rank are cited inline.
import { ACCESS_POLICIES_NARROWEST_FIRST, AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS, AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS, hasWildcard } from "../../policy-pack/guardrails";
import type { PlanScopeRisks } from "../report/entryTypes";
import { SECRET_TEXT, UNKNOWN_TEXT, type Shown } from "../values";
import type { GrantState, MachineState, Risk } from "./types";

const ORDER: readonly Risk[] = ["neutral", "narrowing", "widening", "sensitive", "escalation"];

/** The strongest of several risks (escalation > sensitive > widening > narrowing > neutral). */
export function strongest(risks: Iterable<Risk>): Risk {
    let best: Risk = "neutral";
    for (const risk of risks) if (ORDER.indexOf(risk) > ORDER.indexOf(best)) best = risk;
    return best;
}

/** The escalation and sensitive lists in effect for the plan, as sets (see cli/report/scopeRisks.ts). */
export interface ScopeMarks {
    readonly escalation: ReadonlySet<string>;
    readonly sensitive: ReadonlySet<string>;
}

export function scopeMarksOf(risks: Pick<PlanScopeRisks, "escalation" | "sensitive">): ScopeMarks {
    return { escalation: new Set(risks.escalation), sensitive: new Set(risks.sensitive) };
}

/**
 * A Management API scope gained: on the escalation list in effect it is the strongest mark, on the
 * sensitive list the next; a wildcard may cover escalation scopes, so it is marked as one. Any
 * other gain, or any scope on another API, widens.
 */
export function scopeGainRisk(scope: string, managementApi: boolean, marks: ScopeMarks): Risk {
    if (!managementApi) return "widening";
    if (marks.escalation.has(scope) || (hasWildcard(scope) && marks.escalation.size > 0)) return "escalation";
    return marks.sensitive.has(scope) ? "sensitive" : "widening";
}

/** allowAllScopes turned on: every scope the API defines, on the Management API the escalation list too. */
export function allowAllScopesRisk(after: boolean, managementApi: boolean, marks: ScopeMarks): Risk {
    if (!after) return "narrowing";
    return scopeGainRisk("*", managementApi, marks);
}

/**
 * `subjectType` ("client": client credentials; "user": user-delegated, @pulumi/auth0 3.49
 * clientGrant.d.ts): a different kind of token is granted on the API, so any change widens.
 */
export function subjectTypeRisk(before: GrantState["subjectType"], after: GrantState["subjectType"]): Risk {
    return before === after ? "neutral" : "widening";
}

/**
 * `organizationUsage` (Management API client grants: "deny", "allow", "require"; Auth0 Node SDK
 * ClientGrantOrganizationUsageEnum) as the tokens it lets the client get: deny without an
 * organization only, require with one only, allow both. Gaining a kind widens; losing one only
 * narrows. Auth0's default for an unset value is not documented for client grants, so unset can't
 * be ordered: moving from it to a value that allows organizations widens (a gain can't be ruled out).
 */
export function organizationUsageRisk(before: Shown<string> | null, after: Shown<string> | null): Risk {
    const kinds = (v: Shown<string> | null): readonly string[] | null =>
        v === "deny" ? ["plain"] : v === "allow" ? ["plain", "organization"] : v === "require" ? ["organization"] : null;
    if (before === after) return "neutral";
    const [was, now] = [kinds(before), kinds(after)];
    if (now === null) return "neutral"; // unset, unknown or secret: can't be ordered
    if (was === null) return now.includes("organization") ? "widening" : "neutral";
    if (now.some((k) => !was.includes(k))) return "widening";
    return was.some((k) => !now.includes(k)) ? "narrowing" : "neutral";
}

/** `allowAnyOrganization: true` serves every organization, including ones created later: turning it on widens. */
export function anyOrganizationRisk(before: boolean, after: boolean): Risk {
    return before === after ? "neutral" : after ? "widening" : "narrowing";
}

/** An exemption's accepted scopes: accepting one more widens, accepting fewer narrows. */
export function exemptionScopesRisk(before: readonly string[] | undefined, after: readonly string[] | undefined): Risk {
    const [was, now] = [new Set(before ?? []), new Set(after ?? [])];
    if ([...now].some((s) => !was.has(s))) return "widening";
    return [...was].some((s) => !now.has(s)) ? "narrowing" : "neutral";
}

const known = <T>(value: Shown<T> | null): value is T => value !== null && value !== SECRET_TEXT && value !== UNKNOWN_TEXT;

/** Up is wider: a larger number, unless `smallerIsWider`. Unknown, secret or unset values can't be ordered. */
function compare(before: number | null, after: number | null): Risk {
    if (before === null || after === null || before === after) return "neutral";
    return after > before ? "widening" : "narrowing";
}

/** A token lifetime change: longer is wider. Unset means Auth0's default (the guardrails' limits.ts), as the report says. */
export function lifetimeRisk(before: Shown<number> | null, after: Shown<number> | null, field: "tokenLifetime" | "tokenLifetimeForWeb"): Risk {
    const fallback = field === "tokenLifetime" ? AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS : AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS;
    const effective = (v: Shown<number> | null) => (v === null ? fallback : known(v) ? v : null);
    return compare(effective(before), effective(after));
}

/**
 * Moving from a key or certificate method to a shared secret widens: a secret travels with every
 * token request and can be copied and replayed, a private key never leaves the machine.
 */
export function authenticationRisk(before: Shown<string> | null, after: Shown<string> | null): Risk {
    const secretBased = (v: Shown<string> | null) => known(v) && (v === "client_secret_post" || v === "client_secret_basic");
    const keyBased = (v: Shown<string> | null) => known(v) && !secretBased(v) && v !== "none";
    if (keyBased(before) && secretBased(after)) return "widening";
    if (secretBased(before) && keyBased(after)) return "narrowing";
    return "neutral";
}

/** A client-credentials quota: removing it, raising a limit or no longer enforcing it widens. */
export function quotaRisk(before: MachineState["tokenQuota"], after: MachineState["tokenQuota"]): Risk {
    if (before !== null && after === null) return "widening";
    if (before === null && after !== null) return "narrowing";
    if (before === null || after === null) return "neutral";
    const limit = (v: Shown<number> | null) => (v === null ? Number.POSITIVE_INFINITY : known(v) ? v : null);
    const enforce = (v: Shown<boolean> | null) => (v === true ? 0 : v === false ? 1 : null);
    return strongest([
        compare(limit(before.perHour), limit(after.perHour)),
        compare(limit(before.perDay), limit(after.perDay)),
        compare(enforce(before.enforce), enforce(after.enforce)),
    ]);
}

/**
 * `subjectTypeAuthorization` policies, ranked narrowest first (guardrails ACCESS_POLICIES_NARROWEST_FIRST).
 * The Management API takes the snake_case values (policy-pack/guardrails/apiAccess.ts cites them);
 * the provider's generated docs spell them camelCase, so both spellings are ranked alike.
 * Unset can't be ordered: the tenant's default applies, which the plan can't see.
 */
export function accessPolicyRisk(before: Shown<string> | null, after: Shown<string> | null): Risk {
    const snake = (v: string) => v.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const rank = (v: Shown<string> | null) => (known(v) ? (ACCESS_POLICIES_NARROWEST_FIRST as readonly string[]).indexOf(snake(v)) : -1);
    const [b, a] = [rank(before), rank(after)];
    return compare(b < 0 ? null : b, a < 0 ? null : a);
}

/** An exemption kept under the same key: a later expiry widens, an earlier one narrows. */
export function exemptionExpiryRisk(before: string, after: string): Risk {
    if (before === after) return "neutral";
    return after > before ? "widening" : "narrowing";
}
