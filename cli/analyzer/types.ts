// The engine side of Pulumi's Analyzer protocol, as this package's offline plan uses it: the
// shapes callers pass in and get back, independent of the protobuf classes.

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type JsonSchema = { readonly [keyword: string]: unknown };

export interface PolicyInfo {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly remediationSteps?: string;
    /** "resource" when the policy has a per-resource half (it may also have a stack half), else "stack". */
    readonly policyType: "resource" | "stack" | "unknown";
    /** The policy's config properties and required list, as the pack declares them (no enforcementLevel). */
    readonly configSchema?: { readonly properties: Readonly<Record<string, JsonSchema>>; readonly required: readonly string[] };
}

/** What GetAnalyzerInfo reports. */
export interface PolicyPackInfo {
    readonly name: string;
    readonly version: string;
    readonly description?: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly PolicyInfo[];
    /** Config the pack supplies itself (PolicyPack's third argument); applied under the user's. */
    readonly initialConfig: Readonly<Record<string, PolicyConfig>>;
}

/** One policy's config as sent in Configure. */
export interface PolicyConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Readonly<Record<string, unknown>>;
}

export interface AnalyzerResourceOptions {
    readonly protect?: boolean;
    readonly ignoreChanges?: readonly string[];
    /** Left unset when the program did not set it, as the engine does. */
    readonly deleteBeforeReplace?: boolean;
    readonly additionalSecretOutputs?: readonly string[];
    readonly aliases?: readonly string[];
    /** Seconds. */
    readonly customTimeouts?: { readonly create?: number; readonly update?: number; readonly delete?: number };
}

export interface AnalyzerProviderResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * A resource as the engine hands it to a policy pack. `properties` are plain JS values in the SDK's
 * wire form: secrets as `{ [SIG]: SECRET_SIG, value }` and unknowns as UNKNOWN_VALUE are kept;
 * resource references (`{ [SIG]: RESOURCE_SIG, urn, id? }`) and output values are turned into what
 * the engine sends (a custom resource's id, a component's URN, the output's value or UNKNOWN_VALUE);
 * `undefined` values and `__`-prefixed internal keys are dropped.
 */
export interface AnalyzerResource {
    readonly urn: string;
    readonly type: string;
    /** The logical name (the last part of the URN). */
    readonly name: string;
    readonly properties: Readonly<Record<string, unknown>>;
    readonly options?: AnalyzerResourceOptions;
    /** Parent URN. */
    readonly parent?: string;
    /** URNs this resource depends on (AnalyzeStack only). */
    readonly dependencies?: readonly string[];
    /** Property name to the URNs its value depends on (AnalyzeStack only). */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly provider?: AnalyzerProviderResource;
}

export interface PolicyDiagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    readonly description: string;
    readonly message: string;
    readonly enforcementLevel: EnforcementLevel;
    /** The resource the diagnostic is about; Analyze diagnostics get the analyzed resource's URN, as in the engine. */
    readonly urn?: string;
}

/** Where a policy pack session is, for callers that react differently to each failure. */
export type PolicyPackErrorKind = "start" | "config" | "rpc" | "exited" | "closed" | "timeout" | "encoding";

export class PolicyPackError extends Error {
    override readonly name = "PolicyPackError";
    constructor(
        readonly kind: PolicyPackErrorKind,
        message: string,
        /** The pack process's id, when one was started. */
        readonly pid?: number,
    ) {
        super(message);
    }

    static isInstance(value: unknown): value is PolicyPackError {
        return value instanceof Error && value.name === "PolicyPackError" && "kind" in value;
    }
}
