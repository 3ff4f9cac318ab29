// Reading config and locating its problems, in the pack's policy config, the library's tenant
// config and the plan's policy config file alike: one object test, one path shape, one issue
// shape, one path formatter.

/** A plain object (not null, not a list): the shape every config section must have. */
export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys and list indexes from the root of the config to the value, e.g. ["machines", "billing", "grants", 0]. */
export type ConfigPath = readonly (string | number)[];

/** One problem in a config, with where it is. */
export interface ConfigIssue {
    readonly path: ConfigPath;
    readonly message: string;
}

/**
 * `a.b[2].c`, quoting keys that aren't plain names (scope names, URLs). With `after`, the path
 * continues one that is already written, so it starts with "." or "[".
 */
export function formatPath(path: ConfigPath, after = false): string {
    return path
        .map((part, index) => {
            if (typeof part === "number") return `[${part}]`;
            if (/^[A-Za-z0-9_-]+$/.test(part)) return index === 0 && !after ? part : `.${part}`;
            return `[${JSON.stringify(part)}]`;
        })
        .join("");
}
