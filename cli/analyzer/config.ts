// Policy pack config, reconciled the way the engine does before it calls Configure (pulumi/pulumi
// pkg/resource/analyzer/config.go): start from every policy's level and schema defaults, apply the
// pack's initial config, then the user's ("all" first, then per policy, top-level keys replacing
// defaults), and validate each policy's result against its schema plus `enforcementLevel`.
//
// Two checks go further than the engine, because a typo there silently changes what is enforced:
// a policy name the pack doesn't have, and a setting a policy's schema doesn't declare, are errors.
import * as fs from "node:fs/promises";
import Ajv, { type ErrorObject } from "ajv";
import { isRecord } from "../../policy-pack/guardrails";
import { ENFORCEMENT_LEVELS, type EnforcementLevel, type JsonSchema, type PolicyConfig, type PolicyPackInfo, PolicyPackError } from "./types";

export type ReconciledPolicyConfig = Readonly<Record<string, { readonly enforcementLevel: EnforcementLevel; readonly properties: Record<string, unknown> }>>;

const isEnforcementLevel = (value: unknown): value is EnforcementLevel => ENFORCEMENT_LEVELS.includes(value as EnforcementLevel);

const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

function key(path: string, name: string): string {
    return /^[A-Za-z_][\w-]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/** `/apiOverrides/https:~1~1x/maxTokenLifetime` → `.apiOverrides["https://x"].maxTokenLifetime`. */
function pointerToPath(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : key(path, segment)), "");
}

function describeAjvError(policy: string, error: ErrorObject): string {
    const at = `${policy}${pointerToPath(error.instancePath)}`;
    switch (error.keyword) {
        case "required":
            return `${key(at, String(error.params.missingProperty))}: is required`;
        case "additionalProperties":
            return `${key(at, String(error.params.additionalProperty))}: is not a setting this schema allows`;
        case "enum":
            return `${at}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        default:
            return `${at}: ${error.message ?? "is invalid"}`;
    }
}

interface UserPolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** Parses the `--policy-pack-config` shape: `{ "<policy>" | "all": level | { enforcementLevel?, ...settings } }`. */
function parseUserConfig(userConfig: unknown, problems: string[]): Map<string, UserPolicyConfig> {
    const result = new Map<string, UserPolicyConfig>();
    if (userConfig === undefined || userConfig === null) return result;
    if (!isRecord(userConfig)) {
        problems.push(`(root): must be an object keyed by policy name, got ${JSON.stringify(userConfig)}`);
        return result;
    }
    for (const [policy, value] of Object.entries(userConfig)) {
        if (typeof value === "string") {
            if (isEnforcementLevel(value)) result.set(policy, { enforcementLevel: value, properties: {} });
            else problems.push(`${policy}: ${JSON.stringify(value)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`);
            continue;
        }
        if (!isRecord(value)) {
            problems.push(`${policy}: must be an enforcement level or an object of settings, got ${JSON.stringify(value)}`);
            continue;
        }
        const { enforcementLevel, ...properties } = value;
        if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
            problems.push(
                `${policy}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`,
            );
            continue;
        }
        result.set(policy, { enforcementLevel, properties });
    }
    return result;
}

/**
 * The config the engine would send in Configure for this pack and user config. Throws a
 * PolicyPackError listing every problem, each by config path, prefixed with `source`.
 */
export function reconcilePolicyConfig(info: PolicyPackInfo, userConfig?: unknown, source = "policy pack config"): ReconciledPolicyConfig {
    const problems: string[] = [];
    const given = parseUserConfig(userConfig, problems);
    const policies = new Map(info.policies.map((p) => [p.name, p]));

    for (const [name, config] of given) {
        if (name === "all") {
            if (Object.keys(config.properties).length > 0) {
                problems.push(`all: only takes an enforcement level; put settings under the policy they belong to`);
            }
        } else if (!policies.has(name)) {
            problems.push(`${name}: ${info.name} has no such policy (it has ${[...policies.keys()].join(", ")})`);
        } else {
            const declared = policies.get(name)?.configSchema?.properties ?? {};
            for (const setting of Object.keys(config.properties)) {
                if (!(setting in declared)) {
                    const known = Object.keys(declared);
                    problems.push(
                        `${key(name, setting)}: is not a setting of this policy (${known.length > 0 ? `it has ${known.join(", ")}` : "it has none"})`,
                    );
                }
            }
        }
    }

    // Defaults: each policy's own level and its schema's top-level defaults.
    const result: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }> = {};
    for (const policy of info.policies) {
        const properties: Record<string, unknown> = {};
        for (const [setting, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) properties[setting] = clone(schema.default);
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
    }
    const apply = (layer: ReadonlyMap<string, PolicyConfig>) => {
        const all = layer.get("all")?.enforcementLevel;
        if (all) for (const config of Object.values(result)) config.enforcementLevel = all;
        for (const [name, config] of layer) {
            const target = result[name];
            if (!target) continue;
            if (config.enforcementLevel) target.enforcementLevel = config.enforcementLevel;
            Object.assign(target.properties, clone(config.properties));
        }
    };
    apply(new Map(Object.entries(info.initialConfig)));
    apply(given);

    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const policy of info.policies) {
        const schema: JsonSchema = {
            type: "object",
            properties: {
                ...(policy.configSchema?.properties ?? {}),
                enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
            },
            ...(policy.configSchema?.required.length ? { required: [...policy.configSchema.required] } : {}),
        };
        let validate;
        try {
            validate = ajv.compile(schema);
        } catch (error) {
            problems.push(`${policy.name}: the pack's config schema is not valid JSON Schema (${(error as Error).message})`);
            continue;
        }
        if (!validate(result[policy.name].properties)) {
            for (const error of validate.errors ?? []) problems.push(describeAjvError(policy.name, error));
        }
    }

    if (problems.length > 0) {
        throw new PolicyPackError(
            "config",
            `Invalid config for policy pack ${info.name} in ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
    }
    return result;
}

/** Reads a `--policy-pack-config` JSON file; an empty file means no config, as in the engine. */
export async function readPolicyConfigFile(file: string): Promise<unknown> {
    let text: string;
    try {
        text = await fs.readFile(file, "utf8");
    } catch (error) {
        throw new PolicyPackError("config", `Can't read policy pack config ${file}: ${(error as Error).message}`);
    }
    if (text.trim() === "") return undefined;
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new PolicyPackError("config", `Policy pack config ${file} is not valid JSON: ${(error as Error).message}`);
    }
}
