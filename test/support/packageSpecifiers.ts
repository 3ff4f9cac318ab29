// Reading bare module specifiers: which package one names, and whether it is Node's own.
import { builtinModules } from "node:module";

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath (`@scope/name/deep` → `@scope/name`). */
export function packageOf(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Whether a specifier names a Node builtin (`node:fs`, `fs`, `fs/promises`). */
export function isBuiltin(specifier: string): boolean {
    return specifier.startsWith("node:") || builtinModules.includes(packageOf(specifier));
}
