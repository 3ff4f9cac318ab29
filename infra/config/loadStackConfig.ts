import * as pulumi from "@pulumi/pulumi";
import { closestMatches, type ConfigIssue } from "../../policy-pack/guardrails";
import { parseTenantConfig } from "./parseTenantConfig";
import type { TenantConfig } from "./tenantConfig";
import { STACK_CONFIG_KEYS, TenantConfigError } from "./tenantConfigError";

const NAMESPACE = "auth0-m2m";

/**
 * Reads the current stack's tenant config (`auth0:domain` and the `auth0-m2m:` keys) and validates
 * it in full. `Config.requireObject` is an unchecked cast, so everything is checked here, and all
 * problems are thrown together, each with its config path. Returns the parsed config, defaults
 * filled in: valid input for TenantAccess, which then doesn't parse it again.
 */
export function loadStackTenantConfig(): TenantConfig {
    const issues: ConfigIssue[] = [];
    const namespaced = new pulumi.Config(NAMESPACE);
    const readObject = (field: "managementApi" | "apis" | "machines"): unknown => {
        try {
            return namespaced.getObject<unknown>(field);
        } catch {
            issues.push({ path: [field], message: "is not valid YAML/JSON structured config; set it as a map in Pulumi.<stack>.yaml" });
            return undefined;
        }
    };
    const raw = {
        domain: new pulumi.Config("auth0").get("domain"),
        tenantDomain: namespaced.get("tenantDomain"),
        managementApi: readObject("managementApi"),
        apis: readObject("apis"),
        machines: readObject("machines"),
    };

    const known = Object.values(STACK_CONFIG_KEYS).filter((key) => key.startsWith(`${NAMESPACE}:`));
    for (const key of Object.keys(pulumi.runtime.allConfig())) {
        if (!key.startsWith(`${NAMESPACE}:`) || (known as string[]).includes(key)) continue;
        const near = closestMatches(key, known, 1);
        issues.push({ path: [], message: `unknown config key "${key}"${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ""}; known: ${known.join(", ")}` });
    }

    const parsed = parseTenantConfig(raw);
    if (!parsed.ok) issues.push(...parsed.issues);
    if (!parsed.ok || issues.length > 0) throw new TenantConfigError(issues, "stack");
    return parsed.config;
}
