// @pulumi/pulumi releases for process tests, installed from the npm registry on first use and
// cached under node_modules/.cache/auth0-m2m-test-sdks/<version>: a fresh clone fills the cache at
// its first `npm test`, later runs reuse it. Only the SDK and its own dependencies are installed.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

const CACHE = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "auth0-m2m-test-sdks");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** The cached install's node_modules for `version`, installing it first if needed. */
export async function testSdk(version: string): Promise<string> {
    const dir = path.join(CACHE, version);
    const nodeModules = path.join(dir, "node_modules");
    if (installedVersion(nodeModules) === version) return nodeModules;
    // Installed beside the cache entry, then moved in: an interrupted install never looks complete.
    fs.mkdirSync(CACHE, { recursive: true });
    const staging = fs.mkdtempSync(path.join(CACHE, `.${version}-`));
    try {
        fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify({ name: `test-sdk-${version}`, private: true }));
        await promisify(execFile)(
            NPM,
            ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", `@pulumi/pulumi@${version}`],
            { cwd: staging, maxBuffer: 16 * 1024 * 1024 },
        );
        fs.rmSync(dir, { recursive: true, force: true });
        fs.renameSync(staging, dir);
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
    if (installedVersion(nodeModules) !== version) throw new Error(`npm did not install @pulumi/pulumi@${version} into ${dir}`);
    return nodeModules;
}

function installedVersion(nodeModules: string): string | undefined {
    try {
        return (JSON.parse(fs.readFileSync(path.join(nodeModules, "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
    } catch {
        return undefined;
    }
}

/** A copy of a fixture project in a temporary directory whose node_modules is `nodeModules`. */
export function projectWithSdk(fixture: string, nodeModules: string, into: string): string {
    fs.cpSync(fixture, into, { recursive: true });
    fs.symlinkSync(nodeModules, path.join(into, "node_modules"), "dir");
    return into;
}
