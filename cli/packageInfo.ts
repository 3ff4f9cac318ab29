// This package's own name, version and root, found from wherever its code runs (source or dist/).
import * as fs from "node:fs";
import * as path from "node:path";

export interface PackageInfo {
    readonly root: string;
    readonly name: string;
    readonly version: string;
}

/** This package's root: the nearest directory above this file whose package.json is auth0-m2m (source or dist/). */
export function findPackage(from = __dirname): PackageInfo {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "auth0-m2m") return { root: dir, name: pkg.name, version: pkg.version ?? "0.0.0" };
        }
        if (path.dirname(dir) === dir) throw new Error(`auth0-m2m's package.json was not found above ${from}`);
    }
}
