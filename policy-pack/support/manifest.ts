// The pack's own package.json, wherever the pack runs from: policy-pack/ in a checkout, or the
// compiled dist/policy-pack/, whose package.json the build writes with the published fields.
// `require` is read at run time (CommonJS, as run-policy-pack loads the pack) rather than imported,
// so the pack's standalone tsconfig needs neither JSON modules nor Node's types.
declare const require: (id: string) => unknown;

export interface PackManifest {
    readonly name: string;
    readonly version: string;
    /** The README's address; written by the build when the package names its repository. */
    readonly homepage?: string;
    readonly repository?: { readonly url?: string };
}

export function packManifest(): PackManifest {
    return require("../package.json") as PackManifest;
}
