// Helpers for the consumer test's policy packs: the shipped pack unpacked from its own tarball with
// only its declared dependencies installed, and a consumer's pack composed from auth0-m2m/policies.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const NPM_QUIET = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/**
 * `npm pack` of `packDir`, unpacked into `into`, then `npm install` of its dependencies without peer
 * dependencies (ts-node, typescript), as a pack with no TypeScript toolchain gets them.
 */
export async function unpackAndInstall(packDir: string, into: string): Promise<{ packed: string[]; dir: string }> {
    fs.mkdirSync(into, { recursive: true });
    const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", into], { cwd: packDir, timeout: 60_000 });
    const [{ filename, files }] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
    const dir = path.join(into, "pack");
    fs.mkdirSync(dir);
    await run("tar", ["-xzf", path.join(into, filename), "-C", dir, "--strip-components=1"]);
    await run("npm", ["install", "--omit=peer", "--omit=dev", ...NPM_QUIET], { cwd: dir, timeout: 120_000 });
    return { packed: files.map((f) => f.path).sort(), dir };
}

/** A consumer's own pack in `dir`: the guardrails at chosen levels, plus one policy of its own. */
export function writeComposedPack(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "acme-policies", version: "1.2.3", private: true }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: Acme's policies, with the auth0-m2m guardrails.\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            'const { PolicyPack } = require("@pulumi/policy");',
            'const { guardrailsPolicies } = require("auth0-m2m/policies");',
            'new PolicyPack("acme-policies", {',
            "    policies: [",
            '        ...guardrailsPolicies({ levels: { "auth0-m2m-token-quota": "mandatory", "auth0-no-default-for-grants": "advisory" } }),',
            "        {",
            '            name: "acme-api-identifiers",',
            '            description: "Acme APIs are identified by an https://*.acme.example URL.",',
            '            enforcementLevel: "advisory",',
            "            validateResource: (args, report) => {",
            '                if (args.type === "auth0:index/resourceServer:ResourceServer" && !/^https:\\/\\/[a-z0-9.-]+\\.acme\\.example$/.test(args.props.identifier)) {',
            '                    report(`identifier ${args.props.identifier} is not an Acme URL`);',
            "                }",
            "            },",
            "        },",
            "    ],",
            "});",
            "",
        ].join("\n"),
    );
}
