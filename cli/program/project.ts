// Loads a Pulumi project the way the CLI's Node.js host sees it: Pulumi.yaml (name, runtime,
// main, project-level config), the stack's Pulumi.<stack>.yaml, and the config the program reads
// through PULUMI_CONFIG. Nothing here runs the program.
import * as fs from "node:fs";
import * as path from "node:path";
import { configError } from "../errors";
import type { ProgramJob } from "./protocol";
import { collectProjectConfig, collectStackConfig } from "./stackConfig";
import { readYamlMapping } from "./yamlFile";

const DEFAULT_ORGANIZATION = "organization";

export interface StackSelection {
    /** The short stack name: the last part of `org/project/stack`. */
    readonly stack: string;
    readonly organization: string;
    /** The project named in `org/project/stack`, when given. */
    readonly project?: string;
}

/** The program's entry, stack and config, as the child is told them (protocol.ts ProgramJob), and what the plan reports of the project. */
export interface LoadedProject extends Pick<ProgramJob, "stack" | "organization" | "mainPath" | "programDir" | "typescript" | "tsconfigPath" | "moduleType" | "config"> {
    readonly dir: string;
    readonly name: string;
    /** The stack config file that was read; undefined when the stack has none (empty config, as Pulumi does). */
    readonly stackConfigFile?: string;
    /** Keys whose value is (or contains) a `secure:` value or is declared secret. */
    readonly secretKeys: readonly string[];
    /** Things the plan can't honour offline, shown to the user but not fatal. */
    readonly warnings: readonly string[];
}

export function parseStackSelection(stackRef: string): StackSelection {
    const parts = stackRef.split("/");
    if (parts.length === 1) return { stack: parts[0], organization: DEFAULT_ORGANIZATION };
    if (parts.length === 2) return { stack: parts[1], organization: parts[0] };
    if (parts.length === 3) return { stack: parts[2], organization: parts[0], project: parts[1] };
    throw configError(`Stack '${stackRef}' has too many parts; use NAME or ORG/PROJECT/NAME.`);
}

export interface LoadProjectOptions {
    readonly projectDir: string;
    readonly stack: string;
    readonly configFile?: string;
}

export function loadProject(options: LoadProjectOptions): LoadedProject {
    const dir = path.resolve(options.projectDir);
    const selection = parseStackSelection(options.stack);
    const projectFile = projectFileIn(dir);
    if (!projectFile) {
        throw configError(`No Pulumi.yaml in ${dir}. Run the plan from a Pulumi project directory or pass --project DIR.`);
    }
    const project = readYamlMapping(projectFile);

    const name = project.name;
    if (typeof name !== "string" || name.trim() === "") throw configError(`${projectFile}: 'name' must be the project's name.`);
    if (selection.project !== undefined && selection.project !== name) {
        throw configError(`Stack '${options.stack}' names project '${selection.project}', but ${projectFile} is project '${name}'.`);
    }

    const runtime = readRuntime(project.runtime, projectFile);
    const warnings: string[] = [];
    const packageJson = readPackageJson(dir);
    const mainPath = resolveMain(dir, project.main, packageJson, runtime.typescript, projectFile, warnings);
    const programDir = programDirectory(dir, project.main as string | undefined);
    const tsconfigPath = resolveTsconfig(programDir, runtime.tsconfig, projectFile);

    const stackConfigDir = project.stackConfigDir;
    if (stackConfigDir !== undefined && typeof stackConfigDir !== "string") {
        throw configError(`${projectFile}: 'stackConfigDir' must be a directory path.`);
    }
    const stackDir = path.resolve(dir, stackConfigDir ?? ".");
    const stackConfigFile = options.configFile ?? stackFileIn(stackDir, selection.stack);
    if (stackConfigFile !== undefined && !fs.existsSync(stackConfigFile)) throw configError(`--config-file ${stackConfigFile} does not exist.`);
    // Pulumi runs a stack without a Pulumi.<stack>.yaml with empty stack config; so does the plan,
    // and its report's header says so.
    const stackSettings = stackConfigFile !== undefined ? readYamlMapping(stackConfigFile) : {};

    const config = new Map<string, string>();
    const secretKeys = new Set<string>();
    collectProjectConfig(project.config, { file: projectFile, projectName: name }, { config, secretKeys });
    collectStackConfig(stackSettings.config, { file: stackConfigFile ?? "", projectName: name }, { config, secretKeys });
    if (stackConfigFile !== undefined && stackSettings.environment !== undefined) {
        warnings.push(
            `${stackConfigFile} imports Pulumi ESC environments; their values can't be read offline, so config they provide is missing from this plan.`,
        );
    }

    return {
        dir,
        name,
        stack: selection.stack,
        organization: selection.organization,
        mainPath,
        programDir,
        typescript: runtime.typescript,
        tsconfigPath,
        moduleType: packageJson?.type === "module" ? "module" : "commonjs",
        stackConfigFile,
        config: Object.fromEntries(config),
        secretKeys: [...secretKeys].sort(),
        warnings,
    };
}

