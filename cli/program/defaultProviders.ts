// Default providers, the engine's part the plan plays on the parent side: the program only sends
// its registrations, and under `pulumi preview` the engine answers a custom resource (or a read)
// that names no provider by registering its package's default provider first and giving the
// resource that provider's reference. A policy pack then sees the provider's inputs with every such
// resource. From pulumi/pulumi 1b5949891b3cefcb9974752b24a5ecef0acc86c8:
// - pkg/resource/deploy/source_eval.go:2562-2581 (RegisterResource: `custom && !IsProviderType`)
//   and :1451-1477 (ReadResource): an empty provider reference gets `getDefaultProviderRef(req)`,
//   the request being (package of the type token, the request's version and pluginDownloadURL);
// - pkg/resource/deploy/default_providers.go:139-189 newRegisterDefaultProviderEvent: a custom
//   resource of type `pulumi:providers:<package>` named `req.DefaultName()`, no parent, inputs
//   `GetPackageConfig(package)` plus `version`; :205-259 handleRequest: one per distinct request;
//   :263-307 shouldDenyRequest: `pulumi:disable-default-providers` refuses it;
// - pkg/resource/deploy/target.go:46-71 GetPackageConfig: the stack's `<package>:<key>` values keyed
//   `<key>`, each a string (objects as JSON), secret when the config value is secure; a dynamic
//   provider (pulumi-nodejs, pulumi-python) gets every key, namespaced;
// - pkg/resource/deploy/providers/provider.go:107-138 DefaultName, registry.go:166 SetProviderVersion;
// - the provider resource goes through the step generator like any other, so it is analyzed itself
//   and is in AnalyzeStack's list (step_generator.go:1469 analyzeAll, :3496 AnalyzeResources), and
//   each user's AnalyzerResource carries it (getProviderResource, :3144). In a preview its id is unknown
//   (registry.go:947).
// Not played: a request without a version gets the language host's plugin version from
// normalizeProviderRequest (:64) in the engine (the plan names it plain "default"; @pulumi/auth0
// always sends its version), `packageRef` requests (parameterized packages), remote components, and the provider
// plugin's CheckConfig, whose answer the engine analyzes in place of the goal's inputs (registry.go:622).
import type { LoadedProject } from "./project";
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE, type CapturedResource } from "./protocol";
import { isProviderType, packageOf, providerReference, providerTypeOf } from "./providers";
import { engineUrn } from "./urn";

/** target.go: dynamic providers get the whole config, keys kept namespaced. */
const DYNAMIC_PROVIDER_PACKAGES = new Set(["pulumi-nodejs", "pulumi-python"]);
/** default_providers.go shouldDenyRequest. */
const DISABLE_KEY = "pulumi:disable-default-providers";

/** The stack and config the engine builds default providers from: the project's (secure values as the plan's placeholder). */
export type DefaultProviderSource = Pick<LoadedProject, "stack" | "name" | "config" | "secretKeys">;

/** A resource whose package's default provider the stack disables: the engine fails its registration. */
export interface DeniedDefaultProvider {
    readonly urn: string;
    readonly packageName: string;
}

/**
 * providers/provider.go DefaultName: "default", then `_<major>_<minor>_<patch>` and each pre-release
 * and build identifier, then the download URL made a QName (tokens/names.go IntoQName). Undefined
 * for a version that isn't semver: the engine refuses such a request (source_eval.go parseProviderRequest).
 */
export function defaultProviderName(version?: string, pluginDownloadURL?: string): string | undefined {
    let name = "default";
    if (version !== undefined) {
        const parsed = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version);
        if (!parsed) return undefined;
        const [, major, minor, patch, pre, build] = parsed;
        name += `_${major}_${minor}_${patch}`;
        for (const part of [...(pre?.split(".") ?? []), ...(build?.split(".") ?? [])]) name += `_${part}`;
    }
    const url = pluginDownloadURL?.replace(/\/+$/, "");
    if (url) name += `_${intoQName(url)}`;
    return name;
}

