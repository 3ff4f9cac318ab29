// Helpers for the process-level tests: whether a process the plan started is still there.

/** Whether `pid` is a live process (signal 0 checks without sending anything). */
export function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}
