import * as pulumi from "@pulumi/pulumi";
import { formatPath, type ConfigIssue, type ConfigPath } from "../../policy-pack/guardrails";

/** Where each top-level field of the tenant config lives in a stack's config. */
export const STACK_CONFIG_KEYS = {
    domain: "auth0:domain",
    tenantDomain: "auth0-m2m:tenantDomain",
    managementApi: "auth0-m2m:managementApi",
    apis: "auth0-m2m:apis",
    machines: "auth0-m2m:machines",
} as const;

/** `auth0-m2m:machines.billing-export.grants.management.scopes[1]` (stack) or `machines.billing-export...` (object). */
export function formatConfigPath(path: ConfigPath, style: "stack" | "object"): string {
    if (path.length === 0) return style === "stack" ? "auth0-m2m config" : "config";
    const [head, ...rest] = path;
    const root = style === "stack" && typeof head === "string" && head in STACK_CONFIG_KEYS ? STACK_CONFIG_KEYS[head as keyof typeof STACK_CONFIG_KEYS] : undefined;
    return root === undefined ? formatPath(path) : `${root}${formatPath(rest, true)}`;
}

/** Every problem in a tenant's config at once. A RunError, so the CLI prints it without a stack trace. */
export class TenantConfigError extends pulumi.RunError {
    constructor(
        readonly issues: readonly ConfigIssue[],
        readonly style: "stack" | "object" = "object",
    ) {
        super(
            `Invalid auth0-m2m config: ${issues.length} problem${issues.length === 1 ? "" : "s"}; nothing was registered.\n` +
                issues.map((issue) => `  - ${formatConfigPath(issue.path, style)}: ${issue.message}`).join("\n"),
        );
        this.name = "TenantConfigError";
    }
}
