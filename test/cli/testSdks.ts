// @pulumi/pulumi releases for process tests. Each is a devDependency under an npm alias
// (`"pulumi-sdk-3.0.0": "npm:@pulumi/pulumi@3.0.0"` in package.json), so `npm ci` installs it from the
// lockfile like every other dependency and a test never reaches the registry. A test project gets
// the release as its own `node_modules/@pulumi/pulumi`, a symlink: Node follows it to the real path
// and resolves the SDK's own dependencies from there, as in an install of that release.
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT_MODULES = path.resolve(__dirname, "..", "..", "node_modules");

/** The installed alias of @pulumi/pulumi `version`, checked to be that release. */
export function testSdk(version: string): string {
    const alias = `pulumi-sdk-${version}`;
    const dir = path.join(ROOT_MODULES, alias);
    let installed: { name?: string; version?: string } = {};
    try {
        installed = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as typeof installed;
    } catch {
        // Reported below with the fix.
    }
    if (installed.name !== "@pulumi/pulumi" || installed.version !== version) {
        throw new Error(
            `${dir} is not @pulumi/pulumi ${version} (found ${installed.name ?? "nothing"} ${installed.version ?? ""}). ` +
                `package.json's devDependencies need "${alias}": "npm:@pulumi/pulumi@${version}"; then run npm install.`,
        );
    }
    return dir;
}

/** A copy of a fixture project in `into` whose node_modules holds only `sdkDir` as @pulumi/pulumi. */
export function projectWithSdk(fixture: string, sdkDir: string, into: string): string {
    fs.cpSync(fixture, into, { recursive: true });
    fs.mkdirSync(path.join(into, "node_modules", "@pulumi"), { recursive: true });
    fs.symlinkSync(sdkDir, path.join(into, "node_modules", "@pulumi", "pulumi"), "dir");
    return into;
}
