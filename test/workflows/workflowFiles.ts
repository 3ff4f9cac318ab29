// Reads the repository's GitHub workflows for the workflow tests: parsed YAML, raw text, and the
// tenant stacks they must cover.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const repo = path.join(__dirname, "..", "..");
export const workflowDir = path.join(repo, ".github", "workflows");

export type Step = { id?: string; name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
export type Job = {
    if?: string;
    needs?: string | string[];
    uses?: string;
    with?: Record<string, unknown>;
    environment?: string;
    permissions?: Record<string, string>;
    strategy?: { matrix?: Record<string, unknown[]> };
    concurrency?: { group: string; "cancel-in-progress": unknown };
    steps?: Step[];
};
export type Workflow = { name: string; on: any; permissions?: Record<string, string>; concurrency?: unknown; jobs: Record<string, Job> };

export const workflowFiles = (): string[] => fs.readdirSync(workflowDir).filter((f) => f.endsWith(".yml")).sort();
export const text = (file: string): string => fs.readFileSync(path.join(workflowDir, file), "utf8");
export const load = (file: string): Workflow => parse(text(file));

export const allSteps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
export const stepUsing = (job: Job, action: string): Step | undefined => (job.steps ?? []).find((s) => s.uses?.startsWith(`${action}@`));

/** The tenant stacks: one `Pulumi.<stack>.yaml` each, beside `Pulumi.yaml`. */
export const stacks = (): string[] =>
    fs
        .readdirSync(repo)
        .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
        .map((f) => f.slice("Pulumi.".length, -".yaml".length))
        .sort();

/** The script of the one actions/github-script step of plan-comment.yml. */
export function planCommentScript(): string {
    const step = stepUsing(load("plan-comment.yml").jobs.comment, "actions/github-script");
    if (typeof step?.with?.script !== "string") throw new Error("plan-comment.yml: no actions/github-script step with a script");
    return step.with.script;
}
