#!/usr/bin/env node
// `npm run build`, last step: makes dist/policy-pack a complete pack that publishes as JavaScript.
// Its package.json ships the compiled files only, and depends on the Pulumi packages alone: the
// pack needs no ts-node or typescript to run, so it declares neither. When
// package.json names a GitHub repository (the release sets it), the pack's homepage is its README
// at the release's tag, which each policy's `url` points into.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const dist = path.join(root, "dist", "policy-pack");
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const source = read(path.join(root, "policy-pack", "package.json"));
const project = read(path.join(root, "package.json"));

if (!fs.existsSync(path.join(dist, "index.js"))) {
    console.error(`build/policyPackManifest.js: ${path.relative(root, dist)}/index.js is missing; run tsc -p tsconfig.build.json first`);
    process.exit(2);
}
const RUNTIME_DEPENDENCIES = ["@pulumi/policy", "@pulumi/pulumi"];
const missing = RUNTIME_DEPENDENCIES.filter((name) => !source.dependencies?.[name]);
if (missing.length > 0) {
    console.error(`build/policyPackManifest.js: policy-pack/package.json doesn't depend on ${missing.join(", ")}`);
    process.exit(2);
}

const repositoryUrl = typeof project.repository === "string" ? project.repository : project.repository?.url;
const github = repositoryUrl?.match(/^(?:git\+)?(https:\/\/github\.com\/[^/]+\/[^/]+?)(?:\.git)?$/)?.[1];

const manifest = {
    name: source.name,
    version: source.version,
    description: source.description,
    license: source.license,
    main: "index.js",
    ...(github && { homepage: `${github}/blob/v${source.version}/policy-pack/README.md`, repository: { type: "git", url: `git+${github}.git` } }),
    files: ["**/*.js", "PulumiPolicy.yaml", "README.md", "LICENSE"],
    dependencies: Object.fromEntries(RUNTIME_DEPENDENCIES.map((name) => [name, source.dependencies[name]])),
};
fs.writeFileSync(path.join(dist, "package.json"), `${JSON.stringify(manifest, null, 4)}\n`);
for (const file of ["PulumiPolicy.yaml", "README.md"]) fs.copyFileSync(path.join(root, "policy-pack", file), path.join(dist, file));
fs.copyFileSync(path.join(root, "LICENSE"), path.join(dist, "LICENSE"));
