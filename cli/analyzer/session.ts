// A running policy pack, driven over the Analyzer gRPC protocol the way the engine drives it.
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "node:path";
import { type ReconciledPolicyConfig, reconcilePolicyConfig } from "./config";
import { encodeAnalyzeStackRequest, encodeForAnalysis, enforcementLevelName, enforcementLevelValue, fromDiagnostic } from "./encoding";
import { describeProcessEnd, type PolicyPackProcess, startPolicyPackProcess } from "./process";
import { GRPC_STATUS, GrpcCallError, UnaryGrpcClient } from "./unaryGrpc";
import {
    type AnalyzerResource,
    type JsonSchema,
    type PolicyConfig,
    type PolicyDiagnostic,
    type PolicyInfo,
    type PolicyPackInfo,
    PolicyPackError,
} from "./types";

export interface StartPolicyPackOptions {
    /** How long the pack may take to print its port (ts-node type-checks it first). Default 30 s. */
    readonly startTimeoutMs?: number;
    /** Deadline for each RPC. Default 60 s. */
    readonly callTimeoutMs?: number;
    /** Extra environment for the pack process (the engine passes PULUMI_CONFIG, PULUMI_STACK, ...). */
    readonly env?: NodeJS.ProcessEnv;
    /** When set, sent with ConfigureStack as the engine does for `preview`/`up`. */
    readonly stack?: StackContext;
    /**
     * Run run-policy-pack in this directory instead of the pack's own: a compiled copy of the pack
     * (see ../ownPolicyPack.ts). Messages still name the pack's directory.
     */
    readonly workingDir?: string;
}

export interface StackContext {
    readonly stack: string;
    readonly project: string;
    readonly organization?: string;
    readonly dryRun?: boolean;
    readonly tags?: Readonly<Record<string, string>>;
}

export interface PolicyPackSession {
    readonly info: PolicyPackInfo;
    /** The pack process's id. */
    readonly pid: number;
    /** The config last sent with Configure (the pack's defaults until `configure` is called). */
    readonly config: ReconciledPolicyConfig;
    /**
     * Validates `userConfig` (the `--policy-pack-config` shape) as the engine does, fills in schema
     * defaults, and sends Configure. Errors name the config path, prefixed with `source` (the file).
     */
    configure(userConfig?: unknown, source?: string): Promise<void>;
    /** Analyze: one resource's inputs, before it is created or updated. */
    analyze(resource: AnalyzerResource): Promise<PolicyDiagnostic[]>;
    /** AnalyzeStack: the whole stack, after every resource is planned. */
    analyzeStack(resources: readonly AnalyzerResource[]): Promise<PolicyDiagnostic[]>;
    /** Stops the pack process. Idempotent; always kills the process. */
    close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

interface Encodable {
    serializeBinary(): Uint8Array;
}

/** The Analyzer service's methods: their gRPC paths (pulumi/proto/analyzer.proto) and reply types. */
export const ANALYZER_METHODS = {
    getAnalyzerInfo: { path: "/pulumirpc.Analyzer/GetAnalyzerInfo", reply: analyzerPb.AnalyzerInfo },
    configureStack: { path: "/pulumirpc.Analyzer/ConfigureStack", reply: analyzerPb.AnalyzerStackConfigureResponse },
    configure: { path: "/pulumirpc.Analyzer/Configure", reply: Empty },
    analyze: { path: "/pulumirpc.Analyzer/Analyze", reply: analyzerPb.AnalyzeResponse },
    analyzeStack: { path: "/pulumirpc.Analyzer/AnalyzeStack", reply: analyzerPb.AnalyzeResponse },
} as const;

type AnalyzerMethod = keyof typeof ANALYZER_METHODS;
type ReplyOf<M extends AnalyzerMethod> = InstanceType<(typeof ANALYZER_METHODS)[M]["reply"]>;

function policyTypeName(type: analyzerPb.PolicyType): PolicyInfo["policyType"] {
    if (type === analyzerPb.PolicyType.POLICY_TYPE_RESOURCE) return "resource";
    if (type === analyzerPb.PolicyType.POLICY_TYPE_STACK) return "stack";
    return "unknown";
}

function toPackInfo(response: analyzerPb.AnalyzerInfo): PolicyPackInfo {
    const initialConfig: Record<string, PolicyConfig> = {};
    response.getInitialconfigMap().forEach((config, name) => {
        initialConfig[name] = {
            enforcementLevel: enforcementLevelName(config.getEnforcementlevel()),
            properties: config.getProperties()?.toJavaScript() ?? {},
        };
    });
    return {
        name: response.getName(),
        version: response.getVersion(),
        ...(response.getDescription() ? { description: response.getDescription() } : {}),
        supportsConfig: response.getSupportsconfig(),
        initialConfig,
        policies: response.getPoliciesList().map((policy) => {
            const schema = policy.getConfigschema();
            return {
                name: policy.getName(),
                description: policy.getDescription(),
                enforcementLevel: enforcementLevelName(policy.getEnforcementlevel()),
                policyType: policyTypeName(policy.getPolicyType()),
                ...(policy.getRemediationSteps() ? { remediationSteps: policy.getRemediationSteps() } : {}),
                ...(schema
                    ? {
                          configSchema: {
                              properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>,
                              required: schema.getRequiredList(),
                          },
                      }
                    : {}),
            };
        }),
    };
}

/** An already-encoded request. */
const encoded = (bytes: Uint8Array): Encodable => ({ serializeBinary: () => bytes });

class Session implements PolicyPackSession {
    info!: PolicyPackInfo;
    config: ReconciledPolicyConfig = {};
    private closing: Promise<void> | undefined;
    /** Each analyzed resource's AnalyzeStack entry, encoded with its Analyze request (encodeForAnalysis). */
    private readonly stackEntries = new WeakMap<AnalyzerResource, Uint8Array>();

