// Values that are unknown during `pulumi preview`, and how a rule says it couldn't see them.
//
// Imported from @pulumi/policy's proxy module, which defines them and which the package index
// re-exports (a test checks they are the same objects): the index also loads the policy server and
// the whole Pulumi SDK, which rules don't need, so tests of single rules stay fast.
import * as policy from "@pulumi/policy/proxy";

/**
 * What `@pulumi/policy` throws when a policy reads a value that is unknown during preview. Its
 * 1.21.0 declaration file is empty (the class is marked internal), so the type is restated here;
 * the value is the package's own class, the one the policy server tests with `instanceof`.
 */
export interface UnknownValueErrorInstance extends Error {
    /** The property path that was read, e.g. `["scopes", "1"]`. */
    readonly props: readonly PropertyKey[];
}
type UnknownValueErrorClass = new (unknownSentinel: string, props: PropertyKey[]) => UnknownValueErrorInstance;

export const UnknownValueError = (policy as unknown as { UnknownValueError: UnknownValueErrorClass }).UnknownValueError;

/** The proxy the policy server wraps resource properties in; exported for tests that build args as the server does. */
export const unknownCheckingProxy = (policy as unknown as { unknownCheckingProxy: <T>(value: T) => T }).unknownCheckingProxy;

/** The engine's marker for an unknown value (it sends this one for unknowns of every type). */
export const UNKNOWN_VALUE_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Thrown by a rule after it has reported everything it could check, when some value it needed was
 * unknown. The policy server turns any UnknownValueError into an advisory
 * "can't run policy ... during preview: <message>", so preview warns instead of passing silently.
 */
export class CannotVerifyDuringPreview extends UnknownValueError {
    constructor(message: string) {
        // The base constructor needs a real sentinel to build its own message; ours replaces it.
        super(UNKNOWN_VALUE_SENTINEL, []);
        this.name = "CannotVerifyDuringPreview";
        this.message = message;
    }
}

export function isUnknownValueError(error: unknown): error is UnknownValueErrorInstance {
    return error instanceof UnknownValueError;
}

interface ProxyInternals {
    readonly isSpecialProxy?: string;
    readonly getSpecialProxyTarget?: string;
    readonly unknownBooleanValue?: string;
    readonly unknownNumberValue?: string;
    readonly unknownStringValue?: string;
    readonly unknownArrayValue?: string;
    readonly unknownAssetValue?: string;
    readonly unknownArchiveValue?: string;
    readonly unknownObjectValue?: string;
}
const internals = policy as unknown as ProxyInternals;

/**
 * The values the proxy treats as unknown (it throws UnknownValueError when one is read), or
 * undefined if this @pulumi/policy doesn't export them.
 */
const UNKNOWN_SENTINELS: ReadonlySet<unknown> | undefined = (() => {
    const values = [
        internals.unknownBooleanValue,
        internals.unknownNumberValue,
        internals.unknownStringValue,
        internals.unknownArrayValue,
        internals.unknownAssetValue,
        internals.unknownArchiveValue,
        internals.unknownObjectValue,
    ];
    return values.every((v) => typeof v === "string") ? new Set(values) : undefined;
})();

/**
 * The plain object behind the server's unknown-checking proxy, with a test for its unknown markers,
 * or undefined when `value` is no such proxy or this @pulumi/policy doesn't expose them. Reading
 * the target directly gives the same values the proxy would, without an UnknownValueError (and its
 * stack trace) per unknown field and a new proxy per nested read: the largest cost of turning a
 * stack's resources into plain values.
 */
export function unknownCheckingProxyTarget(value: unknown): { target: unknown; isUnknown: (v: unknown) => boolean } | undefined {
    const { isSpecialProxy, getSpecialProxyTarget } = internals;
    if (!UNKNOWN_SENTINELS || !isSpecialProxy || !getSpecialProxyTarget) return undefined;
    if (typeof value !== "object" || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if (record[isSpecialProxy] !== true) return undefined;
    const sentinels = UNKNOWN_SENTINELS;
    return { target: record[getSpecialProxyTarget], isUnknown: (v) => sentinels.has(v) };
}
