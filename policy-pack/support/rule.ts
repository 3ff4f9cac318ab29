// Turns a rule's pure check into a CrossGuard policy, with config defaults, exemptions and preview
// handling done the same way for every rule.
//
// A per-resource rule gets both halves: `validateResource` reports findings at Analyze time (so a
// bad resource is stopped before any Auth0 call), and `validateStack` re-runs the same check over
// the whole stack to audit the exemptions statelessly. The policy server decides "resource policy"
// and "stack policy" independently (isResourcePolicy/isStackPolicy), and hands each half the
// policy's own config. A stack rule does both jobs in its single `validateStack`.
import type { EnforcementLevel, PolicyConfigSchema, ResourceValidation, Severity, StackValidation } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { type AppliedExemptionLedger, appliedExemptions } from "./appliedExemptions";
import { isRecord } from "../guardrails/configPath";
import { PolicyConfigLocation, type ExemptionArgs, mergeWithDefaults, readExemptions } from "./config";
import { applyExemptions, auditExemptions, requireExemptionScopes } from "./exemptionReview";
import { type ExemptionKind, exemptionsSchema } from "./exemptions";
import { describeUnchecked, Findings } from "./findings";
import { CannotVerifyDuringPreview } from "./preview";
import { type Auth0Resource, fromPolicyResource, fromValidationArgs } from "./resources";

export interface RuleDeps {
    /** The clock exemptions are judged by; index.ts passes the real one, tests a fixed one. */
    readonly now: () => Date;
    /** Where stack halves record applied exemptions; defaults to the pack's module-level ledger. */
    readonly ledger?: AppliedExemptionLedger;
    /**
     * The pack README's address; each policy's `url` is this plus `#<policy name>`, the anchor of
     * its row in the rules table. Unset (no url) where the pack's address is not known.
     */
    readonly docsUrl?: string;
}

/** A rule as the pack serves it: every field the README and the engine show is always set. */
export interface RulePolicy {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly tags: string[];
    readonly url?: string;
    readonly remediationSteps: string;
    readonly configSchema?: PolicyConfigSchema;
    readonly validateResource?: ResourceValidation;
    readonly validateStack: StackValidation;
}

export interface RuleFactory {
    (deps: RuleDeps): RulePolicy;
    readonly policyName: string;
}

interface RuleInfo<Settings extends object> {
    /** kebab-case, `auth0-` prefixed. */
    readonly name: string;
    /** What the rule checks and why. */
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    /** How bad a violation is, as Pulumi Cloud shows it. */
    readonly severity: Severity;
    /** `auth0` and what the rule is about, for filtering in Pulumi Cloud. */
    readonly tags: readonly string[];
    readonly remediationSteps: string;
    /** The rule's own knobs (exemptions are added for every rule), without defaults... */
    readonly settings: { readonly [K in keyof Settings]: PolicyConfigJSONSchema };
    /** ...which come from here only, into both the schema and the code. */
    readonly defaults: Settings;
    /** Checks the merged values of the rule's own knobs; throws PolicyConfigError naming the path. */
    readonly parseSettings: (merged: Record<string, unknown>, at: PolicyConfigLocation) => Settings;
    /** The resource types the rule reports on (and, for a per-resource rule, checks). */
    readonly appliesTo: readonly string[];
    /** `scope` when every finding names its scope, so exemptions list the scopes they accept. Default: `resource`. */
    readonly exemptionsBy?: ExemptionKind;
}

export type RuleConfig<Settings> = Settings & ExemptionArgs;

export interface ResourceRuleSpec<Settings extends object> extends RuleInfo<Settings> {
    /** Pure: reports what is wrong with one resource, and what it could not see. */
    readonly check: (resource: Auth0Resource, config: RuleConfig<Settings>, findings: Findings) => void;
}

