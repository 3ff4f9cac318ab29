// The GitHub workflows can't run here. Each one is checked by a real validator (the
// @action-validator/cli schema check), then for the properties a security review asks for: pinned
// actions, fork safety, environments, ordering, refresh and per-stack policy config.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { allSteps, load, repo, stacks, stepUsing, text, workflowFiles, type Job } from "./workflowFiles";

const run = promisify(execFile);
const validator = path.join(repo, "node_modules", "@action-validator", "cli", "cli.mjs");
const packageJson = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));

// Each action's current major release and its commit, read with git from the action's own
// repository (tags v7.0.1, v7.0.0, v7.0.0, v8.0.1, v8.0.0, v7.0.0, v2.1.0, each the newest major).
const PINS: Record<string, { sha: string; version: string }> = {
    "actions/checkout": { sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", version: "v7.0.1" },
    "actions/setup-node": { sha: "820762786026740c76f36085b0efc47a31fe5020", version: "v7.0.0" },
    "actions/upload-artifact": { sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", version: "v7.0.0" },
    "actions/download-artifact": { sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", version: "v8.0.1" },
    "actions/github-script": { sha: "ed597411d8f924073f98dfc5c65a23a2325f34cd", version: "v8.0.0" },
    "pulumi/actions": { sha: "8e5e406f4007fca908480587cb9893c07090f58d", version: "v7.0.0" },
    "pulumi/auth-actions": { sha: "141415910c3beb54e03b48e9057c204c97b956f2", version: "v2.1.0" },
};
const STACK_WORKFLOW = "./.github/workflows/pulumi-stack.yml";
const callers = (job: Job) => job.uses === STACK_WORKFLOW;

describe("GitHub workflows", () => {
    it("are the five this repository documents", () => {
        expect(workflowFiles()).toEqual(["deploy.yml", "plan-comment.yml", "pull-request.yml", "pulumi-stack.yml", "release.yml"]);
    });

    // The CLI (@action-validator/cli) is a wrapper over the core's validateWorkflow: every file is
    // checked in-process by that function, and the CLI itself runs on a good and a bad file.
    it("each pass @action-validator's workflow schema check", () => {
        const problems = workflowFiles().flatMap((file) => validateWorkflow(text(file)).errors.map((e) => `${file}: ${JSON.stringify(e)}`));
        expect(problems).toEqual([]);
    });

    it("the validator's CLI passes a workflow and rejects a job with a misspelt key, so the check can fail", async () => {
        const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "workflow-")), "bad.yml");
        fs.writeFileSync(bad, "name: bad\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n");
        const [good, rejected] = await Promise.allSettled([
            run(process.execPath, [validator, path.join(".github", "workflows", "deploy.yml")], { cwd: repo }),
            run(process.execPath, [validator, bad]),
        ]);
        expect(good.status).toBe("fulfilled");
        expect(rejected).toMatchObject({ status: "rejected", reason: { code: 1, stderr: expect.stringContaining("stepz") } });
    });

    it("pin every action to its current major release's commit, with the version beside it", () => {
        for (const file of workflowFiles()) {
            for (const [, line] of text(file).matchAll(/^\s*(?:-\s+)?uses:\s*(\S.*)$/gm)) {
                if (line.startsWith("./")) continue; // this repository's own reusable workflow
                const match = line.match(/^([\w-]+\/[\w-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/);
                expect(match, `${file}: "${line}" is not owner/repo@<commit> # vX.Y.Z`).not.toBeNull();
                const [, action, sha, version] = match!;
                expect(PINS[action], `${file}: ${action} has no confirmed pin`).toEqual({ sha, version });
            }
        }
    });

    it("only run npm scripts that package.json defines", () => {
        for (const file of workflowFiles()) {
            for (const step of allSteps(load(file))) {
                for (const match of (step.run ?? "").matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
                    expect(packageJson.scripts, `${file}: npm run ${match[1]}`).toHaveProperty(match[1]);
                }
            }
        }
    });

    it("test on Node 20 and every LTS line package.json's engines admits", () => {
        const nodes = load("pull-request.yml").jobs.test.strategy!.matrix!.node;
        expect(nodes).toEqual([20, 22, 24, 26]);
        expect(packageJson.engines.node).toBe("^20.19.0 || >=22.12.0");
    });
});

describe("previews and deployments", () => {
    const stackJob = load("pulumi-stack.yml").jobs.pulumi;
    const pulumi = stepUsing(stackJob, "pulumi/actions")!;

    it("deploy staging stacks first and production after them, together covering every stack", () => {
        const { jobs } = load("deploy.yml");
        expect(load("deploy.yml").on).toEqual({ push: { branches: ["main"] } });
        expect(jobs.staging.needs).toBe("test");
        expect(jobs.production.needs).toBe("staging");
        const deployed = [...jobs.staging.strategy!.matrix!.stack, ...jobs.production.strategy!.matrix!.stack];
        expect([...deployed].sort()).toEqual(stacks());
        expect(jobs.production.strategy!.matrix!.stack).toEqual(["prod"]);
        for (const job of [jobs.staging, jobs.production]) {
            expect(job.with).toEqual({ command: "up", stack: "${{ matrix.stack }}", environment: "${{ matrix.stack }}" });
        }
    });

    it("preview every stack from its read-only `<stack>-preview` environment, for this repository's branches only", () => {
        const preview = load("pull-request.yml").jobs.preview;
        expect(preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
        expect([...preview.strategy!.matrix!.stack].sort()).toEqual(stacks());
        expect(preview.with).toEqual({ command: "preview", stack: "${{ matrix.stack }}", environment: "${{ matrix.stack }}-preview" });
    });

    it("let only deploy.yml, on main, reach a writing deployer's environment", () => {
        for (const file of workflowFiles().filter((f) => f !== "deploy.yml")) {
            for (const [id, job] of Object.entries(load(file).jobs).filter(([, job]) => callers(job))) {
                expect(job.with?.command, `${file} ${id}`).toBe("preview");
                expect(String(job.with?.environment), `${file} ${id}`).toMatch(/-preview$/);
            }
        }
        expect(stackJob.environment).toBe("${{ inputs.environment }}");
        // Deployer secrets are read in the called job only, whose environment the caller chose.
        for (const file of ["deploy.yml", "pull-request.yml", "plan-comment.yml"]) {
            expect(text(file)).not.toMatch(/secrets\.AUTH0_|secrets: inherit/);
        }
    });

    it("refresh before preview or up, with the pack and the stack's policy config when it has one", () => {
        expect(pulumi.with).toMatchObject({
            command: "${{ inputs.command }}",
            refresh: true,
            policyPacks: "policy-pack",
            policyPackConfigs: "${{ steps.policy.outputs.config }}",
        });
        const find = (stackJob.steps ?? []).find((s) => s.id === "policy")!;
        expect(find.run).toContain('if [ -f "policy-config/$STACK.json" ]');
        expect(find.env).toEqual({ STACK: "${{ inputs.stack }}" }); // never interpolated into the script
        expect(fs.existsSync(path.join(repo, "policy-config", "prod.json"))).toBe(true);
        expect(fs.existsSync(path.join(repo, String(pulumi.with?.policyPacks), "PulumiPolicy.yaml"))).toBe(true);
    });

    it("queue a stack's deployments and never cancel one half-way", () => {
        expect(stackJob.concurrency).toEqual({
            group: "${{ inputs.command == 'up' && format('deploy-{0}', inputs.stack) || format('preview-{0}-{1}', inputs.stack, github.ref) }}",
            "cancel-in-progress": "${{ inputs.command != 'up' }}",
        });
    });

    it("log in to Pulumi Cloud by OIDC when an organisation is set, with the token secret as the fallback", () => {
        for (const [file, job] of [["pulumi-stack.yml", stackJob], ["release.yml", load("release.yml").jobs.publish]] as const) {
            const oidc = stepUsing(job, "pulumi/auth-actions")!;
            expect(oidc, file).toMatchObject({ id: "oidc", if: "vars.PULUMI_ORGANIZATION != ''" });
            const token = "${{ steps.oidc.outputs.pulumi-access-token || secrets.PULUMI_ACCESS_TOKEN }}";
            const usesPulumi = (job.steps ?? []).filter((s) => s.env?.PULUMI_ACCESS_TOKEN !== undefined);
            expect(usesPulumi.length, file).toBeGreaterThan(0);
            for (const step of usesPulumi) expect(step.env!.PULUMI_ACCESS_TOKEN, file).toBe(token);
        }
        expect(load("pulumi-stack.yml").permissions).toEqual({ contents: "read", "id-token": "write" });
        for (const file of ["deploy.yml", "pull-request.yml"]) {
            for (const job of Object.values(load(file).jobs).filter(callers)) expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
        }
    });
});

describe("fork safety", () => {
    it("gives the jobs that run any pull request's code no secrets and no OIDC token", () => {
        const pr = load("pull-request.yml");
        expect(pr.permissions).toEqual({ contents: "read" });
        for (const id of ["test", "offline-plan"]) {
            expect(JSON.stringify(pr.jobs[id]), id).not.toMatch(/secrets\.|id-token/);
            expect(pr.jobs[id].permissions, id).toBeUndefined();
        }
    });

    it("never lets the artifact name the pull request, and never runs the pull request's code with write access", () => {
        const comment = load("plan-comment.yml");
        expect(comment.on).toEqual({ workflow_run: { workflows: [load("pull-request.yml").name], types: ["completed"] } });
        expect(comment.permissions).toEqual({ actions: "read", "pull-requests": "write" });
        expect(text("pull-request.yml")).not.toContain("pull-request-number");
        expect(text("plan-comment.yml")).not.toContain("pull-request-number");
        expect(stepUsing(comment.jobs.comment, "actions/checkout")).toBeUndefined();
        expect(allSteps(comment).some((s) => s.run)).toBe(false);
        expect(stepUsing(comment.jobs.comment, "actions/download-artifact")!.with).toMatchObject({ "run-id": "${{ github.event.workflow_run.id }}" });
    });

    it("plans each stack as its access diff against the pull request's base branch, offline, the branch name kept out of the script", () => {
        const job = load("pull-request.yml").jobs["offline-plan"];
        expect(stepUsing(job, "actions/checkout")!.with).toMatchObject({ "fetch-depth": 0 });
        const plan = (job.steps ?? []).find((s) => s.run?.includes("npm run --silent plan"))!;
        expect(plan.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
        expect(plan.run).toContain('--base "origin/$BASE_REF" --format json --out "plans/$stack.json"');
        // One comment for every stack, written by the CLI (auth0-m2m comment), not by shell.
        expect(plan.run).toContain('npm run --silent comment -- "${reports[@]}" --out plans/comment.md');
        expect(plan.run).not.toContain("${{");
    });

    it("keep checkout credentials out of the workspace and let artifact re-runs overwrite", () => {
        for (const file of workflowFiles()) {
            for (const step of allSteps(load(file))) {
                if (step.uses?.startsWith("actions/checkout@")) expect(step.with?.["persist-credentials"], file).toBe(false);
                if (step.uses?.startsWith("actions/upload-artifact@")) expect(step.with?.overwrite, file).toBe(true);
            }
        }
    });
});

describe("release", () => {
    const release = load("release.yml");
    const steps = release.jobs.publish.steps ?? [];

    it("publishes to npm with provenance and the policy pack to Pulumi Cloud, on a version tag only", () => {
        expect(release.on).toEqual({ push: { tags: ["v*.*.*"] } });
        expect(release.jobs.publish.permissions).toEqual({ contents: "read", "id-token": "write" });
        expect(release.jobs.publish.environment).toBe("release");
        const runs = steps.map((s) => s.run ?? "");
        const order = ["npm test", "npm run build", "repository.url=git+$GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git", "npm publish --provenance --access public", 'pulumi policy publish "$ORGANIZATION"'];
        const at = order.map((command) => runs.findIndex((r) => r.includes(command)));
        expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
        expect(steps.find((s) => s.run?.includes("pulumi policy publish"))).toMatchObject({ "working-directory": "dist/policy-pack" });
    });
});
