"use strict";
// Makes the processes the plan starts (the program child, the policy pack) end with the plan,
// however the plan ends, SIGKILL included, and takes what they started down with them.
//
// - The plan gives each child one end of a socket pair (fd WATCH_FD_VARIABLE) and never writes to
//   it. A SIGKILL'd plan can't clean up, but the kernel closes its end, so the child reads EOF.
//   The read runs on a worker thread's event loop: a program stuck in a synchronous loop never
//   returns to its own, and would never see an EOF there.
// - On EOF the child kills its descendants and its process group (the plan starts it as a group
//   leader, `detached: true`), then itself.
// - On a normal exit the child kills its descendants, so a program's leftovers (a detached
//   server, an exec'd sleep, a child sharing its stdout) don't outlive it.
// Descendants are found through /proc (Linux): a process that left the tree before the kill (a
// daemon that double-forked and whose middle process exited) is out of reach; without a cgroup
// nothing unprivileged can find it. Elsewhere only the process group is killed.
//
// Plain JavaScript: the pack loads it with `node --require` before anything else.
const fs = require("node:fs");
const net = require("node:net");
const { isMainThread, Worker, workerData } = require("node:worker_threads");

const WATCH_FD_VARIABLE = "AUTH0_M2M_PARENT_WATCH_FD";

/** The pids of every live descendant of `rootPid` (children first), from /proc; none elsewhere. */
function descendants(rootPid) {
    let entries;
    try {
        entries = fs.readdirSync("/proc");
    } catch {
        return [];
    }
    const children = new Map();
    for (const name of entries) {
        if (!/^\d+$/.test(name)) continue;
        let stat;
        try {
            stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        } catch {
            continue; // it exited while we looked
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const list = children.get(ppid);
        if (list) list.push(Number(name));
        else children.set(ppid, [Number(name)]);
    }
    const found = [];
    for (let i = -1; i < found.length; i++) {
        for (const child of children.get(i < 0 ? rootPid : found[i]) ?? []) found.push(child);
    }
    return found;
}

function signal(target, name) {
    try {
        process.kill(target, name);
        return true;
    } catch {
        return false; // already gone
    }
}

/**
 * SIGKILLs every descendant of `rootPid` and each one's process group, and with `group` the
 * group `rootPid` leads (members that were reparented once their parent died). Looks twice, for
 * anything forked while the first kills went out. Never signals this process.
 */
function killTree(rootPid, { group = false } = {}) {
    for (let pass = 0; pass < 2; pass++) {
        // Found before the root dies: once it has, its children belong to init and can't be told apart.
        const found = descendants(rootPid).filter((pid) => pid !== process.pid);
        if (pass === 0 && group && rootPid !== process.pid) signal(-rootPid, "SIGKILL");
        if (found.length === 0) break;
        for (const pid of found) {
            // A leader of its own group (a detached child) takes its group with it.
            signal(-pid, "SIGKILL");
            signal(pid, "SIGKILL");
        }
    }
}

/**
 * The worker: reads the plan's socket on its own event loop; on EOF (or an error) ends the
 * process. Not a blocking read: a worker stuck in a system call would keep process.exit waiting.
 */
function watchUntilEof(fd) {
    let socket;
    try {
        socket = new net.Socket({ fd, readable: true, writable: false });
    } catch {
        return; // not a socket or pipe: nothing to watch
    }
    const parentGone = () => {
        killTree(process.pid);
        // The plan starts this process as a group leader: its group holds what it started through exec or with shared stdio.
        signal(-process.pid, "SIGKILL");
        signal(process.pid, "SIGKILL");
    };
    socket.on("data", () => undefined);
    socket.once("end", parentGone);
    socket.once("error", parentGone);
}

/** Guards this process if the plan started it with a watch socket; does nothing otherwise. */
function guardThisProcess() {
    const fd = Number(process.env[WATCH_FD_VARIABLE]);
    // The program's own children must not think the plan is watching them.
    delete process.env[WATCH_FD_VARIABLE];
    if (!Number.isInteger(fd) || fd < 3) return;
    const worker = new Worker(__filename, { workerData: { processGuardFd: fd } });
    worker.unref();
    // A guard that can't run must not take the process down with it.
    worker.on("error", () => undefined);
    process.on("exit", () => killTree(process.pid));
}

if (!isMainThread && workerData && typeof workerData.processGuardFd === "number") watchUntilEof(workerData.processGuardFd);
else if (isMainThread && process.env[WATCH_FD_VARIABLE] !== undefined) guardThisProcess();

module.exports = { WATCH_FD_VARIABLE, descendants, killTree };
