// Calls rule policies directly with arguments built the way the policy server builds them:
// properties are marshalled as the engine marshals them, go through a protobuf Struct round trip,
// have their secrets unwrapped as the server does, and are wrapped in the server's own
// unknown-checking proxy, so unknown handling in tests is the real one.
import type { PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { expect } from "vitest";
import { encodeProperties } from "../../cli/analyzer/encoding";
import type { AppliedExemptionLedger } from "../../policy-pack/support/appliedExemptions";
import { AUTH0_TYPES } from "../../policy-pack/guardrails";
import { isUnknownValueError, UNKNOWN_VALUE_SENTINEL, unknownCheckingProxy } from "../../policy-pack/support/preview";
import type { RuleDeps, RulePolicy } from "../../policy-pack/support/rule";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * What the policy server's deserializeProperties(struct, false) does to the values the engine sends
 * for these resources: unwrap secrets, reject other signatures. The server's own module pulls in
 * the whole Pulumi SDK, which would triple each rule test's start-up; the engine-protocol test
 * (engine.process.test.ts) runs the real one over the wire.
 */
function deserialize(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(deserialize);
    const record = value as Record<string, unknown>;
    if (record[SIG] === SECRET_SIG) return deserialize(record.value);
    if (record[SIG] !== undefined) throw new Error(`Unrecognized signature '${String(record[SIG])}' when unmarshaling resource property`);
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, deserialize(item)]));
}

/** The engine's unknown marker, as a property value. */
export const UNKNOWN = UNKNOWN_VALUE_SENTINEL;

/** A secret as the SDK sends it; the server unwraps it before policies see it. */
export function secret(value: unknown): Record<string, unknown> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** The fixed "now" of rule tests: 2026-01-15 12:00 UTC. */
export const NOW = new Date("2026-01-15T12:00:00Z");

export function ruleDeps(ledger: AppliedExemptionLedger = new Map()): RuleDeps & { ledger: AppliedExemptionLedger } {
    return { now: () => NOW, ledger };
}

/** The auth0 type tokens, as the pack itself names them. */
export const T = AUTH0_TYPES;

export interface ResourceSpec {
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
    /** Names (or URNs) of resources this one depends on. */
    readonly dependsOn?: readonly string[];
    /** Property name to names (or URNs) of the resources its value came from. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::auth0-m2m::${type}::${name}`;
}

/** Props as a policy sees them: marshalled as the engine does, deserialized and proxied as the server does. */
export function serverProps(props: Record<string, unknown>): Record<string, unknown> {
    const struct = Struct.fromJavaScript(encodeProperties(props) as Parameters<typeof Struct.fromJavaScript>[0]);
    return unknownCheckingProxy(deserialize(struct.toJavaScript()) as Record<string, unknown>);
}

export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

export interface PolicyRun {
    readonly violations: Violation[];
    /** The preview advisory's message, when the rule threw UnknownValueError. */
    readonly unknown?: string;
    /** Set when the rule called notApplicable. */
    readonly notApplicable?: string;
}

class NotApplicable extends Error {}

async function run(invoke: (report: (message: string, urn?: string) => void) => unknown): Promise<PolicyRun> {
    const violations: Violation[] = [];
    try {
        await invoke((message, urn) => violations.push(urn === undefined ? { message } : { message, urn }));
    } catch (error) {
        if (isUnknownValueError(error)) return { violations, unknown: error.message };
        if (error instanceof NotApplicable) return { violations, notApplicable: error.message };
        throw error;
    }
    return { violations };
}

const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason ?? "not applicable");
};

export function runResource(policy: RulePolicy, spec: ResourceSpec, config: object = {}): Promise<PolicyRun> {
    const props = serverProps(spec.props);
    const args: ResourceValidationArgs = {
        type: spec.type,
        props,
        urn: urnOf(spec.type, spec.name),
        name: spec.name,
        opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
    if (!policy.validateResource) throw new Error(`${policy.name} has no validateResource`);
    return run((report) => policy.validateResource!(args, report));
}

export function stackResources(specs: readonly ResourceSpec[]): PolicyResource[] {
    const urnFor = (ref: string) => (ref.startsWith("urn:") ? ref : urnOf(specs.find((s) => s.name === ref)?.type ?? "unknown", ref));
    const resources: PolicyResource[] = specs.map((spec) => ({
        type: spec.type,
        props: serverProps(spec.props),
        urn: urnOf(spec.type, spec.name),
        name: spec.name,
        opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    }));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    specs.forEach((spec, i) => {
        // As the server does: references to resources outside the list are dropped.
        const resolve = (refs: readonly string[]) => refs.map(urnFor).flatMap((u) => (byUrn.has(u) ? [byUrn.get(u)!] : []));
        resources[i].dependencies = resolve(spec.dependsOn ?? []);
        for (const [key, refs] of Object.entries(spec.propertyDependencies ?? {})) resources[i].propertyDependencies[key] = resolve(refs);
    });
    return resources;
}

export function runStack(policy: RulePolicy, specs: readonly ResourceSpec[], config: object = {}): Promise<PolicyRun> {
    const args: StackValidationArgs = {
        resources: stackResources(specs),
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
    return run((report) => policy.validateStack(args, report));
}

function render(result: PolicyRun): string {
    const lines = result.violations.map((v, i) => `  [${i}] ${v.urn ? `(${v.urn}) ` : ""}${v.message}`);
    return [
        `${result.violations.length} violation(s):`,
        ...(lines.length > 0 ? lines : ["  (none)"]),
        `unknown: ${result.unknown ?? "(none)"}`,
        ...(result.notApplicable ? [`not applicable: ${result.notApplicable}`] : []),
    ].join("\n");
}

/**
 * Asserts exactly one violation per matcher, in any order, and no others. On failure it prints
 * every violation the rule reported, so a wrong message is visible at once.
 */
export function expectViolations(result: PolicyRun, matchers: readonly (string | RegExp)[]): void {
    const unmatched = [...result.violations];
    const missing: string[] = [];
    for (const matcher of matchers) {
        const index = unmatched.findIndex((v) => (typeof matcher === "string" ? v.message.includes(matcher) : matcher.test(v.message)));
        if (index < 0) missing.push(String(matcher));
        else unmatched.splice(index, 1);
    }
    if (missing.length > 0 || unmatched.length > 0) {
        expect.fail(
            [
                ...missing.map((m) => `expected a violation matching ${m}`),
                ...(unmatched.length > 0 ? [`${unmatched.length} violation(s) not expected`] : []),
                render(result),
            ].join("\n"),
        );
    }
}

/** No violations and nothing left unchecked. */
export function expectClean(result: PolicyRun): void {
    if (result.violations.length > 0 || result.unknown !== undefined) expect.fail(`expected no findings\n${render(result)}`);
}

export function expectUnknown(result: PolicyRun, matcher: string | RegExp): void {
    const ok = result.unknown !== undefined && (typeof matcher === "string" ? result.unknown.includes(matcher) : matcher.test(result.unknown));
    if (!ok) expect.fail(`expected a preview advisory matching ${matcher}\n${render(result)}`);
}
