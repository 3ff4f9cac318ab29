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

/** Which part of the plan started a child, for callers that list their own. */
export type ChildRole = "program" | "policy-pack";

// Every child the plan started and still answers for: killed with its tree if the plan exits or is
// signalled first. One registry, so one set of process handlers however many children run.
const liveChildren = new Map<ChildProcess, ChildRole>();
let handlersInstalled = false;

function killAll(): void {
    for (const child of liveChildren.keys()) killProcessTree(child);
}

function onSignal(signal: NodeJS.Signals): void {
    killAll();
    removeHandlers();
    // Our listener suppressed Node's default handling; restore it unless someone else (the plan,
    // which settles its own exit code) handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHandlers(): void {
    if (handlersInstalled) return;
    handlersInstalled = true;
    process.on("exit", killAll);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
}

function removeHandlers(): void {
    if (!handlersInstalled) return;
    handlersInstalled = false;
    process.off("exit", killAll);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
}

/**
 * Kills `child` (with its group and descendants) should the plan exit or be signalled before the
 * returned release is called. Release once the child's end has been handled; releasing twice is fine.
 */
export function killWithPlan(child: ChildProcess, role: ChildRole): () => void {
    liveChildren.set(child, role);
    installHandlers();
    return () => {
        if (liveChildren.delete(child) && liveChildren.size === 0) removeHandlers();
    };
}

/** The pids of the children in `role` the plan still answers for. */
export function liveChildPids(role: ChildRole): number[] {
    return [...liveChildren].flatMap(([child, r]) => (r === role && child.pid !== undefined ? [child.pid] : []));
}
