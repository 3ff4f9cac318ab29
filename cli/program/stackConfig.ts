// Stack and project config as the program sees it through PULUMI_CONFIG: namespaced keys, objects
// as JSON strings, and `secure:` values kept secret (PULUMI_CONFIG_SECRET_KEYS).
import { configError } from "../errors";

/**
 * The plaintext a program sees for a `secure:` config value. The plan has no key to decrypt it, so
 * the value stays a Pulumi secret (reported as `[secret]`) whose plaintext is this fixed text.
 */
export const SECURE_CONFIG_PLACEHOLDER = "[secret]";

/** `key` as the program sees it: `<namespace>:<name>`, with the project as the default namespace. */
export function namespacedConfigKey(key: string, projectName: string): string {
    const colon = key.indexOf(":");
    if (colon < 0) return `${projectName}:${key}`;
    // The legacy "<ns>:config:<name>" spelling means "<ns>:<name>".
    if (key.startsWith("config:", colon + 1)) return key.slice(0, colon + 1) + key.slice(colon + 1 + "config:".length);
    return key;
}

/** Replaces every `{secure: ...}` inside `value` by the placeholder; reports whether it found one. */
export function replaceSecureValues(value: unknown): { value: unknown; secret: boolean } {
    if (isSecureValue(value)) return { value: SECURE_CONFIG_PLACEHOLDER, secret: true };
    if (Array.isArray(value)) {
        let secret = false;
        const items = value.map((item) => {
            const replaced = replaceSecureValues(item);
            secret ||= replaced.secret;
            return replaced.value;
        });
        return { value: items, secret };
    }
    if (value !== null && typeof value === "object") {
        let secret = false;
        const entries = Object.entries(value).map(([k, v]) => {
            const replaced = replaceSecureValues(v);
            secret ||= replaced.secret;
            return [k, replaced.value] as const;
        });
        return { value: Object.fromEntries(entries), secret };
    }
    return { value, secret: false };
}

/** A config value as a PULUMI_CONFIG string: strings as they are, everything else as JSON. */
export function configValueString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecureValue(value: unknown): boolean {
    return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as Record<string, unknown>).secure === "string"
    );
}

/** Where a config section's values go: PULUMI_CONFIG's entries and PULUMI_CONFIG_SECRET_KEYS. */
export interface CollectedConfig {
    readonly config: Map<string, string>;
    readonly secretKeys: Set<string>;
}

/** A section's source: the file it is in and the project whose name is the default namespace. */
export interface ConfigSource {
    readonly file: string;
    readonly projectName: string;
}

export function collectStackConfig(section: unknown, { file, projectName }: ConfigSource, { config, secretKeys }: CollectedConfig): void {
    for (const [key, rawValue] of configEntries(section, projectName, file, "values")) {
        const { value, secret } = replaceSecureValues(rawValue);
        config.set(key, configValueString(value));
        if (secret) secretKeys.add(key);
        else secretKeys.delete(key);
    }
}

const DECLARATION_KEYS = new Set(["type", "description", "default", "value", "secret", "items"]);

export function collectProjectConfig(section: unknown, { file, projectName }: ConfigSource, { config, secretKeys }: CollectedConfig): void {
    for (const [key, rawValue] of configEntries(section, projectName, file, "values or declarations")) {
        let value: unknown = rawValue;
        let declaredSecret = false;
        const isDeclaration =
            rawValue !== null &&
            typeof rawValue === "object" &&
            !Array.isArray(rawValue) &&
            Object.keys(rawValue).length > 0 &&
            Object.keys(rawValue).every((k) => DECLARATION_KEYS.has(k));
        if (isDeclaration) {
            const declaration = rawValue as Record<string, unknown>;
            declaredSecret = declaration.secret === true;
            if ("value" in declaration) value = declaration.value;
            else if ("default" in declaration) value = declaration.default;
            else {
                if (declaredSecret) secretKeys.add(key);
                continue; // a type declaration without a value: the stack must supply it
            }
        }
        const replaced = replaceSecureValues(value);
        config.set(key, configValueString(replaced.value));
        if (replaced.secret || declaredSecret) secretKeys.add(key);
    }
}

/** A `config:` section's entries, keyed as the program sees them; errors name the file and the key. */
function configEntries(section: unknown, projectName: string, file: string, holds: string): [string, unknown][] {
    if (section === undefined || section === null) return [];
    if (typeof section !== "object" || Array.isArray(section)) throw configError(`${file}: 'config' must be a mapping of keys to ${holds}.`);
    // Pulumi's spellings of one key ("ns:config:name" and "ns:name"): one value would be dropped unseen.
    const spelledAs = new Map<string, string>();
    return Object.entries(section).map(([rawKey, value]) => {
        const key = namespacedConfigKey(rawKey, projectName);
        const [namespace, ...rest] = key.split(":");
        if (namespace === "" || rest.join(":") === "") {
            throw configError(`${file}: config.${rawKey}: '${key}' is not a config key (expected 'namespace:name' or 'name').`);
        }
        const earlier = spelledAs.get(key);
        if (earlier !== undefined) {
            throw configError(
                `${file}: config.${earlier} and config.${rawKey} are two spellings of the config key '${key}', and only one value can win; keep one of them.`,
            );
        }
        spelledAs.set(key, rawKey);
        return [key, value];
    });
}
