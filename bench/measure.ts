// Runs one command and measures it: wall time, and memory of the whole process tree it starts (the
// plan's CLI, its program child and its policy pack), by sampling /proc. Linux only.
//
// Two memory figures, because a sampled sum can miss a short spike:
// - the peak of the tree's simultaneous resident set, summed over its processes at each sample;
// - the sum of each process's own peak (VmHWM, which the kernel keeps exactly), an upper bound on
//   the first: it adds peaks that may not have happened at the same moment.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface ProcessPeak {
    readonly pid: number;
    /** What the process runs, e.g. `auth0-m2m.js`, `program-child.js`, `run-policy-pack`. */
    readonly role: string;
    /** The last VmHWM read before it exited, in KiB. */
    readonly peakKb: number;
    /** User + system CPU time at the last sample before it exited, in ms (up to one interval short). */
    readonly cpuMs: number;
}

export interface MeasuredRun {
    readonly exitCode: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly wallMs: number;
    /** Peak over samples of the sum of VmRSS across the tree, KiB. */
    readonly peakTreeRssKb: number;
    /** Sum over the tree's processes of each one's VmHWM, KiB (an upper bound of peakTreeRssKb). */
    readonly sumOfProcessPeaksKb: number;
    readonly processes: readonly ProcessPeak[];
    readonly samples: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface MeasureOptions {
    readonly cwd: string;
    readonly env?: NodeJS.ProcessEnv;
    /** Milliseconds between samples. Default 20. */
    readonly intervalMs?: number;
    /** Kill the tree after this long. Default 10 minutes. */
    readonly timeoutMs?: number;
}

/** Clock ticks per second for /proc's CPU times; 100 on every Linux Node.js supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    } catch {
        return undefined;
    }
}

function parentOf(pid: number): number | undefined {
    const fields = statFields(pid);
    return fields ? Number(fields[1]) : undefined;
}

/** utime + stime, in ms. */
function cpuOf(pid: number): number | undefined {
    const fields = statFields(pid);
    return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
}

/** Every live descendant of `root`, and root itself. */
function processTree(root: number): number[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        const pid = Number(entry);
        const parent = parentOf(pid);
        if (parent === undefined) continue;
        const list = children.get(parent);
        if (list) list.push(pid);
        else children.set(parent, [pid]);
    }
    const tree: number[] = [];
    const queue = [root];
    while (queue.length > 0) {
        const pid = queue.pop()!;
        tree.push(pid);
        queue.push(...(children.get(pid) ?? []));
    }
    return tree;
}

/** VmRSS and VmHWM in KiB, or undefined once the process is gone. */
function memoryOf(pid: number): { rssKb: number; hwmKb: number } | undefined {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
        const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
        if (!rss || !hwm) return undefined;
        return { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) };
    } catch {
        return undefined;
    }
}

function roleOf(pid: number): string {
    try {
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
        // The script is the first argument that is neither an option nor the value of `--require`
        // (the plan starts its children with `node --require process-guard.js <script>`).
        const script = argv.slice(1).find((arg, i, rest) => !arg.startsWith("-") && rest[i - 1] !== "--require" && rest[i - 1] !== "-r");
        if (!script) return path.basename(argv[0] ?? "?");
        return script.includes("run-policy-pack") ? "run-policy-pack" : path.basename(script);
    } catch {
        return "?";
    }
}

/** Runs `command args` and samples its process tree until it exits. Rejects only if it can't start. */
export function runMeasured(command: string, args: readonly string[], options: MeasureOptions): Promise<MeasuredRun> {
    if (!fs.existsSync("/proc/self/status")) throw new Error("measuring memory needs Linux's /proc");
    const intervalMs = options.intervalMs ?? 20;
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));

        const peaks = new Map<number, { role: string; peakKb: number; cpuMs: number }>();
        let peakTreeRssKb = 0;
        let samples = 0;
        const sample = () => {
            if (child.pid === undefined) return;
            let treeRss = 0;
            for (const pid of processTree(child.pid)) {
                const memory = memoryOf(pid);
                if (!memory) continue;
                treeRss += memory.rssKb;
                const cpuMs = cpuOf(pid) ?? 0;
                // Read every time: a child caught between fork and exec still shows its parent's command.
                const role = roleOf(pid);
                const known = peaks.get(pid);
                if (known) {
                    known.role = role;
                    known.peakKb = Math.max(known.peakKb, memory.hwmKb);
                    known.cpuMs = Math.max(known.cpuMs, cpuMs);
                } else peaks.set(pid, { role, peakKb: memory.hwmKb, cpuMs });
            }
            peakTreeRssKb = Math.max(peakTreeRssKb, treeRss);
            samples++;
        };
        const sampler = setInterval(sample, intervalMs);
        const timeout = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);

        child.once("error", (error) => {
            clearInterval(sampler);
            clearTimeout(timeout);
            reject(new Error(`could not start ${command}: ${error.message}`));
        });
        child.once("close", (exitCode, signal) => {
            const wallMs = performance.now() - started;
            clearInterval(sampler);
            clearTimeout(timeout);
            const processes = [...peaks].map(([pid, peak]) => ({ pid, role: peak.role, peakKb: peak.peakKb, cpuMs: peak.cpuMs }));
            resolve({
                exitCode,
                signal,
                wallMs,
                peakTreeRssKb,
                sumOfProcessPeaksKb: processes.reduce((sum, p) => sum + p.peakKb, 0),
                processes,
                samples,
                stdout,
                stderr,
            });
        });
    });
}
