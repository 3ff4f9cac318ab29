// Reading captured inputs for the report. Inputs arrive in Pulumi's wire form; everything the
// report shows goes through `redact`, so a secret can only ever be shown as SECRET_TEXT, and every
// secret's plaintext is collected so it can be scrubbed from text the plan did not write itself
// (policy messages).
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE } from "./program/protocol";

/** How the report shows a secret value, in every format. */
export const SECRET_TEXT = "[secret]";
/** How the JSON report shows a value that is unknown until the deployment runs. */
export const UNKNOWN_TEXT = "[unknown]";

/** A value as the report shows it: the value itself, or a marker. */
export type Shown<T> = T | typeof SECRET_TEXT | typeof UNKNOWN_TEXT;

/** Secret plaintexts shorter than this are not scrubbed from free text: they would match everywhere. */
const MIN_SCRUBBED_LENGTH = 3;

export function isWireSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

export function isWireUnknown(value: unknown): boolean {
    return value === UNKNOWN_VALUE;
}

/** The value with every secret replaced by SECRET_TEXT and every unknown by UNKNOWN_TEXT, at any depth. */
export function redact(value: unknown): unknown {
    if (isWireSecret(value)) return SECRET_TEXT;
    if (isWireUnknown(value)) return UNKNOWN_TEXT;
    if (Array.isArray(value)) return value.map(redact);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
    }
    return value;
}

/** The value with secrets unwrapped to their plaintext (unknowns kept), for code that needs the real inputs. */
export function unwrapSecrets(value: unknown): unknown {
    if (isWireSecret(value)) return unwrapSecrets(value.value);
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** Adds every string and number inside a secret (at any depth of `value`) to `into`. */
export function collectSecretPlaintexts(value: unknown, into: Set<string>, insideSecret = false): void {
    if (isWireSecret(value)) return collectSecretPlaintexts(value.value, into, true);
    if (Array.isArray(value)) {
        for (const item of value) collectSecretPlaintexts(item, into, insideSecret);
    } else if (value !== null && typeof value === "object") {
        for (const item of Object.values(value)) collectSecretPlaintexts(item, into, insideSecret);
    } else if (insideSecret && (typeof value === "string" || typeof value === "number") && !isWireUnknown(value)) {
        const text = String(value);
        if (text.length >= MIN_SCRUBBED_LENGTH) into.add(text);
    }
}

/** Adds the plaintexts of the config values under `secretKeys` (PULUMI_CONFIG strings; structured ones are JSON). */
export function collectConfigSecrets(config: Readonly<Record<string, string>>, secretKeys: readonly string[], into: Set<string>): void {
    for (const key of secretKeys) {
        const text = config[key];
        if (text === undefined) continue;
        let value: unknown = text;
        try {
            value = JSON.parse(text);
        } catch {
            // a plain string
        }
        collectSecretPlaintexts(value, into, true);
    }
}

/**
 * Replaces every occurrence of a secret plaintext in `text` by SECRET_TEXT, longest first (so a
 * secret that contains another is replaced whole). JSON-escaped forms are replaced too, because
 * messages often quote values with JSON.stringify.
 */
export function scrubSecrets(text: string, secrets: ReadonlySet<string>): string {
    if (secrets.size === 0) return text;
    const needles = new Set<string>();
    for (const secret of secrets) {
        needles.add(secret);
        const escaped = JSON.stringify(secret).slice(1, -1);
        if (escaped !== secret) needles.add(escaped);
    }
    let result = text;
    for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
        if (result.includes(needle)) result = result.split(needle).join(SECRET_TEXT);
    }
    return result;
}

/** A top-level input as a display string, or undefined when absent or not a string. */
export function shownString(properties: Readonly<Record<string, unknown>>, key: string): Shown<string> | undefined {
    const value = redact(properties[key]);
    return typeof value === "string" ? value : undefined;
}

/** A top-level input as a number (or marker), or undefined when absent or not a number. */
export function shownNumber(value: unknown): Shown<number> | undefined {
    const shown = redact(value);
    return typeof shown === "number" || shown === SECRET_TEXT || shown === UNKNOWN_TEXT ? (shown as Shown<number>) : undefined;
}

/** A plain, known, non-secret string, or undefined. */
export function knownString(value: unknown): string | undefined {
    return typeof value === "string" && !isWireUnknown(value) ? value : undefined;
}