export interface StackRuleSpec<Settings extends object> extends RuleInfo<Settings> {
    /** Pure: reports what is wrong across the stack, and what it could not see. */
    readonly check: (resources: readonly Auth0Resource[], config: RuleConfig<Settings>, findings: Findings) => void;
}

function configSchemaOf<Settings extends object>(info: RuleInfo<Settings>): PolicyConfigSchema {
    const properties: Record<string, PolicyConfigJSONSchema> = {};
    for (const key of Object.keys(info.settings) as (keyof Settings & string)[]) {
        // A JSON round trip gives the schema its own copy of the default, frozen or not.
        properties[key] = { ...info.settings[key], default: JSON.parse(JSON.stringify(info.defaults[key])) };
    }
    properties.exemptions = exemptionsSchema(info.exemptionsBy ?? "resource");
    return { properties };
}

function configParser<Settings extends object>(info: RuleInfo<Settings>): (given: unknown) => RuleConfig<Settings> {
    const parse = (given: unknown): RuleConfig<Settings> => {
        const at = new PolicyConfigLocation(info.name);
        const defaults: Record<string, unknown> = { ...info.defaults, exemptions: [] };
        const merged = mergeWithDefaults(isRecord(given) ? given : {}, defaults, at);
        return { ...info.parseSettings(merged, at), exemptions: readExemptions(merged.exemptions, at.key("exemptions"), info.exemptionsBy ?? "resource") };
    };
    // The server hands every call a fresh shallow copy of the same config until the next Configure,
    // and parsing is pure: when every setting is the very value parsed last time, so is the result.
    // (A bad config is never kept, so it throws on every call, as before.)
    let last: { given: Record<string, unknown>; config: RuleConfig<Settings> } | undefined;
    return (given) => {
        if (!isRecord(given)) return parse(given);
        if (last && sameSettings(given, last.given)) return last.config;
        const config = parse(given);
        last = { given, config };
        return config;
    };
}

function sameSettings(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/**
 * `args.notApplicable(reason)`, which throws. The server reads only the error's reason, so its stack
 * trace is not captured: every resource is not-applicable to most rules, and capturing thousands
 * of stack traces was a measurable part of a large stack's Analyze calls.
 */
function notApplicable(args: { notApplicable: (reason?: string) => never }, reason: string): never {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return args.notApplicable(reason);
    } finally {
        Error.stackTraceLimit = limit;
    }
}

function typeNames(types: readonly string[]): string {
    const names = types.map((t) => t.split(":").pop());
    return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** What the pack tells the engine about a policy (GetAnalyzerInfo), the same for both kinds of rule. */
function policyMetadata<Settings extends object>(spec: RuleInfo<Settings>, configSchema: PolicyConfigSchema, deps: RuleDeps) {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        tags: [...spec.tags],
        ...ruleUrl(deps, spec.name),
        remediationSteps: spec.remediationSteps,
        configSchema,
    };
}

/** `{ url }` of a policy's row in the README's rules table, or nothing where the README's address is unknown. */
export function ruleUrl(deps: RuleDeps, name: string): { url?: string } {
    return deps.docsUrl ? { url: `${deps.docsUrl}#${name}` } : {};
}

function makeFactory(name: string, build: (deps: RuleDeps) => RulePolicy): RuleFactory {
    return Object.assign(build, { policyName: name });
}

