// What a stack declares, through the offline plan's model: the project's program run under the
// SDK's mocks exactly as `plan` runs it, giving the resources it would register.
import { ProgramError } from "../errors";
import { programJobFor, showProgramOutput } from "../planSetup";
import type { CapturedResource } from "../program/protocol";
import { ProgramRunner } from "../program/runner";
import { loadProject } from "../program/project";
import { collectConfigSecrets } from "../values";

export interface DeclaredStack {
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly CapturedResource[];
    readonly warnings: readonly string[];
}

export async function declaredStack(projectDir: string, stack: string, packageRoot: string, timeoutSeconds: number): Promise<DeclaredStack> {
    const host = new ProgramRunner();
    try {
        const project = loadProject({ projectDir, stack });
        // As plan does: the config the project marks secret is never printed.
        const secrets = new Set<string>();
        collectConfigSecrets(project.config, project.secretKeys, secrets);
        const run = await host.run(programJobFor(project, packageRoot), { timeoutSeconds }).catch((error: unknown) => {
            if (error instanceof ProgramError) showProgramOutput(error.output, secrets);
            throw error;
        });
        return { project: project.name, stack: project.stack, resources: run.resources, warnings: project.warnings };
    } finally {
        host.stop();
    }
}
