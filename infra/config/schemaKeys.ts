// The settings an object in the tenant config accepts, read from its zod schema, for the "unknown
// setting" message: walking the schema itself means a new setting (or a new nested object) can't
// be left off the list. Only the schema kinds tenantConfig.ts uses are walked.
import type { z } from "zod";

/** The parts of zod 4's schema definitions the walk reads. */
interface Def {
    readonly type: string;
    readonly innerType?: z.ZodType;
    readonly valueType?: z.ZodType;
    readonly element?: z.ZodType;
    readonly options?: readonly z.ZodType[];
    readonly values?: readonly unknown[];
    readonly in?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;
const shapeOf = (schema: z.ZodType): Readonly<Record<string, z.ZodType>> => (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `schema` without optional/default/nullable/pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
    for (let def = defOf(schema); ; def = defOf(schema)) {
        const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
        if (!inner) return schema;
        schema = inner;
    }
}

/** Whether every literal field of an object schema (a discriminator such as `method`) matches `value`. */
function literalsMatch(objectSchema: z.ZodType, value: unknown): boolean {
    return Object.entries(shapeOf(objectSchema)).every(([key, field]) => {
        const def = defOf(unwrap(field));
        return def.type !== "literal" || (isRecord(value) && (def.values ?? []).includes(value[key]));
    });
}

/**
 * The schemas `schema` may be for `value`: itself, or a union's options, its object options
 * narrowed to those whose literal fields match the value, when any do.
 */
function optionsFor(schema: z.ZodType, value: unknown): z.ZodType[] {
    const bare = unwrap(schema);
    const def = defOf(bare);
    if (def.type !== "union") return [bare];
    const options = (def.options ?? []).flatMap((option) => optionsFor(option, value));
    const isObject = (option: z.ZodType) => defOf(option).type === "object";
    const matching = options.filter((option) => isObject(option) && literalsMatch(option, value));
    return matching.length > 0 ? [...options.filter((option) => !isObject(option)), ...matching] : options;
}

/** The schema of what sits at `key` in a value of `schema`, or undefined where nothing can. */
function childSchema(schema: z.ZodType, key: string | number, value: unknown): z.ZodType | undefined {
    for (const option of optionsFor(schema, value)) {
        const def = defOf(option);
        const found =
            def.type === "record" ? def.valueType : def.type === "array" && typeof key === "number" ? def.element : def.type === "object" ? shapeOf(option)[String(key)] : undefined;
        if (found) return found;
    }
    return undefined;
}

/**
 * The keys the object at `path` inside `value` accepts under `schema`, in the schema's order; none
 * where the path leads to no object.
 */
export function allowedKeysAt(schema: z.ZodType, path: readonly (string | number)[], value: unknown): string[] {
    let current: z.ZodType | undefined = schema;
    let at = value;
    for (const key of path) {
        current = current && childSchema(current, key, at);
        at = isRecord(at) || Array.isArray(at) ? (at as Record<string, unknown>)[key] : undefined;
    }
    if (!current) return [];
    const objects = optionsFor(current, at).filter((option) => defOf(option).type === "object");
    return [...new Set(objects.flatMap((option) => Object.keys(shapeOf(option))))];
}
