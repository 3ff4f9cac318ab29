"use strict";
// Loads a module of the plan: the compiled JavaScript under dist/ when the package has been built
// (the published package), otherwise the TypeScript source through this package's own ts-node,
// transpile-only (a development checkout). Type errors are `tsc`'s job, not the CLI's.
const fs = require("node:fs");
const path = require("node:path");

const packageRoot = path.resolve(__dirname, "..", "..", "..");
let sourceCompiler;

function loadPlanModule(name) {
    const compiled = path.join(packageRoot, "dist", "infra", "plan", `${name}.js`);
    if (fs.existsSync(compiled)) return require(compiled);
    if (!sourceCompiler) {
        const tsNode = require(require.resolve("ts-node", { paths: [packageRoot] }));
        sourceCompiler = tsNode.register({ transpileOnly: true, project: path.join(packageRoot, "tsconfig.json") });
    }
    return require(path.join(packageRoot, "infra", "plan", `${name}.ts`));
}

/**
 * Stops compiling this package's sources. The program child calls it once its own modules are
 * loaded: the program registers its own compiler with its own tsconfig, and two compilers
 * claiming one file would compile it twice and break its source map (so every reported line).
 */
function stopCompilingPlanSources() {
    if (sourceCompiler) sourceCompiler.enabled(false);
}

module.exports = { loadPlanModule, stopCompilingPlanSources, packageRoot };
