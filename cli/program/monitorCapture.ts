// Takes over the SDK mock monitor's RPCs in the program child: every registration is captured with
// its full request and an engine-built URN, and what only the engine can do is refused.
import type { CapturedResource, ProgramJob } from "./protocol";
import { engineUrn } from "./urn";

/**
 * Features the plan answers "no" to. Transforms and hooks need the engine to call back into the
 * program; output values and resource references are what the engine would turn into plain values
 * and ids/URNs before a policy pack sees them, so the SDK sends them that way directly.
 */
const UNSUPPORTED_FEATURES = new Set(["transforms", "invokeTransforms", "resourceHooks", "errorHooks", "outputValues", "resourceReferences"]);

type Callback = (error: Error | null, response?: unknown) => void;
interface ProtoStruct {
    toJavaScript(): Record<string, unknown>;
}
/**
 * The RegisterResourceRequest accessors every @pulumi/pulumi 3.x has. The others are read through
 * `optional` because they appeared later (hasProtect in 3.157, hasRetainondelete in 3.158,
 * getDeletedwith, getAliasurnsList, ...): calling one on an older SDK throws "is not a function".
 */
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): ProtoStruct | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getImportid(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getProvider(): string;
}
interface ReadResourceRequest {
    getId(): string;
    getType(): string;
    getName(): string;
    getParent(): string;
    getProperties(): ProtoStruct | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
}

/**
 * Takes over the mock monitor's RPCs: URNs the way the engine builds them, the full request
 * captured, inputs returned as the preview's outputs (so anything the provider computes, like a
 * client's id, stays unknown), and "no" to features only the engine can provide.
 */
export function interceptMonitor(monitor: Record<string, unknown>, currentJob: ProgramJob, capture: (resource: CapturedResource) => void): void {
    const seen = new Set<string>();
    const SUCCESS = 0; // pulumirpc.Result.SUCCESS
    monitor.supportsFeature = (req: { getId(): string }, callback: Callback) => {
        callback(null, { getHassupport: () => !UNSUPPORTED_FEATURES.has(req.getId()) });
    };

    monitor.registerResource = (req: RegisterResourceRequest, callback: Callback) => {
        try {
            const parent = req.getParent() || undefined;
            const urn = engineUrn(currentJob.stack, currentJob.projectName, req.getType(), req.getName(), parent);
            if (seen.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
            seen.add(urn);
            const object = req.getObject();
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps, key) => {
                propertyDependencies[key] = deps.getUrnsList();
            });
            const importId = req.getImportid() || undefined;
            capture({
                urn,
                type: req.getType(),
                name: req.getName(),
                custom: req.getCustom(),
                parent,
                properties: object ? object.toJavaScript() : {},
                // Before 3.157 the request had no presence bit: getProtect() false meant "not set".
                protect: presentFlag(req, "hasProtect", "getProtect"),
                retainOnDelete: presentFlag(req, "hasRetainondelete", "getRetainondelete"),
                deleteBeforeReplace: req.getDeletebeforereplace() || undefined,
                ignoreChanges: nonEmpty(req.getIgnorechangesList()),
                replaceOnChanges: nonEmpty(optional<string[]>(req, "getReplaceonchangesList") ?? []),
                additionalSecretOutputs: nonEmpty(req.getAdditionalsecretoutputsList()),
                importId,
                dependencies: req.getDependenciesList(),
                propertyDependencies,
                provider: req.getProvider() || undefined,
                ...providerRequest(req),
                deletedWith: optional<string>(req, "getDeletedwith") || undefined,
                // Alias URNs: `aliasUrns` since the structured aliases; `aliases` (URNs) before.
                aliases: nonEmpty(optional<string[]>(req, "getAliasurnsList") ?? optional<string[]>(req, "getAliasesList") ?? []),
            });
            callback(null, {
                getUrn: () => urn,
                // In a preview only an imported resource has a known id.
                getId: () => importId ?? "",
                getObject: () => object,
                getPropertydependenciesMap: () => undefined,
                getResult: () => SUCCESS,
            });
        } catch (error) {
            callback(error as Error);
        }
    };

    monitor.readResource = (req: ReadResourceRequest, callback: Callback) => {
        try {
            const parent = req.getParent() || undefined;
            const urn = engineUrn(currentJob.stack, currentJob.projectName, req.getType(), req.getName(), parent);
            const properties = req.getProperties();
            capture({
                urn,
                type: req.getType(),
                name: req.getName(),
                custom: true,
                read: true,
                readId: req.getId(),
                parent,
                properties: properties ? properties.toJavaScript() : {},
                dependencies: req.getDependenciesList(),
                propertyDependencies: {},
                provider: req.getProvider() || undefined,
                ...providerRequest(req),
            });
            callback(null, { getUrn: () => urn, getProperties: () => properties });
        } catch (error) {
            callback(error as Error);
        }
    };

    monitor.registerResourceOutputs = (_req: unknown, callback: Callback) => callback(null, {});

    const offline = (what: string) => {
        const message =
            `auth0-m2m plan can't ${what}: it runs the program offline, without a provider or an Auth0 tenant. ` +
            `Pass the value in through stack config instead, or run 'pulumi preview' for this program.`;
        // The SDK reports a failed invoke or call by the gRPC error's `details`.
        return Object.assign(new Error(message), { details: message });
    };
    monitor.invoke = (req: { getTok(): string }, callback: Callback) => callback(offline(`call the data source '${req.getTok()}'`));
    monitor.call = (req: { getTok(): string }, callback: Callback) => callback(offline(`call the resource method '${req.getTok()}'`));
}

/** What the engine builds a default provider request from (source_eval.go parseProviderRequest): the version and download URL. */
function providerRequest(req: object): Pick<CapturedResource, "version" | "pluginDownloadURL"> {
    const version = optional<string>(req, "getVersion") || undefined;
    const pluginDownloadURL = optional<string>(req, "getPlugindownloadurl") || undefined;
    return { ...(version ? { version } : {}), ...(pluginDownloadURL ? { pluginDownloadURL } : {}) };
}

/** Calls `method` when this SDK's request has it; undefined otherwise. */
function optional<T>(req: object, method: string): T | undefined {
    const accessor = (req as Record<string, unknown>)[method];
    return typeof accessor === "function" ? (accessor as () => T).call(req) : undefined;
}

/** A boolean option: undefined when unset (by the `has` bit where the SDK has one, else by falsiness). */
function presentFlag(req: object, has: string, get: string): boolean | undefined {
    const present = optional<boolean>(req, has);
    const value = optional<boolean>(req, get);
    if (present === undefined) return value || undefined;
    return present ? value : undefined;
}

function nonEmpty(list: string[]): string[] | undefined {
    return list.length > 0 ? list : undefined;
}

