// Reads resource properties out of the policy server's unknown-checking proxy into plain values,
// with an explicit marker wherever a value is unknown during preview. Rules then work on plain
// data: they can check everything that is known and say exactly which field was not.
import { isUnknownValueError, unknownCheckingProxyTarget } from "./preview";

/** Stands for a value that is unknown during preview (computed from another resource's output). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

export type PlainValue = null | boolean | number | string | Unknown | PlainValue[] | { [key: string]: PlainValue };
export type PlainProps = { readonly [key: string]: PlainValue };

/** A field that may be absent, or unknown during preview. */
export type Maybe<T> = T | undefined | Unknown;

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** Reads `container[key]`, turning the proxy's UnknownValueError into UNKNOWN for that field only. */
function readField(container: unknown, key: string | number): PlainValue | undefined {
    let value: unknown;
    try {
        value = (container as Record<string | number, unknown>)[key];
    } catch (error) {
        if (isUnknownValueError(error)) return UNKNOWN;
        throw error;
    }
    return toPlain(value);
}

function toPlain(value: unknown): PlainValue | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
        return value;
    }
    if (Array.isArray(value)) {
        const items: PlainValue[] = [];
        for (let i = 0; i < value.length; i++) items.push(readField(value, i) ?? null);
        return items;
    }
    if (typeof value === "object") {
        const result: { [key: string]: PlainValue } = {};
        for (const key of Object.keys(value)) {
            const field = readField(value, key);
            if (field !== undefined) result[key] = field;
        }
        return result;
    }
    // Functions and symbols can't come from the engine; treat them as absent.
    return undefined;
}

/** toPlain over the proxy's raw target: the same result, reading unknown markers instead of catching errors. */
function rawToPlain(value: unknown, isUnknownMarker: (v: unknown) => boolean): PlainValue | undefined {
    if (value === undefined) return undefined;
    if (isUnknownMarker(value)) return UNKNOWN;
    if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
        return value;
    }
    if (Array.isArray(value)) {
        const items: PlainValue[] = [];
        for (let i = 0; i < value.length; i++) items.push(rawToPlain(value[i], isUnknownMarker) ?? null);
        return items;
    }
    if (typeof value === "object") {
        // The proxy leaves objects without Object.prototype unwrapped, so their fields are read as they are.
        if (!(value instanceof Object)) return toPlain(value);
        const result: { [key: string]: PlainValue } = {};
        for (const key of Object.keys(value)) {
            const field = rawToPlain((value as Record<string, unknown>)[key], isUnknownMarker);
            if (field !== undefined) result[key] = field;
        }
        return result;
    }
    return undefined;
}

/** Deep-copies (proxied) resource properties into plain values, with UNKNOWN where preview can't tell. */
export function resolveProps(props: unknown): PlainProps {
    const raw = unknownCheckingProxyTarget(props);
    const plain = raw ? rawToPlain(raw.target, raw.isUnknown) : toPlain(props);
    if (plain === undefined || plain === null || isUnknown(plain) || typeof plain !== "object" || Array.isArray(plain)) {
        return {};
    }
    return plain;
}

// Typed views over plain values. A value of the wrong type is kept visible (as its string form)
// rather than dropped, so a rule never passes something it could not read.

export function asString(value: PlainValue | undefined): Maybe<string> {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return UNKNOWN;
    return typeof value === "string" ? value : JSON.stringify(value);
}

export function asBoolean(value: PlainValue | undefined): Maybe<boolean> {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return UNKNOWN;
    return value === true || value === "true";
}

/** Numbers stay numbers; anything else becomes NaN so range checks report it instead of skipping it. */
export function asNumber(value: PlainValue | undefined): Maybe<number> {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
    return Number.NaN;
}

/** A list whose elements may each be unknown; a non-list value becomes a one-element list. */
export function asList<T>(value: PlainValue | undefined, element: (item: PlainValue) => Maybe<T>): Maybe<Maybe<T>[]> {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return UNKNOWN;
    return (Array.isArray(value) ? value : [value]).map(element);
}

export function asObject(value: PlainValue | undefined): Maybe<PlainProps> {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return UNKNOWN;
    return typeof value === "object" && !Array.isArray(value) ? value : {};
}
