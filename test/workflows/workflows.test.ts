// The GitHub workflows can't run here, so check what they reference: the npm scripts, the policy
// pack, every tenant stack, and the guards a deployment needs.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const repo = path.join(__dirname, "..", "..");
const workflowDir = path.join(repo, ".github", "workflows");
const load = (file: string) => parse(fs.readFileSync(path.join(workflowDir, file), "utf8"));
const packageJson = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
const stacks = fs
    .readdirSync(repo)
    .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
    .map((f) => f.slice("Pulumi.".length, -".yaml".length));

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
const allSteps = (workflow: any): Step[] => Object.values(workflow.jobs).flatMap((job: any) => job.steps ?? []);

describe("GitHub workflows", () => {
    const files = fs.readdirSync(workflowDir).filter((f) => f.endsWith(".yml"));

    it("are the three this repository documents", () => {
        expect(files.sort()).toEqual(["deploy.yml", "plan-comment.yml", "pull-request.yml"]);
    });

    it.each(["deploy.yml", "plan-comment.yml", "pull-request.yml"])("%s is a well-formed workflow", (file) => {
        const workflow = load(file);
        expect(typeof workflow.name).toBe("string");
        expect(workflow.on).toBeTruthy();
        expect(workflow.permissions).toBeTruthy();
        for (const [id, job] of Object.entries<any>(workflow.jobs)) {
            expect(job["runs-on"], id).toBe("ubuntu-latest");
            expect(Array.isArray(job.steps) && job.steps.length > 0, id).toBe(true);
            for (const step of job.steps as Step[]) {
                expect(Boolean(step.uses) !== Boolean(step.run), `${id}: a step either uses an action or runs a command`).toBe(true);
                if (step.uses) expect(step.uses, id).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
            }
        }
    });

    it("only run npm scripts that package.json defines", () => {
        for (const file of files) {
            for (const step of allSteps(load(file))) {
                for (const match of (step.run ?? "").matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
                    expect(packageJson.scripts, `${file}: npm run ${match[1]}`).toHaveProperty(match[1]);
                }
                if (/\bnpm test\b/.test(step.run ?? "")) expect(packageJson.scripts).toHaveProperty("test");
            }
        }
    });

    it("preview and deploy every tenant stack, with the policy pack", () => {
        expect(stacks.length).toBeGreaterThan(0);
        const deploy = load("deploy.yml").jobs.up;
        const preview = load("pull-request.yml").jobs.preview;
        for (const job of [deploy, preview]) {
            expect([...job.strategy.matrix.stack].sort()).toEqual([...stacks].sort());
            const pulumiStep = (job.steps as Step[]).find((s) => s.uses?.startsWith("pulumi/actions@"))!;
            expect(pulumiStep.with?.policyPacks).toBe("policy-pack");
            expect(fs.existsSync(path.join(repo, String(pulumiStep.with?.policyPacks), "PulumiPolicy.yaml"))).toBe(true);
        }
    });

    it("never run two deployments of one tenant at once, nor cancel one half-way", () => {
        const deploy = load("deploy.yml");
        expect(deploy.on.push.branches).toEqual(["main"]);
        expect(deploy.jobs.up.concurrency).toEqual({ group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
        expect(deploy.jobs.up.steps.find((s: Step) => s.uses?.startsWith("pulumi/actions@")).with.command).toBe("up");
    });

    it("give pull requests from forks no secrets: the offline plan job uses none", () => {
        const pr = load("pull-request.yml");
        expect(JSON.stringify(pr.jobs["offline-plan"])).not.toContain("secrets.");
        expect(JSON.stringify(pr.jobs.test)).not.toContain("secrets.");
        expect(pr.jobs.preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
        expect(load("plan-comment.yml").on.workflow_run.workflows).toEqual([pr.name]);
    });
});
