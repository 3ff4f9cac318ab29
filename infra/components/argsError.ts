import * as pulumi from "@pulumi/pulumi";
import type { ArgIssue } from "./argChecks";

/**
 * `a.b[2].c`, quoting keys that aren't plain names (scope names, for example). With `after`,
 * the path continues one that is already written, so it starts with "." or "[".
 */
export function formatPath(path: readonly (string | number)[], after = false): string {
    return path
        .map((part, index) => {
            if (typeof part === "number") return `[${part}]`;
            if (/^[A-Za-z0-9_-]+$/.test(part)) return index === 0 && !after ? part : `.${part}`;
            return `[${JSON.stringify(part)}]`;
        })
        .join("");
}

/**
 * Invalid component arguments, every problem at once. A RunError, so the Pulumi CLI prints the
 * message without a stack trace: the message already says where and how to fix it.
 */
export class ComponentArgsError extends pulumi.RunError {
    constructor(
        readonly component: string,
        readonly issues: readonly ArgIssue[],
    ) {
        super(
            `${component} has ${issues.length === 1 ? "an invalid argument" : `${issues.length} invalid arguments`}:\n` +
                issues.map((issue) => `  - ${issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ""}${issue.message}`).join("\n"),
        );
        this.name = "ComponentArgsError";
    }
}
