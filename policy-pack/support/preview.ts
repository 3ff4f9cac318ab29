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