/** tokens/names.go IntoQName: each "/"-separated segment's illegal bytes become "_". */
function intoQName(text: string): string {
    const segments = text
        .split("/")
        .filter((segment) => segment !== "")
        .map((segment) => [...Buffer.from(segment, "utf8")].map((byte) => (/[A-Za-z0-9_.-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : "_")).join(""));
    return segments.join("/") || "_";
}

/** target.go GetPackageConfig, with secure values as secrets (their plaintext stays the placeholder). */
export function packageConfig(packageName: string, source: Pick<DefaultProviderSource, "config" | "secretKeys">): Record<string, unknown> {
    const dynamic = DYNAMIC_PROVIDER_PACKAGES.has(packageName);
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(source.config)) {
        const colon = key.indexOf(":");
        if (!dynamic && key.slice(0, colon) !== packageName) continue;
        inputs[dynamic ? key : key.slice(colon + 1)] = source.secretKeys.includes(key) ? { [SPECIAL_SIG_KEY]: SECRET_SIG, value } : value;
    }
    return inputs;
}

/** The packages `pulumi:disable-default-providers` names ("*" for all); the engine fails on a malformed list. */
function disabledPackages(config: Readonly<Record<string, string>>): Set<string> {
    const value = config[DISABLE_KEY];
    if (value === undefined || value === "") return new Set();
    let list: unknown;
    try {
        list = JSON.parse(value);
    } catch {
        list = undefined;
    }
    // Left to `pulumi preview` to reject; the plan doesn't guess at what a malformed list means.
    if (!Array.isArray(list)) return new Set();
    return new Set(list.filter((item): item is string => typeof item === "string").map((item) => item.trim()));
}

/**
 * Registers default providers as the engine would, batch by batch in registration order: each
 * provider just before its first user, and each user given its reference.
 */
export class DefaultProviders {
    private readonly byRequest = new Map<string, string>();
    private readonly disabled: Set<string>;
    readonly denied: DeniedDefaultProvider[] = [];

    constructor(private readonly source: DefaultProviderSource) {
        this.disabled = disabledPackages(source.config);
    }

    resolve(batch: readonly CapturedResource[]): CapturedResource[] {
        const out: CapturedResource[] = [];
        for (const resource of batch) {
            if (resource.provider !== undefined || !resource.custom || isProviderType(resource.type)) {
                out.push(resource);
                continue;
            }
            const packageName = packageOf(resource.type);
            if (this.disabled.has("*") || this.disabled.has(packageName)) {
                this.denied.push({ urn: resource.urn, packageName });
                out.push(resource);
                continue;
            }
            const reference = this.referenceFor(packageName, resource, out);
            out.push(reference === undefined ? resource : { ...resource, provider: reference });
        }
        return out;
    }

    /** The provider reference `<urn>::<id>` (the id unknown in a preview), registering the provider into `out` the first time. */
    private referenceFor(packageName: string, user: CapturedResource, out: CapturedResource[]): string | undefined {
        const url = user.pluginDownloadURL?.replace(/\/+$/, "");
        // providers/provider.go String: the request's identity is package, version and URL.
        const key = `${packageName}-${user.version ?? ""}-${url ?? ""}`;
        const known = this.byRequest.get(key);
        if (known !== undefined) return known;
        const name = defaultProviderName(user.version, url);
        if (name === undefined) return undefined;
        const type = providerTypeOf(packageName);
        const properties = packageConfig(packageName, this.source);
        if (user.version !== undefined) properties.version = user.version;
        const provider: CapturedResource = {
            urn: engineUrn(this.source.stack, this.source.name, type, name),
            type,
            name,
            custom: true,
            properties,
            dependencies: [],
            propertyDependencies: {},
        };
        out.push(provider);
        const reference = providerReference(provider.urn, UNKNOWN_VALUE);
        this.byRequest.set(key, reference);
        return reference;
    }
}

/** The engine's error for each resource whose default provider the stack disables (diag/errors.go:84 GetDefaultProviderDenied). */
export function deniedMessage(denied: readonly DeniedDefaultProvider[]): string {
    const lines = denied.map((d) => `  Default provider for '${d.packageName}' disabled. '${d.urn}' must use an explicit provider.`);
    return (
        `${denied.length} resource${denied.length === 1 ? "" : "s"} would fail under \`pulumi preview\`: the stack's config ` +
        `'${DISABLE_KEY}' turns off the default provider ${denied.length === 1 ? "it uses" : "they use"}.\n${lines.join("\n")}\n` +
        `Pass each one an explicit provider (\`{ provider }\`), or take its package out of '${DISABLE_KEY}'.`
    );
}
