// Makes a resource's output properties cost nothing until the program reads them. Runs in the
// program child, on the SDK copy the program registers its resources with.
//
// The SDK gives every custom resource one Output per property of its type, inputs and outputs
// alike, when it is declared (`transferProperties` in runtime/rpc.js), and each pending Output holds
// promises, closures and a Proxy (sizes in bench/CHANGES.md).
// A program declares all of its resources before any registration completes, and a parent keeps
// its children, so these Outputs were most of the program's memory and garbage-collection time on
// large stacks, although a program reads few of them (a client's clientId, a password's result).
//
// Here each property is an accessor that makes the very same Output (the SDK's own class, with the
// value, known-ness, secret-ness and dependencies it would have had) on first read, and then
// becomes a plain property holding it, as the SDK would have left it.
import * as path from "node:path";

/** The SDK's resolver for one property: called once, when the registration returns or fails. */
type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], error?: Error) => void;
type OutputClass = new (resources: unknown, promise: Promise<unknown>, isKnown: Promise<boolean>, isSecret: Promise<boolean>, allResources: Promise<unknown[]>) => unknown;
type Outcome = { readonly value: unknown; readonly isKnown: boolean; readonly isSecret: boolean; readonly deps: unknown[] } | { readonly error: Error };

interface RpcModule {
    transferProperties?: (onto: object, label: string, props: Record<string, unknown>) => Record<string, Resolver>;
}

/**
 * Replaces the SDK's `transferProperties` with the lazy one. Returns false, leaving the SDK as it
 * is, when this SDK's internals are not the ones this was written against.
 */
export function makeOutputsLazy(sdkDir: string): boolean {
    const rpc = require(path.join(sdkDir, "runtime", "rpc")) as RpcModule;
    const { Output } = require(path.join(sdkDir, "output")) as { Output?: OutputClass };
    const { isGrpcError } = require(path.join(sdkDir, "errors")) as { isGrpcError?: (error: unknown) => boolean };
    if (typeof rpc.transferProperties !== "function" || rpc.transferProperties.length !== 3 || typeof Output !== "function" || typeof isGrpcError !== "function") {
        return false;
    }
    rpc.transferProperties = (onto, label, props) => {
        const resolvers: Record<string, Resolver> = {};
        for (const key of Object.keys(props)) {
            // As the SDK: `id` and `urn` are the resource's own, set up elsewhere.
            if (key === "id" || key === "urn") continue;
            if (Object.prototype.hasOwnProperty.call(onto, key)) throw new Error(`Property '${key}' is already initialized on target '${label}`);
            resolvers[key] = lazyProperty(onto, key, Output, isGrpcError);
        }
        return resolvers;
    };
    return true;
}

function lazyProperty(onto: object, key: string, Output: OutputClass, isGrpcError: (error: unknown) => boolean): Resolver {
    let outcome: Outcome | undefined;
    /** Set once the Output exists while the registration is still pending. */
    let settle: ((outcome: Outcome) => void) | undefined;

    const makeOutput = (): unknown => {
        if (outcome) return outputOf(Output, onto, settled(outcome));
        const pending = pendingPromises();
        settle = pending.settle;
        return outputOf(Output, onto, pending.promises);
    };
    const becomePlain = (value: unknown) => Object.defineProperty(onto, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(onto, key, {
        enumerable: true,
        configurable: true,
        get() {
            const output = makeOutput();
            becomePlain(output);
            return output;
        },
        set: becomePlain,
    });

    return (value, isKnown, isSecret, deps = [], error) => {
        // As the SDK: a gRPC error is reported through the resource's URN, not through every property.
        if (error && isGrpcError(error)) return;
        outcome = error ? { error } : { value, isKnown, isSecret, deps };
        settle?.(outcome);
        settle = undefined;
    };
}

interface Promises {
    readonly value: Promise<unknown>;
    readonly isKnown: Promise<boolean>;
    readonly isSecret: Promise<boolean>;
    readonly deps: Promise<unknown[]>;
}

function outputOf(Output: OutputClass, onto: object, p: Promises): unknown {
    return new Output(onto, p.value, p.isKnown, p.isSecret, p.deps);
}

function settled(outcome: Outcome): Promises {
    if ("error" in outcome) {
        const rejected = () => Promise.reject(outcome.error);
        return { value: rejected(), isKnown: rejected(), isSecret: rejected(), deps: rejected() };
    }
    return {
        value: Promise.resolve(outcome.value),
        isKnown: Promise.resolve(outcome.isKnown),
        isSecret: Promise.resolve(outcome.isSecret),
        deps: Promise.resolve(outcome.deps),
    };
}

function pendingPromises(): { promises: Promises; settle: (outcome: Outcome) => void } {
    const resolvers: { resolve: (value: never) => void; reject: (error: Error) => void }[] = [];
    const make = <T>() => new Promise<T>((resolve, reject) => resolvers.push({ resolve: resolve as (value: never) => void, reject }));
    const promises: Promises = { value: make(), isKnown: make(), isSecret: make(), deps: make() };
    const settle = (outcome: Outcome) => {
        if ("error" in outcome) {
            for (const { reject } of resolvers) reject(outcome.error);
            return;
        }
        const values = [outcome.value, outcome.isKnown, outcome.isSecret, outcome.deps];
        resolvers.forEach(({ resolve }, index) => resolve(values[index] as never));
    };
    return { promises, settle };
}
