// How each kind of change moves access. Pure; the Auth0 facts behind each rank are cited inline.
import { AUTH0_DEFAULT_TOKEN_LIFETIME_FOR_WEB_SECONDS, AUTH0_DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_ESCALATION_SCOPES } from "../../policy-pack/guardrails";
import { SECRET_TEXT, UNKNOWN_TEXT, type Shown } from "../values";
import type { MachineState, Risk } from "./types";

const ORDER: readonly Risk[] = ["neutral", "narrowing", "widening", "escalation"];

/** The strongest of several risks (escalation > widening > narrowing > neutral). */
export function strongest(risks: Iterable<Risk>): Risk {
    let best: Risk = "neutral";
    for (const risk of risks) if (ORDER.indexOf(risk) > ORDER.indexOf(best)) best = risk;
    return best;
}

/** A scope gained on a grant: the guardrails' escalation list is the strongest mark, any other gain widens. */
export function scopeGainRisk(scope: string, managementApi: boolean): Risk {
    return managementApi && Object.hasOwn(DEFAULT_ESCALATION_SCOPES, scope) ? "escalation" : "widening";
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
 * `subjectTypeAuthorization` policies, narrowest first: `denyAll`, `requireClientGrant`, `allowAll`
 * (provider docs, @pulumi/auth0 3.49.0 types/input.d.ts ResourceServerSubjectTypeAuthorizationUser/Client).
 * Unset can't be ordered: the tenant's default applies, which the plan can't see.
 */
export function accessPolicyRisk(before: Shown<string> | null, after: Shown<string> | null): Risk {
    const rank = (v: Shown<string> | null) => (known(v) ? ["denyAll", "requireClientGrant", "allowAll"].indexOf(v) : -1);
    const [b, a] = [rank(before), rank(after)];
    return compare(b < 0 ? null : b, a < 0 ? null : a);
}

/** An exemption kept under the same key: a later expiry widens, an earlier one narrows. */
export function exemptionExpiryRisk(before: string, after: string): Risk {
    if (before === after) return "neutral";
    return after > before ? "widening" : "narrowing";
}
