// The @pulumi/pulumi entry points the program child needs, found in whichever 3.x release the
// PROGRAM installed. Internals move between releases (waitForRPCs arrived long after 3.0.0,
// setMocks became async and gained an organization), so each is looked up before use, and a
// missing one is reported with the program's SDK version rather than as a TypeError.

/** The oldest @pulumi/pulumi the plan runs; tested in test/cli/sdkVersions.process.test.ts. */
export const OLDEST_SUPPORTED_SDK = "3.0.0";

/** Settings of the program's SDK, as far as the plan uses them. */
export interface SdkSettings {
    getMonitor(): unknown;
    /** 3.x: registers one pending RPC and returns the function that ends it. */
    rpcKeepAlive?: () => () => void;
    /** Later 3.x: resolves once no RPC is pending. */
    waitForRPCs?: () => Promise<void>;
}

/** Why the program can't run with its SDK: names the version, the oldest supported one, and the fix. */
export function unsupportedSdkMessage(version: string, dir: string, missing?: string): string | undefined {
    const major = Number.parseInt(version, 10);
    if (Number.isNaN(major) || major < 3) {
        return (
            `The program uses @pulumi/pulumi ${version} (${dir}); auth0-m2m plan runs programs on @pulumi/pulumi ${OLDEST_SUPPORTED_SDK} or later. ` +
            `Upgrade the program's SDK (npm install @pulumi/pulumi@^3 in the project directory; Pulumi's 3.0 migration notes list what changed) and run the plan again.`
        );
    }
    if (missing === undefined) return undefined;
    return (
        `The program's @pulumi/pulumi ${version} (${dir}) has no ${missing}, which auth0-m2m plan needs to run it. ` +
        `Releases from ${OLDEST_SUPPORTED_SDK} through the newest 3.x are supported; if this one is newer, report it with this message, ` +
        `and meanwhile pin the program to the previous @pulumi/pulumi release.`
    );
}

/**
 * A function that resolves once the program's RPCs have all finished: the SDK's own
 * `waitForRPCs` where it has one; otherwise the same wait built on `rpcKeepAlive`, which every
 * 3.x release calls (through its exports object) around each register, read and invoke. Install
 * it before the program starts, so every RPC is counted.
 */
export function rpcWaiter(settings: SdkSettings): (() => Promise<void>) | undefined {
    if (typeof settings.waitForRPCs === "function") return () => settings.waitForRPCs!();
    const keepAlive = settings.rpcKeepAlive;
    if (typeof keepAlive !== "function") return undefined;
    let pending = 0;
    let idle: (() => void)[] = [];
    settings.rpcKeepAlive = () => {
        pending++;
        const release = keepAlive();
        let released = false;
        return () => {
            if (!released) {
                released = true;
                pending--;
                if (pending === 0) {
                    const waiting = idle;
                    idle = [];
                    for (const wake of waiting) wake();
                }
            }
            release();
        };
    };
    return async () => {
        // An RPC's continuation may start the next one (an apply that registers a resource), so
        // "idle" only counts once a turn of the event loop has passed with nothing pending.
        for (;;) {
            if (pending > 0) await new Promise<void>((resolve) => idle.push(resolve));
            await new Promise((resolve) => setImmediate(resolve));
            if (pending === 0) return;
        }
    };
}
