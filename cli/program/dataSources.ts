// Data sources (invokes: auth0.getClient, getConnectionOutput, any provider's get*) in the program
// child. A real preview asks the provider; offline there is nobody to ask, so each answer is what
// a preview gives for a value it can't know yet: unknown. Every call is recorded for the report.
import type { DataSourceCall } from "./protocol";
import type { Sdk } from "./sdkLoader";

/** The SDK's invoke entry points; provider packages call these through `pulumi.runtime`. */
const OUTPUT_FORMS = ["invokeOutput", "invokeSingleOutput"] as const;
const PROMISE_FORMS = ["invoke", "invokeSingle"] as const;

type OutputConstructor = new (resources: unknown[], value: Promise<unknown>, isKnown: Promise<boolean>, isSecret: Promise<boolean>, all: Promise<unknown[]>) => object;

/** Collects the program's data source calls, one entry per function and call site. */
export class DataSourceLog {
    private readonly calls = new Map<string, { token: string; location?: string; count: number }>();

    record(token: string, location: string | undefined): void {
        const key = `${token}\u0000${location ?? ""}`;
        const entry = this.calls.get(key);
        if (entry) entry.count++;
        else this.calls.set(key, { token, location, count: 1 });
    }

    list(): DataSourceCall[] {
        return [...this.calls.values()].map(({ token, location, count }) => ({ token, location, count }));
    }
}

/**
 * Replaces the SDK's invoke functions so every data source answers "unknown". The output forms
 * return an unknown Output (as the SDK itself does when an invoke's arguments are unknown). The
 * promise forms (`await auth0.getClient(...)`) can't hold an unknown, so they resolve to an object
 * whose every field is an unknown Output: passed to a resource it becomes an unknown input, which
 * is what the rules then report as not verifiable.
 *
 * `locate` turns a stack trace into the call's `file:line:column` in the program.
 */
export function answerDataSourcesUnknown(sdk: Sdk, log: DataSourceLog, locate: (stack: string) => string | undefined): void {
    const Output = sdk.pulumi.Output as unknown as OutputConstructor;
    const unknownOutput = () => new Output([], Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve([]));
    const unknownFields = () => {
        const fields = new Map<string, object>();
        return new Proxy(
            {},
            {
                get(_target, key) {
                    // Not a thenable, not JSON: only named fields are values the program reads.
                    if (typeof key !== "string" || key === "then" || key === "toJSON") return undefined;
                    let field = fields.get(key);
                    if (!field) fields.set(key, (field = unknownOutput()));
                    return field;
                },
            },
        );
    };
    const recordCall = (token: unknown) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 50;
        const stack = new Error().stack ?? "";
        Error.stackTraceLimit = limit;
        log.record(String(token), locate(stack));
    };
    const replacements: Record<string, (token: unknown) => unknown> = {};
    for (const name of OUTPUT_FORMS) {
        replacements[name] = (token) => {
            recordCall(token);
            return unknownOutput();
        };
    }
    for (const name of PROMISE_FORMS) {
        replacements[name] = (token) => {
            recordCall(token);
            return Promise.resolve(unknownFields());
        };
    }
    // Newer SDKs re-export runtime/invoke through getters, which read these at each call; 3.0.x
    // copied them onto `pulumi.runtime` once, so those copies are replaced too.
    const runtime = sdk.pulumi.runtime as unknown as Record<string, unknown>;
    for (const [name, replacement] of Object.entries(replacements)) {
        if (typeof sdk.invoke[name] === "function") sdk.invoke[name] = replacement;
        const copy = Object.getOwnPropertyDescriptor(runtime, name);
        if (copy?.writable && typeof copy.value === "function") runtime[name] = replacement;
    }
}
