// Reads the project's YAML files (Pulumi.yaml, Pulumi.<stack>.yaml) with every error naming the
// file, and in time linear in the file's size: the yaml package's own duplicate-key check
// (`uniqueKeys`) compares each key with every earlier one, quadratic in a mapping's size (bench/CHANGES.md).
import * as fs from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from "yaml";
import { configError } from "../errors";

/**
 * The largest YAML file the plan reads. A stack of 100,000 machines is about 10 MB; past this, a
 * file is more likely a mistake (or an attack) than a tenant.
 */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

/** Aliases a file may expand (anchors are legal, but a few nested ones expand to gigabytes). */
const MAX_ALIAS_COUNT = 100;

/** Reads a YAML file whose top level must be a mapping; errors name the file and the line. */
export function readYamlMapping(file: string): Record<string, unknown> {
    let text: string;
    try {
        const size = fs.statSync(file).size;
        if (size > MAX_YAML_BYTES) {
            throw new Error(`it is ${size} bytes, more than the ${MAX_YAML_BYTES} (16 MiB) the plan reads; split the stack, or check that this is the right file`);
        }
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw configError(`Can't read ${file}: ${(error as Error).message}`);
    }
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter });
    if (document.errors.length > 0) {
        const first = document.errors[0];
        const where = first.linePos ? `${file}:${first.linePos[0].line}:${first.linePos[0].col}` : file;
        throw configError(`${where}: ${first.message.split("\n")[0]}`);
    }
    const duplicate = firstDuplicateKey(document.contents as YamlNode | null);
    if (duplicate) {
        const { line, col } = lineCounter.linePos(duplicate.offset);
        throw configError(`${file}:${line}:${col}: the key '${duplicate.key}' appears twice in one mapping; YAML keys must be unique, and one value would be silently dropped.`);
    }
    const contents = document.contents as YamlNode | null;
    if (contents === null || (isScalar(contents) && contents.value === null)) return {};
    if (!isMap(contents) || isSeq(contents)) throw configError(`${file}: the top level must be a mapping.`);
    try {
        return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    } catch (error) {
        if (error instanceof ReferenceError && /alias/i.test(error.message)) {
            throw configError(
                `${file}: its YAML aliases (*name) expand too far (more than ${MAX_ALIAS_COUNT} per anchor, the shape of an "alias bomb"); write the values out, or use fewer aliases.`,
            );
        }
        throw configError(`${file}: ${(error as Error).message}`);
    }
}

/** The first key that repeats within one mapping, in one pass over the document (a Set per mapping). */
function firstDuplicateKey(contents: YamlNode | null): { key: string; offset: number } | undefined {
    let found: { key: string; offset: number } | undefined;
    visit(contents, {
        Map(_, map) {
            const seen = new Set<string>();
            for (const pair of map.items) {
                if (!isScalar(pair.key)) continue;
                const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
                if (seen.has(key)) {
                    found = { key: String(pair.key.value), offset: pair.key.range?.[0] ?? 0 };
                    return visit.BREAK;
                }
                seen.add(key);
            }
            return undefined;
        },
    });
    return found;
}
