// A schema's failures as config issues: each at its exact path, and an unknown key with the keys
// the object there accepts (schemaKeys.ts). Used for the stack's config and the components' arguments alike.
import type { z } from "zod";
import { closestMatches, type ConfigIssue, type ConfigPath } from "../../policy-pack/guardrails";
import { allowedKeysAt } from "./schemaKeys";

/** The issues of `error`, from parsing `value` with `schema`, with paths under `prefix`. */
export function schemaIssues(error: z.ZodError, prefix: ConfigPath, schema: z.ZodType, value: unknown): ConfigIssue[] {
    return error.issues.flatMap((issue): ConfigIssue[] => {
        const path = [...prefix, ...(issue.path as (string | number)[])];
        if (issue.code === "unrecognized_keys") {
            const allowed = allowedKeysAt(schema, issue.path as (string | number)[], value);
            return issue.keys.map((key) => {
                const near = closestMatches(key, allowed, 1);
                const hint = near.length > 0 ? ` (did you mean "${near[0]}"?)` : "";
                return { path: [...path, key], message: `unknown setting "${key}"${hint}; allowed: ${allowed.join(", ")}` };
            });
        }
        return [{ path, message: issue.message.replace(/^Invalid input: /, "") }];
    });
}
