import * as pulumi from "@pulumi/pulumi";
import { formatPath, type ConfigIssue } from "../../policy-pack/guardrails";

/**
 * Invalid component arguments, every problem at once. A RunError, so the Pulumi CLI prints the
 * message without a stack trace: the message already says where and how to fix it.
 */
export class ComponentArgsError extends pulumi.RunError {
    constructor(
        readonly component: string,
        readonly issues: readonly ConfigIssue[],
    ) {
        super(
            `${component} has ${issues.length === 1 ? "an invalid argument" : `${issues.length} invalid arguments`}:\n` +
                issues.map((issue) => `  - ${issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ""}${issue.message}`).join("\n"),
        );
        this.name = "ComponentArgsError";
    }
}
