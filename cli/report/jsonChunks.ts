// The JSON report, streamed: the same bytes as `JSON.stringify(value, null, 2)` and a newline, but
// handed out one array element at a time, so a large tenant's report (tens of megabytes at 10,000
// machines) is never held as one string.

/** How many levels of objects and arrays are taken apart; below that, each value is stringified whole. */
const STREAMED_DEPTH = 3;
const INDENT = "  ";

/** What `JSON.stringify` leaves out of an object and writes as `null` in an array. */
function isOmitted(value: unknown): boolean {
    return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function isContainer(value: unknown): value is object {
    // A value with its own toJSON is left to JSON.stringify, which calls it.
    return typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/** `JSON.stringify(value, null, 2)`, its lines after the first indented to sit at `indent`. */
function leaf(value: unknown, indent: string): string {
    const text = JSON.stringify(value, null, 2);
    // Strings escape their newlines, so every raw newline is the formatting's own.
    return indent === "" ? text : text.replace(/\n/g, `\n${indent}`);
}

function* chunks(value: unknown, indent: string, depth: number): Generator<string> {
    if (depth >= STREAMED_DEPTH || !isContainer(value)) {
        yield leaf(value, indent);
        return;
    }
    const inner = indent + INDENT;
    const entries: [string | undefined, unknown][] = Array.isArray(value)
        ? value.map((item) => [undefined, isOmitted(item) ? null : item])
        : Object.entries(value).filter(([, item]) => !isOmitted(item));
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
        yield `${open}${close}`;
        return;
    }
    yield open;
    let first = true;
    for (const [key, item] of entries) {
        yield `${first ? "" : ","}\n${inner}${key === undefined ? "" : `${JSON.stringify(key)}: `}`;
        first = false;
        yield* chunks(item, inner, depth + 1);
    }
    yield `\n${indent}${close}`;
}

/** The report as JSON in pieces; joined, they are `JSON.stringify(value, null, 2) + "\n"`. */
export function* jsonChunks(value: unknown): Generator<string> {
    yield* chunks(value, "", 0);
    yield "\n";
}
