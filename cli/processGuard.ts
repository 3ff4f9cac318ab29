// The plan's side of cli/bin/process-guard.js: how it starts a child that must end with the plan,
// and how it ends that child together with everything the child started.
import type { ChildProcess } from "node:child_process";
import { binModulePath } from "./binModules";

interface GuardModule {
    readonly WATCH_FD_VARIABLE: string;
    killTree(rootPid: number, options?: { group?: boolean }): void;
}

/** cli/bin/process-guard.js: the pack preloads it with --require. */
export const PROCESS_GUARD_PATH = binModulePath("process-guard.js");

const guard = require(PROCESS_GUARD_PATH) as GuardModule;

/**
 * The environment that tells a child which of its descriptors is the plan's watch socket. The
 * child's stdio must have a "pipe" at `fd`, which the plan keeps open and never writes to.
 */
export function watchSocketEnv(fd: number): Record<string, string> {
    return { [guard.WATCH_FD_VARIABLE]: String(fd) };
}

/** Keeps the plan's end of the watch socket open without holding the plan's event loop open. */
export function holdWatchSocket(child: ChildProcess, fd: number): void {
    const socket = child.stdio[fd] as (NodeJS.ReadableStream & { unref?: () => void }) | null | undefined;
    socket?.unref?.();
}

/**
 * SIGKILLs a child the plan started as a process-group leader (`detached: true`), its group and
 * every descendant still in its tree. Safe to call after the child has exited.
 */
export function killProcessTree(child: ChildProcess): void {
    if (child.pid === undefined) return;
    guard.killTree(child.pid, { group: true });
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
