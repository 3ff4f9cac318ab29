// Turns resources into Analyzer requests the way the engine marshals them for a policy pack
// (MarshalProperties with KeepUnknowns, KeepSecrets and SkipInternalKeys, no KeepResources), and
// the pack's diagnostics back into plain objects.
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import {
    specialArchiveSig,
    specialAssetSig,
    specialOutputValueSig,
    specialResourceSig,
    specialSecretSig,
    specialSigKey,
    unknownValue,
} from "./wireSignatures";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
    type AnalyzerProviderResource,
    type AnalyzerResource,
    type AnalyzerResourceOptions,
    type EnforcementLevel,
    type PolicyDiagnostic,
    PolicyPackError,
} from "./types";

/** The engine's marker for a value that is unknown during preview (for every type of value). */
export const UNKNOWN_VALUE: string = unknownValue;

/** `{ [SIG]: SECRET_SIG, value }`: how a secret travels, and how AnalyzerResource.properties carry one. */
export function secretValue(value: unknown): Record<string, unknown> {
    return { [specialSigKey]: specialSecretSig, value };
}

/** A reference to another resource as the SDK sends it; the engine passes the pack its id (custom) or URN (component). */
export function resourceReference(urn: string, id?: string): Record<string, unknown> {
    return id === undefined ? { [specialSigKey]: specialResourceSig, urn } : { [specialSigKey]: specialResourceSig, urn, id };
}

function isPlainObject(value: object): boolean {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/** One property value in the engine's wire form. `path` names it in errors. */
export function encodePropertyValue(value: unknown, path: string): unknown {
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new PolicyPackError("encoding", `${path} is ${value}, which a property value can't hold`);
        return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : encodePropertyValue(item, `${path}[${i}]`)));
    if (typeof value !== "object" || value === undefined || !isPlainObject(value)) {
        const kind = value === undefined ? "undefined" : typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
        throw new PolicyPackError("encoding", `${path} is a ${kind}, which the engine can't send to a policy pack; give plain JSON values`);
    }
    const record = value as Record<string, unknown>;
    switch (record[specialSigKey]) {
        case undefined:
            return encodeProperties(record, path);
        case specialSecretSig:
            return { [specialSigKey]: specialSecretSig, value: encodePropertyValue(record.value ?? null, `${path}.value`) };
        case specialResourceSig: {
            // A custom resource is sent as its id (unknown until created), a component as its URN.
            if (!("id" in record)) return record.urn;
            const id = record.id;
            return id === "" || id === undefined || id === unknownValue ? unknownValue : encodePropertyValue(id, `${path}.id`);
        }
        case specialOutputValueSig: {
            if (!("value" in record) || record.value === undefined) return unknownValue;
            const inner = encodePropertyValue(record.value, `${path}.value`);
            return record.secret === true ? secretValue(inner) : inner;
        }
        case specialAssetSig:
        case specialArchiveSig:
            return record;
        default:
            throw new PolicyPackError("encoding", `${path} has an unrecognised signature ${JSON.stringify(record[specialSigKey])}`);
    }
}

/** A property map in the engine's wire form: undefined values and `__` internal keys dropped. */
export function encodeProperties(properties: Readonly<Record<string, unknown>>, path = "properties"): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(properties)) {
        const value = properties[key];
        if (value === undefined || key.startsWith("__")) continue;
        result[key] = encodePropertyValue(value, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);
    }
    return result;
}

function toStruct(properties: Readonly<Record<string, unknown>>, path: string): Struct {
    return Struct.fromJavaScript(encodeProperties(properties, path) as Parameters<typeof Struct.fromJavaScript>[0]);
}

function encodeOptions(options: AnalyzerResourceOptions | undefined, parent: string | undefined): analyzerPb.AnalyzerResourceOptions {
    const result = new analyzerPb.AnalyzerResourceOptions();
    result.setProtect(options?.protect ?? false);
    result.setIgnorechangesList([...(options?.ignoreChanges ?? [])]);
    result.setDeletebeforereplacedefined(options?.deleteBeforeReplace !== undefined);
    result.setDeletebeforereplace(options?.deleteBeforeReplace ?? false);
    result.setAdditionalsecretoutputsList([...(options?.additionalSecretOutputs ?? [])]);
    result.setAliasesList([...(options?.aliases ?? [])]);
    // The engine always sends custom timeouts, zero when unset.
    const timeouts = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(options?.customTimeouts?.create ?? 0);
    timeouts.setUpdate(options?.customTimeouts?.update ?? 0);
    timeouts.setDelete(options?.customTimeouts?.delete ?? 0);
    result.setCustomtimeouts(timeouts);
    result.setParent(parent ?? "");
    return result;
}