interface RuntimeSettings {
    readonly typescript: boolean;
    readonly tsconfig?: string;
}

function readRuntime(runtime: unknown, file: string): RuntimeSettings {
    const fail = (what: string) =>
        configError(`${file}: runtime ${what}. auth0-m2m plan runs Node.js (TypeScript or JavaScript) Pulumi programs.`);
    if (typeof runtime === "string") {
        if (runtime !== "nodejs") throw fail(`is '${runtime}'`);
        return { typescript: true };
    }
    if (runtime === null || typeof runtime !== "object" || Array.isArray(runtime)) throw fail("must be 'nodejs' or {name: nodejs, options: ...}");
    const { name, options } = runtime as Record<string, unknown>;
    if (name !== "nodejs") throw fail(`is '${String(name)}'`);
    const opts = (options ?? {}) as Record<string, unknown>;
    if (typeof opts !== "object" || Array.isArray(opts)) throw configError(`${file}: runtime.options must be a mapping.`);
    if (opts.typescript !== undefined && typeof opts.typescript !== "boolean") throw configError(`${file}: runtime.options.typescript must be true or false.`);
    if (opts.tsconfig !== undefined && typeof opts.tsconfig !== "string") throw configError(`${file}: runtime.options.tsconfig must be a file path.`);
    return { typescript: opts.typescript !== false, tsconfig: opts.tsconfig as string | undefined };
}

interface PackageJson {
    readonly main?: unknown;
    readonly exports?: unknown;
    readonly type?: unknown;
}

function readPackageJson(dir: string): PackageJson | undefined {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) return undefined;
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
    } catch (error) {
        throw configError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
}

function resolveMain(
    dir: string,
    declaredMain: unknown,
    packageJson: PackageJson | undefined,
    typescript: boolean,
    projectFile: string,
    warnings: string[],
): string {
    if (declaredMain !== undefined && typeof declaredMain !== "string") throw configError(`${projectFile}: 'main' must be a path.`);
    const extensions = typescript ? [".js", ".ts"] : [".js"];
    if (declaredMain !== undefined) return resolveEntry(dir, declaredMain, `${projectFile}: main`, extensions, warnings);
    const packageEntry = packageJsonEntry(packageJson);
    const projectEntry = () => resolveEntry(dir, ".", `the project directory ${dir}`, extensions, warnings);
    if (packageEntry === undefined) return projectEntry();
    const packageFile = path.join(dir, "package.json");
    const target = path.resolve(dir, packageEntry.entry);
    if ([target, ...extensions.map((ext) => target + ext)].some((f) => fs.existsSync(f))) {
        return resolveEntry(dir, packageEntry.entry, `${packageFile}: ${packageEntry.field}`, extensions, warnings);
    }
    // Like the SDK's cmd/run (resolveEntrypoint): an entry point that isn't there yet (a build
    // output before `tsc`) falls back to the project directory, with a warning.
    warnings.push(
        `${packageFile}: ${packageEntry.field} is '${packageEntry.entry}', which does not exist (not built yet?); ` +
            `like Pulumi, the plan runs the project directory's index instead.`,
    );
    return projectEntry();
}

