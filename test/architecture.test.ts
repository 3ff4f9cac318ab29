// The house's dependency rule, read from the imports of every hand-written source file (as
// test/policy-pack/publishable.process.test.ts does for the pack alone):
//   catalogue ← guardrails ← pack;  guardrails ← config ← components ← program;
//   cli → the library's and the pack's public entries;  bench → the CLI's deliberate entry;
// and no import circles anywhere.
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const AREAS_ROOTS = ["infra", "policy-pack", "cli", "bench"];

/** Public entries: the only files of a wing that another wing may import. */
const GUARDRAILS_ENTRY = "policy-pack/guardrails/index.ts";
const LIBRARY_ENTRY = "infra/library.ts";
const CLI_BENCH_ENTRY = "cli/stages.ts";

type Area = "catalogue" | "guardrails" | "pack" | "config" | "components" | "program" | "cli" | "bench";

function areaOf(file: string): Area {
    if (file.startsWith("policy-pack/guardrails/catalogue/")) return "catalogue";
    if (file.startsWith("policy-pack/guardrails/")) return "guardrails";
    if (file.startsWith("policy-pack/")) return "pack";
    if (file.startsWith("infra/config/")) return "config";
    if (file.startsWith("infra/components/")) return "components";
    if (file.startsWith("infra/")) return "program";
    if (file.startsWith("cli/")) return "cli";
    return "bench";
}

/** What each area may import, besides its own files: an area name (any file) or one entry file. */
const ALLOWED: Readonly<Record<Area, readonly string[]>> = {
    catalogue: [],
    guardrails: ["catalogue"],
    pack: ["guardrails", "catalogue"],
    config: [GUARDRAILS_ENTRY],
    components: ["config", GUARDRAILS_ENTRY],
    program: ["components", "config", GUARDRAILS_ENTRY],
    cli: [LIBRARY_ENTRY, GUARDRAILS_ENTRY],
    bench: ["program", "components", "config", GUARDRAILS_ENTRY, CLI_BENCH_ENTRY],
};

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        if (entry.name === "node_modules") return [];
        const relative = `${dir}/${entry.name}`;
        if (entry.isDirectory()) return sourceFiles(relative);
        return /\.(ts|mts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
    });
}

function resolveImport(from: string, specifier: string): string | undefined {
    const base = path.join(path.dirname(from), specifier);
    for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`]) {
        if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return path.normalize(candidate);
    }
    return undefined;
}

/** Every file's relative imports, `import`, `export ... from` and `require(...)` alike, resolved to files. */
function importGraph(): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    for (const file of AREAS_ROOTS.flatMap(sourceFiles)) {
        const text = fs.readFileSync(path.join(ROOT, file), "utf8");
        const specifiers = new Set(ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName));
        for (const match of text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) specifiers.add(match[1]);
        const targets: string[] = [];
        for (const specifier of specifiers) {
            if (!specifier.startsWith(".")) continue;
            const target = resolveImport(file, specifier);
            if (target) targets.push(target);
        }
        graph.set(file, targets);
    }
    return graph;
}

const graph = importGraph();

describe("the dependency rule", () => {
    it("finds the three wings' sources", () => {
        for (const entry of [GUARDRAILS_ENTRY, LIBRARY_ENTRY, CLI_BENCH_ENTRY, "cli/cli.ts", "policy-pack/pack.ts"]) expect(graph.has(entry), entry).toBe(true);
    });

    it("has no import that runs against the layers or past a wing's public entry", () => {
        const problems: string[] = [];
        for (const [file, targets] of graph) {
            const from = areaOf(file);
            for (const target of targets) {
                const to = areaOf(target);
                if (to === from) continue;
                const allowed = ALLOWED[from];
                if (allowed.includes(to) || allowed.includes(target)) continue;
                problems.push(`${file} (${from}) imports ${target} (${to}); ${from} may import only ${allowed.join(", ") || "itself"}`);
            }
        }
        expect(problems).toEqual([]);
    });

    it("has no import circles", () => {
        // Tarjan's strongly connected components: any component of two or more files is a circle.
        const index = new Map<string, number>();
        const low = new Map<string, number>();
        const stack: string[] = [];
        const onStack = new Set<string>();
        const circles: string[][] = [];
        let counter = 0;
        const visit = (file: string) => {
            index.set(file, counter);
            low.set(file, counter++);
            stack.push(file);
            onStack.add(file);
            for (const target of graph.get(file) ?? []) {
                if (!index.has(target)) {
                    visit(target);
                    low.set(file, Math.min(low.get(file)!, low.get(target)!));
                } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
            }
            if (low.get(file) === index.get(file)) {
                const component: string[] = [];
                let member: string;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.push(member);
                } while (member !== file);
                if (component.length > 1 || (graph.get(file) ?? []).includes(file)) circles.push(component.sort());
            }
        };
        for (const file of graph.keys()) if (!index.has(file)) visit(file);
        expect(circles).toEqual([]);
    });

    it("keeps every hand-written source file under 300 lines (the generated catalogue excepted)", () => {
        expect(overLong([...graph.keys()].filter((file) => !file.endsWith(".generated.ts")))).toEqual([]);
    });

    it("keeps every test file under 300 lines too", () => {
        expect(overLong(sourceFiles("test"))).toEqual([]);
    });
});

/** The files of `files` over 300 lines, with their length. */
function overLong(files: readonly string[]): string[] {
    return files
        .map((file) => ({ file, lines: fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").length }))
        .filter(({ lines }) => lines > 300)
        .map(({ file, lines }) => `${file}: ${lines} lines`);
}
