// Writes what adopt produced: Pulumi.<stack>.yaml (the config, with the proposals, findings and
// notes as comments above it) and an import file for `pulumi import --file`. Both or neither: an
// existing file stops everything unless --force, and nothing is half-written.
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { configError, usageError } from "../errors";
import type { AdoptModel } from "./adoptModel";

export interface AdoptFiles {
    readonly configFile: string;
    readonly importFile: string;
}

export function adoptFilePaths(outDir: string, stack: string): AdoptFiles {
    return { configFile: path.join(outDir, `Pulumi.${stack}.yaml`), importFile: path.join(outDir, `import.${stack}.json`) };
}

export function checkWritable(files: AdoptFiles, force: boolean): void {
    const existing = [files.configFile, files.importFile].filter((f) => fs.existsSync(f));
    if (existing.length > 0 && !force) throw usageError(`${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written. Pass --force to overwrite, or --out-dir DIR.`);
}

/** The stack file's text: comment lines, then the config. */
export function configText(model: AdoptModel, comments: readonly string[]): string {
    // A live name may hold a line break: every physical line is commented, so none can become config.
    const header = comments.flatMap((line) => line.split(/\r\n|\r|\n|\u2028|\u2029/)).map((line) => (line === "" ? "#" : `# ${line}`)).join("\n");
    return `${header}\n${stringify({ config: model.config }, { lineWidth: 0 })}`;
}

/** The `pulumi import --file` format (pulumi.com/docs/iac/cli/commands/pulumi_import): parents named within the file (Pulumi 3.94+). */
export function importText(model: AdoptModel): string {
    return `${JSON.stringify({ resources: model.imports }, null, 2)}\n`;
}

export function writeAdoptFiles(files: AdoptFiles, config: string, imports: string): void {
    const temporary = [`${files.configFile}.${process.pid}.tmp`, `${files.importFile}.${process.pid}.tmp`];
    try {
        fs.mkdirSync(path.dirname(files.configFile), { recursive: true });
        fs.writeFileSync(temporary[0], config);
        fs.writeFileSync(temporary[1], imports);
        fs.renameSync(temporary[0], files.configFile);
        fs.renameSync(temporary[1], files.importFile);
    } catch (error) {
        for (const t of temporary) fs.rmSync(t, { force: true });
        throw configError(`Can't write ${files.configFile}: ${(error as Error).message}`);
    }
}