/** The entry point package.json names, in cmd/run's order: `exports` (a string, or "."), then `main`. */
function packageJsonEntry(packageJson: PackageJson | undefined): { entry: string; field: string } | undefined {
    const exported = packageJson?.exports;
    if (typeof exported === "string") return { entry: exported, field: "exports" };
    if (exported !== null && typeof exported === "object") {
        const dot = (exported as Record<string, unknown>)["."];
        if (typeof dot === "string") return { entry: dot, field: 'exports["."]' };
        if (dot !== null && typeof dot === "object") {
            const conditions = dot as Record<string, unknown>;
            const entry = [conditions.default, conditions.require, conditions.import].find((e): e is string => typeof e === "string");
            return entry === undefined ? undefined : { entry, field: 'exports["."]' };
        }
        return undefined;
    }
    return typeof packageJson?.main === "string" && packageJson.main !== "" ? { entry: packageJson.main, field: "main" } : undefined;
}

function resolveEntry(dir: string, entry: string, source: string, extensions: readonly string[], warnings: string[]): string {
    const target = path.resolve(dir, entry);
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
        // The same order as Node's require of a directory, which is what the Pulumi host does.
        const candidates = extensions.map((ext) => path.join(target, `index${ext}`)).filter((f) => fs.existsSync(f));
        if (candidates.length === 0) {
            throw configError(`${source} is ${target}, which has no ${extensions.map((e) => `index${e}`).join(" or ")}.`);
        }
        if (candidates.length > 1) warnings.push(`${target} has both index.js and index.ts; like Pulumi, the plan runs index.js.`);
        return candidates[0];
    }
    if (fs.existsSync(target)) return target;
    const withExtension = extensions.map((ext) => target + ext).find((f) => fs.existsSync(f));
    if (withExtension) return withExtension;
    throw configError(`${source} is ${target}, which does not exist.`);
}

/**
 * The program's working directory, as the engine picks it (pkg/engine/project.go getPwdMain, pulumi/pulumi
 * at 1b594989): a Pulumi.yaml `main` that is a directory, or the folder of a `main` file; else the project
 * directory. The Node.js host passes it to cmd/run as `--pwd`, which chdirs there, so a program's relative
 * paths and its default tsconfig.json are found from it. Only called after resolveMain accepted `main`.
 */
function programDirectory(dir: string, declaredMain: string | undefined): string {
    if (declaredMain === undefined) return dir;
    const target = path.resolve(dir, declaredMain);
    return fs.existsSync(target) && fs.statSync(target).isDirectory() ? target : path.dirname(target);
}

/** runtime.options.tsconfig, or tsconfig.json, relative to the working directory, as cmd/run reads PULUMI_NODEJS_TSCONFIG_PATH. */
function resolveTsconfig(dir: string, declared: string | undefined, projectFile: string): string | undefined {
    if (declared !== undefined) {
        const file = path.resolve(dir, declared);
        if (!fs.existsSync(file)) throw configError(`${projectFile}: runtime.options.tsconfig is ${file}, which does not exist.`);
        return file;
    }
    const file = path.join(dir, "tsconfig.json");
    return fs.existsSync(file) ? file : undefined;
}

function firstExisting(files: readonly string[]): string | undefined {
    return files.find((f) => fs.existsSync(f));
}

/** The project file in `dir` (Pulumi.yaml, else Pulumi.yml), as the CLI looks for it; undefined if none. */
export function projectFileIn(dir: string): string | undefined {
    return firstExisting([path.join(dir, "Pulumi.yaml"), path.join(dir, "Pulumi.yml")]);
}

/** A stack's file in the project's stack config directory (Pulumi.<stack>.yaml, else .yml); undefined if none. */
export function stackFileIn(stackDir: string, stack: string): string | undefined {
    return firstExisting([path.join(stackDir, `Pulumi.${stack}.yaml`), path.join(stackDir, `Pulumi.${stack}.yml`)]);
}