    constructor(
        private readonly packDir: string,
        private readonly child: PolicyPackProcess,
        private readonly client: UnaryGrpcClient,
        private readonly callTimeoutMs: number,
    ) {}

    get pid(): number {
        return this.child.pid;
    }

    private get label(): string {
        return this.info ? `policy pack ${this.info.name}@${this.info.version} (${this.packDir})` : `policy pack at ${this.packDir}`;
    }

    /** One unary RPC with a deadline; failures say which call, and why the process ended if it did. */
    async call<M extends AnalyzerMethod>(method: M, request: Encodable, what: string): Promise<ReplyOf<M>> {
        if (this.closing) throw new PolicyPackError("closed", `${what}: the ${this.label} session is closed`, this.pid);
        if (this.child.exitStatus()) {
            throw new PolicyPackError("exited", `${what}: the ${this.label} ${describeProcessEnd(this.child)}`, this.pid);
        }
        const { path: methodPath, reply } = ANALYZER_METHODS[method];
        let bytes: Uint8Array;
        try {
            bytes = await this.client.call(methodPath, request.serializeBinary(), this.callTimeoutMs);
        } catch (error) {
            const failure = error instanceof GrpcCallError ? error : new GrpcCallError(GRPC_STATUS.UNKNOWN, String(error));
            // Give the exit event a moment to land so a crash is reported as one.
            if (!this.child.exitStatus()) await new Promise((resolve) => setTimeout(resolve, 50));
            throw this.rpcError(what, failure);
        }
        try {
            return reply.deserializeBinary(bytes) as ReplyOf<M>;
        } catch (error) {
            throw new PolicyPackError("rpc", `${what}: the ${this.label} sent a reply that is not a ${method} reply: ${(error as Error).message}`, this.pid);
        }
    }

