// Which API scopes write, and what binds an API's tokens to their client: the advice of
// auth0-api-sender-constrained-tokens, kept with the other Auth0 knowledge.
//
// Sources: @pulumi/auth0 3.49.0 types/input.d.ts ResourceServerProofOfPossession (mechanism
// "`mtls` or `dpop`", required: "whether proof-of-possession is required with this resource
// server", disable); https://auth0.com/docs/secure/sender-constraining (binding access tokens to
// the client's key so a stolen token can't be replayed).
import { PROOF_OF_POSSESSION_MECHANISMS } from "./apiAccess";

/**
 * Verbs that change data or act. A scope writes when a segment of it, split at ":", ".", "_", "-"
 * and "/", is one of them: "write:orders", "orders:delete", "orders.update", "add_vehicles",
 * "leases/terminate". A heuristic: scope names are free text, so a write named with a verb not
 * listed here ("lease:vehicle") is not recognised, and the rule is advisory.
 */
export const WRITE_SCOPE_VERBS = [
    // CRUD and its synonyms
    ...["create", "add", "insert", "post", "put", "update", "patch", "modify", "change", "set", "edit", "write"],
    ...["delete", "remove", "destroy", "purge"],
    // administration
    ...["manage", "admin", "assign", "grant", "revoke", "rotate", "reset", "import", "upload"],
    // actions with effects outside the data
    ...["execute", "invoke", "run", "deploy", "publish", "send", "approve", "cancel", "terminate", "refund", "transfer"],
] as const;

const SCOPE_SEGMENT_SEPARATORS = /[:._\-/]/;

export function isWriteScope(scope: string): boolean {
    return scope
        .toLowerCase()
        .split(SCOPE_SEGMENT_SEPARATORS)
        .some((segment) => (WRITE_SCOPE_VERBS as readonly string[]).includes(segment));
}

/** What an API's proofOfPossession setting leaves open, or undefined when its tokens must be bound. */
export function senderConstraintGap(setting: { mechanism?: unknown; required?: unknown; disable?: unknown } | undefined): string | undefined {
    if (setting === undefined) return "sets no proofOfPossession, so its access tokens are bearer tokens";
    if (setting.disable === true) return "disables proofOfPossession, so its access tokens are bearer tokens";
    if (!(PROOF_OF_POSSESSION_MECHANISMS as readonly unknown[]).includes(setting.mechanism)) {
        return `sets proofOfPossession without a mechanism Auth0 has (${PROOF_OF_POSSESSION_MECHANISMS.join(", ")})`;
    }
    if (setting.required !== true) return `sets proofOfPossession "${String(setting.mechanism)}" without required: true, so clients may still use bearer tokens`;
    return undefined;
}
