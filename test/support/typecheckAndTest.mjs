// `npm test`: the type-check (tsc --noEmit) and the vitest run, side by side. tsc is single-threaded
// and vitest's pool runs one worker on a two-core machine, so together they use both cores instead
// of taking turns. The exit code is honest: 0 only if both exited 0; otherwise the first non-zero
// code (tsc's, then vitest's), or 1 for a child ended by a signal. tsc's output is held back and
// printed after vitest's, so the two never interleave. Arguments go to vitest
// (`npm test -- test/cli/args.test.ts`).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

const require = createRequire(import.meta.url);
/** The file a package's `bin` names, as npm would link it into node_modules/.bin. */
function binOf(pkg, name) {
    const manifest = require.resolve(`${pkg}/package.json`);
    return path.join(path.dirname(manifest), JSON.parse(readFileSync(manifest, "utf8")).bin[name]);
}
const tscBin = binOf("typescript", "tsc");
const vitestBin = binOf("vitest", "vitest");

/** Runs node `args`; resolves with its exit code (1 when it died by a signal) and, if `quiet`, its output. */
function run(args, quiet) {
    const child = spawn(process.execPath, args, { stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    const output = [];
    if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => output.push(chunk));
    const exited = new Promise((resolve) => {
        child.on("error", (error) => {
            output.push(Buffer.from(`${error.message}\n`));
            resolve(1);
        });
        child.on("exit", (code, signal) => resolve(signal !== null ? 1 : (code ?? 1)));
    });
    return { child, exited, output };
}

const typecheck = run([tscBin, "-p", "tsconfig.json", "--noEmit"], true);
const tests = run([vitestBin, "run", "--config", "test/vitest.config.mts", ...process.argv.slice(2)], false);

// Ctrl-C reaches both children through the terminal; a SIGTERM sent to this process alone is passed on.
process.on("SIGTERM", () => {
    for (const { child } of [typecheck, tests]) child.kill("SIGTERM");
});

const [tscCode, vitestCode] = await Promise.all([typecheck.exited, tests.exited]);
process.stdout.write(Buffer.concat(typecheck.output));
console.log(tscCode === 0 ? "tsc --noEmit: no type errors." : `tsc --noEmit failed with exit code ${tscCode}: the type errors are listed above.`);
process.exitCode = tscCode !== 0 ? tscCode : vitestCode;
