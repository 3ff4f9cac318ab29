// The base of a diff as a git ref: its tree is materialised in a temporary directory with
// `git archive` (read-only for the repository: no worktree entry, no index, no checkout), planned
// with the head's installed dependencies, and removed afterwards, whatever happens.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { configError, usageError } from "../errors";
import { projectFileIn, stackFileIn } from "../program/project";

export interface HeadPaths {
    readonly projectDir: string;
    readonly stack: string;
    readonly configFile?: string;
    readonly policyConfigFile?: string;
}

export type GitBase =
    | { readonly status: "ready"; readonly commit: string; readonly projectDir: string; readonly configFile?: string; readonly policyConfigFile?: string }
    | { readonly status: "absent"; readonly commit: string; readonly reason: string };

/** A temporary tree, removed by `remove()` and, should the process end first, on exit. */
export class TemporaryTree {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-base-"));
    private readonly onExit = () => this.remove();
    constructor() {
        process.on("exit", this.onExit);
    }
    remove(): void {
        process.off("exit", this.onExit);
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

function git(cwd: string, args: readonly string[]): { ok: boolean; out: string; err: string } {
    const result = spawnSync("git", args, { cwd, encoding: "utf8" });
    if (result.error) throw configError(`--base needs git, which could not run: ${result.error.message}`);
    return { ok: result.status === 0, out: result.stdout.trim(), err: result.stderr.trim() };
}

/** The commit `ref` names in the repository holding the head's project. */
export function resolveBaseCommit(ref: string, projectDir: string): { repoRoot: string; commit: string } {
    const top = git(projectDir, ["rev-parse", "--show-toplevel"]);
    if (!top.ok) throw usageError(`--base '${ref}' is not a file, and ${projectDir} is not in a git repository, so it is not a git ref either. Pass a report written by 'plan --format json', or run inside the repository.`);
    const commit = git(top.out, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
    if (!commit.ok) throw usageError(`--base '${ref}' is neither a file nor a commit in ${top.out} (for a pull request's base branch, fetch it first: git fetch origin <branch>).`);
    return { repoRoot: fs.realpathSync(top.out), commit: commit.out };
}

/** Writes the tree of `commit` into `dir` (git archive | tar -x), never touching the working tree. */
export async function extractTree(repoRoot: string, commit: string, dir: string): Promise<void> {
    const archive = spawn("git", ["archive", "--format=tar", commit], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    const tar = spawn("tar", ["-x", "-C", dir], { stdio: ["pipe", "ignore", "pipe"] });
    archive.stdout.pipe(tar.stdin);
    const stderr: string[] = [];
    archive.stderr.on("data", (d: Buffer) => stderr.push(d.toString()));
    tar.stderr.on("data", (d: Buffer) => stderr.push(d.toString()));
    const exit = (child: ReturnType<typeof spawn>) => new Promise<number | null>((resolve, reject) => child.on("error", reject).on("close", resolve));
    const [a, t] = await Promise.all([exit(archive), exit(tar)]).catch((error: Error) => {
        throw configError(`Can't materialise the base commit ${commit}: ${error.message}`);
    });
    if (a !== 0 || t !== 0) throw configError(`Can't materialise the base commit ${commit} (git archive exited ${a}, tar ${t}): ${stderr.join("").trim()}`);
}

/**
 * The head's paths at the base, in the tree extracted to `dir`: the project, its stack file (the
 * base's own; none on either side is the same stack with empty config; only one head has and the
 * base lacks makes a new stack) and a policy config inside the repository. Each directory
 * from the project up to the repository root that has node_modules at head gets a link to it, so
 * the base runs with the same installed dependencies.
 */
export function baseInTree(tree: string, repoRoot: string, commit: string, head: HeadPaths): GitBase {
    const inRepo = (file: string) => {
        const real = fs.existsSync(file) ? fs.realpathSync(file) : path.resolve(file);
        const relative = path.relative(repoRoot, real);
        return relative.startsWith("..") || path.isAbsolute(relative) ? undefined : relative;
    };
    const projectRel = inRepo(head.projectDir);
    if (projectRel === undefined) throw usageError(`--base: the project ${head.projectDir} is outside the repository ${repoRoot}.`);
    const projectDir = path.join(tree, projectRel);
    const projectFile = projectFileIn(projectDir);
    if (!projectFile) return { status: "absent", commit, reason: `the project ${projectRel || "."} does not exist at the base` };

    let configFile: string | undefined;
    if (head.configFile !== undefined) {
        const rel = inRepo(head.configFile);
        configFile = rel === undefined ? head.configFile : path.join(tree, rel);
        if (!fs.existsSync(configFile)) return { status: "absent", commit, reason: `stack ${head.stack} has no stack file at the base (a new stack)` };
    } else {
        configFile = stackFile(projectDir, head.stack);
        // Only a stack file that head has and the base lacks makes a new stack. With none on either
        // side it is the same stack, planned with empty config on both (as `pulumi` runs it, PITFALLS).
        if (configFile === undefined && stackFile(head.projectDir, head.stack) !== undefined) {
            return { status: "absent", commit, reason: `stack ${head.stack} has no stack file at the base (a new stack)` };
        }
    }

    // A policy config outside the repository is the same file on both sides; one inside it is the base's, if it had one.
    let policyConfigFile = head.policyConfigFile;
    const policyRel = policyConfigFile === undefined ? undefined : inRepo(policyConfigFile);
    if (policyRel !== undefined) policyConfigFile = fs.existsSync(path.join(tree, policyRel)) ? path.join(tree, policyRel) : undefined;

    for (let dir = fs.realpathSync(head.projectDir); ; dir = path.dirname(dir)) {
        const modules = path.join(dir, "node_modules");
        const target = path.join(tree, path.relative(repoRoot, dir), "node_modules");
        if (fs.existsSync(modules) && !fs.existsSync(target)) fs.symlinkSync(modules, target, "dir");
        if (dir === repoRoot || path.dirname(dir) === dir) break;
    }
    return { status: "ready", commit, projectDir, configFile, policyConfigFile };
}

/** The project's `Pulumi.<stack>.yaml` (in its stackConfigDir), or undefined when it has none. */
function stackFile(projectDir: string, stackName: string): string | undefined {
    const projectFile = projectFileIn(projectDir);
    if (projectFile === undefined) return undefined;
    return stackFileIn(stackConfigDir(projectFile, projectDir), stackName.split("/").pop()!);
}

function stackConfigDir(projectFile: string, projectDir: string): string {
    try {
        const project = parse(fs.readFileSync(projectFile, "utf8")) as Record<string, unknown> | null;
        const dir = project?.stackConfigDir;
        return path.resolve(projectDir, typeof dir === "string" ? dir : ".");
    } catch {
        return projectDir; // The base's plan reports the broken Pulumi.yaml itself.
    }
}