    private rpcError(what: string, error: GrpcCallError): PolicyPackError {
        if (this.child.exitStatus()) {
            return new PolicyPackError("exited", `${what}: the ${this.label} ${describeProcessEnd(this.child)}`, this.pid);
        }
        if (error.code === GRPC_STATUS.DEADLINE_EXCEEDED) {
            return new PolicyPackError("timeout", `${what}: the ${this.label} did not answer within ${this.callTimeoutMs} ms`, this.pid);
        }
        const output = this.child.output();
        return new PolicyPackError("rpc", `${what}: the ${this.label} failed: ${error.details}${output ? `\nIts output:\n${output}` : ""}`, this.pid);
    }

    async loadInfo(): Promise<void> {
        const response = await this.call("getAnalyzerInfo", new Empty(), "GetAnalyzerInfo");
        this.info = toPackInfo(response);
    }

    async configureStack(stack: StackContext): Promise<void> {
        const request = new analyzerPb.AnalyzerStackConfigureRequest();
        request.setStack(stack.stack);
        request.setProject(stack.project);
        request.setOrganization(stack.organization ?? "");
        request.setDryRun(stack.dryRun ?? true);
        for (const [name, value] of Object.entries(stack.tags ?? {})) request.getTagsMap().set(name, value);
        await this.call("configureStack", request, "ConfigureStack");
    }

    async configure(userConfig?: unknown, source?: string): Promise<void> {
        // Validate fully before sending anything, so bad config leaves the previous config in place.
        const config = reconcilePolicyConfig(this.info, userConfig, source);
        const request = new analyzerPb.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [name, policyConfig] of Object.entries(config)) {
            const entry = new analyzerPb.PolicyConfig();
            entry.setEnforcementlevel(enforcementLevelValue(policyConfig.enforcementLevel));
            entry.setProperties(Struct.fromJavaScript(policyConfig.properties as Parameters<typeof Struct.fromJavaScript>[0]));
            map.set(name, entry);
        }
        await this.call("configure", request, `Configure${source ? ` (${source})` : ""}`);
        this.config = config;
    }

    async analyze(resource: AnalyzerResource): Promise<PolicyDiagnostic[]> {
        const { analyze, stackEntry } = encodeForAnalysis(resource);
        this.stackEntries.set(resource, stackEntry);
        const response = await this.call("analyze", encoded(analyze), `Analyze ${resource.urn}`);
        return response.getDiagnosticsList().map((d) => fromDiagnostic(d, resource.urn));
    }

    async analyzeStack(resources: readonly AnalyzerResource[]): Promise<PolicyDiagnostic[]> {
        const request = encodeAnalyzeStackRequest(resources.map((r) => this.stackEntries.get(r) ?? encodeForAnalysis(r).stackEntry));
        const response = await this.call("analyzeStack", encoded(request), `AnalyzeStack (${resources.length} resources)`);
        return response.getDiagnosticsList().map((d) => fromDiagnostic(d));
    }

    close(): Promise<void> {
        return (this.closing ??= (async () => {
            this.client.close();
            await this.child.kill();
        })());
    }
}

/**
 * Starts the policy pack in `packDir` as the engine does (`node run-policy-pack <engine> .` in the
 * pack directory), reads its info, and configures it with its defaults, as the engine does before
 * the first Analyze. The returned session must be closed; the process is also killed if this
 * process exits or is interrupted first.
 */
export async function startPolicyPack(packDir: string, options: StartPolicyPackOptions = {}): Promise<PolicyPackSession> {
    const dir = path.resolve(packDir);
    const child = await startPolicyPackProcess(dir, {
        startTimeoutMs: options.startTimeoutMs ?? 30_000,
        env: options.env,
        workingDir: options.workingDir === undefined ? undefined : path.resolve(options.workingDir),
    });
    const client = new UnaryGrpcClient("127.0.0.1", child.port, MAX_MESSAGE_BYTES);
    const session = new Session(dir, child, client, options.callTimeoutMs ?? 60_000);
    try {
        await session.loadInfo();
        if (options.stack) await session.configureStack(options.stack);
        await session.configure();
    } catch (error) {
        await session.close();
        throw error;
    }
    return session;
}