function encodeProvider(provider: AnalyzerProviderResource, urn: string): analyzerPb.AnalyzerProviderResource {
    const result = new analyzerPb.AnalyzerProviderResource();
    result.setUrn(provider.urn);
    result.setType(provider.type);
    result.setName(provider.name);
    result.setProperties(toStruct(provider.properties, `${urn} provider properties`));
    return result;
}

export function toAnalyzeRequest(resource: AnalyzerResource): analyzerPb.AnalyzeRequest {
    const message = new analyzerPb.AnalyzeRequest();
    message.setUrn(resource.urn);
    message.setType(resource.type);
    message.setName(resource.name);
    message.setProperties(toStruct(resource.properties, `${resource.urn} properties`));
    message.setOptions(encodeOptions(resource.options, resource.parent));
    if (resource.provider) message.setProvider(encodeProvider(resource.provider, resource.urn));
    return message;
}

/**
 * A resource's two requests, encoded together: its Analyze request, and its entry in AnalyzeStack.
 * AnalyzerResource shares AnalyzeRequest's fields 1-6 (type, properties, urn, name, options,
 * provider) and adds 7-9 (parent, dependencies, property dependencies), and protobuf messages
 * concatenate field by field, so the stack entry is the Analyze request's bytes followed by those
 * three fields: the same bytes as the whole AnalyzerResource, without encoding the properties again.
 */
export function encodeForAnalysis(resource: AnalyzerResource): { readonly analyze: Uint8Array; readonly stackEntry: Uint8Array } {
    const analyze = toAnalyzeRequest(resource).serializeBinary();
    const graph = new analyzerPb.AnalyzerResource();
    graph.setParent(resource.parent ?? "");
    graph.setDependenciesList([...(resource.dependencies ?? [])]);
    const propertyDependencies = graph.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        // The engine leaves out properties without dependencies.
        if (urns.length === 0) continue;
        const deps = new analyzerPb.AnalyzerPropertyDependencies();
        deps.setUrnsList([...urns]);
        propertyDependencies.set(key, deps);
    }
    const tail = graph.serializeBinary();
    const stackEntry = new Uint8Array(analyze.length + tail.length);
    stackEntry.set(analyze, 0);
    stackEntry.set(tail, analyze.length);
    return { analyze, stackEntry };
}

function writeVarint(out: number[], value: number): void {
    while (value > 0x7f) {
        out.push((value & 0x7f) | 0x80);
        value = Math.floor(value / 128);
    }
    out.push(value);
}

/** An AnalyzeStackRequest's bytes from its resources' encoded entries (field 1, repeated, length-delimited). */
export function encodeAnalyzeStackRequest(entries: readonly Uint8Array[]): Uint8Array {
    const headers = entries.map((entry) => {
        const header = [0x0a];
        writeVarint(header, entry.length);
        return header;
    });
    const total = entries.reduce((sum, entry, i) => sum + headers[i].length + entry.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    entries.forEach((entry, i) => {
        out.set(headers[i], offset);
        offset += headers[i].length;
        out.set(entry, offset);
        offset += entry.length;
    });
    return out;
}

const LEVEL_NAMES = new Map<analyzerPb.EnforcementLevel, EnforcementLevel>([
    [analyzerPb.EnforcementLevel.ADVISORY, "advisory"],
    [analyzerPb.EnforcementLevel.MANDATORY, "mandatory"],
    [analyzerPb.EnforcementLevel.REMEDIATE, "remediate"],
    [analyzerPb.EnforcementLevel.DISABLED, "disabled"],
]);

export function enforcementLevelName(level: analyzerPb.EnforcementLevel): EnforcementLevel {
    const name = LEVEL_NAMES.get(level);
    if (!name) throw new PolicyPackError("rpc", `the policy pack sent an unknown enforcement level (${level})`);
    return name;
}

export function enforcementLevelValue(level: EnforcementLevel): analyzerPb.EnforcementLevel {
    for (const [value, name] of LEVEL_NAMES) if (name === level) return value;
    throw new PolicyPackError("config", `"${level}" is not an enforcement level`);
}

export function fromDiagnostic(diagnostic: analyzerPb.AnalyzeDiagnostic, defaultUrn?: string): PolicyDiagnostic {
    const urn = diagnostic.getUrn() || defaultUrn;
    return {
        policyName: diagnostic.getPolicyname(),
        policyPackName: diagnostic.getPolicypackname(),
        policyPackVersion: diagnostic.getPolicypackversion(),
        description: diagnostic.getDescription(),
        message: diagnostic.getMessage(),
        enforcementLevel: enforcementLevelName(diagnostic.getEnforcementlevel()),
        ...(urn ? { urn } : {}),
    };
}