export function resourceRule<Settings extends object>(spec: ResourceRuleSpec<Settings>): RuleFactory {
    const configSchema = configSchemaOf(spec);
    const parseConfig = configParser(spec);
    const notApplicableReason = `Policy only applies to ${typeNames(spec.appliesTo)} resources`;

    return makeFactory(spec.name, (deps) => {
        const ledger = deps.ledger ?? appliedExemptions;
        const validateResource: ResourceValidation = (args, reportViolation) => {
            if (!spec.appliesTo.includes(args.type)) notApplicable(args, notApplicableReason);
            const config = parseConfig(args.getConfig());
            const findings = new Findings();
            const resource = fromValidationArgs(args);
            spec.check(resource, config, findings);
            if (spec.exemptionsBy === "scope") requireExemptionScopes(spec.name, config.exemptions, findings, resource);
            const review = applyExemptions(spec.name, config.exemptions, findings, deps.now());
            for (const finding of review.reported) reportViolation(finding.message);
            if (review.unchecked.length > 0) throw new CannotVerifyDuringPreview(describeUnchecked(review.unchecked));
        };
        // The policy server skips a rule for other types before it converts a resource's properties
        // only when the function carries its type (@pulumi/policy 1.21 server.js, as
        // validateResourceOfType sets it); without it every Analyze call paid that for every rule.
        if (spec.appliesTo.length === 1) Object.assign(validateResource, { __pulumiType: spec.appliesTo[0] });
        return {
            ...policyMetadata(spec, configSchema, deps),
            validateResource,
            validateStack: (args, reportViolation) => {
                ledger.set(spec.name, []);
                const config = parseConfig(args.getConfig());
                // Without exemptions there is nothing to audit, and findings were reported at Analyze time.
                if (config.exemptions.length === 0) {
                    if (!args.resources.some((r) => spec.appliesTo.includes(r.type))) notApplicable(args, notApplicableReason);
                    return;
                }
                const checked = args.resources.filter((r) => spec.appliesTo.includes(r.type)).map(fromPolicyResource);
                if (checked.length === 0) notApplicable(args, notApplicableReason);
                const findings = new Findings();
                for (const resource of checked) spec.check(resource, config, findings);
                if (spec.exemptionsBy === "scope") requireExemptionScopes(spec.name, config.exemptions, findings);
                // Findings were reported per resource at Analyze time; this half only audits exemptions.
                const now = deps.now();
                const review = applyExemptions(spec.name, config.exemptions, findings, now);
                ledger.set(spec.name, review.applied);
                const audit = auditExemptions(spec.name, config.exemptions, findings, checked, review.applied, now);
                for (const problem of audit.problems) reportViolation(problem);
                if (audit.pending.length > 0) throw new CannotVerifyDuringPreview(audit.pending.join("; "));
            },
        };
    });
}

export function stackRule<Settings extends object>(spec: StackRuleSpec<Settings>): RuleFactory {
    const configSchema = configSchemaOf(spec);
    const parseConfig = configParser(spec);
    const notApplicableReason = `Policy only applies to stacks with ${typeNames(spec.appliesTo)} resources`;

    return makeFactory(spec.name, (deps) => {
        const ledger = deps.ledger ?? appliedExemptions;
        return {
            ...policyMetadata(spec, configSchema, deps),
            validateStack: (args, reportViolation) => {
                ledger.set(spec.name, []);
                const config = parseConfig(args.getConfig());
                const resources = args.resources.map(fromPolicyResource);
                const checked = resources.filter((r) => spec.appliesTo.includes(r.type));
                if (checked.length === 0 && config.exemptions.length === 0) notApplicable(args, notApplicableReason);
                const findings = new Findings();
                spec.check(resources, config, findings);
                if (spec.exemptionsBy === "scope") requireExemptionScopes(spec.name, config.exemptions, findings);
                const now = deps.now();
                const review = applyExemptions(spec.name, config.exemptions, findings, now);
                ledger.set(spec.name, review.applied);
                for (const finding of review.reported) reportViolation(finding.message, finding.urn);
                const audit = auditExemptions(spec.name, config.exemptions, findings, checked, review.applied, now);
                for (const problem of audit.problems) reportViolation(problem);
                const unknown = [...(review.unchecked.length > 0 ? [describeUnchecked(review.unchecked)] : []), ...audit.pending];
                if (unknown.length > 0) throw new CannotVerifyDuringPreview(unknown.join("; "));
            },
        };
    });
}

/** For rules whose only setting is `exemptions`. */
export const NO_SETTINGS = {
    settings: {},
    defaults: {},
    parseSettings: () => ({}),
} as const;
