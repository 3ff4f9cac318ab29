// Checks the program's resources with the policy pack as the engine would during a preview:
// Analyze for each resource as it is registered, then AnalyzeStack once for the whole stack.
// Resources are analyzed while the program is still running (the pack starts in parallel with
// it), with a bounded number of calls in flight.
import type { AnalyzerProviderResource, AnalyzerResource, PolicyDiagnostic, PolicyPackSession } from ".";
import type { CapturedResource } from "../program/protocol";
import { isProviderType, providerUrnOf } from "../program/providers";

/** Analyze calls in flight (the pack server's throughput at 8-64 in flight: bench/CHANGES.md). */
export const ANALYZE_CONCURRENCY = 32;

/** A captured registration as the engine hands it to a policy pack. */
export function fromCapturedResource(resource: CapturedResource, provider?: AnalyzerProviderResource): AnalyzerResource {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        properties: resource.properties,
        options: {
            protect: resource.protect,
            ignoreChanges: resource.ignoreChanges,
            deleteBeforeReplace: resource.deleteBeforeReplace,
            additionalSecretOutputs: resource.additionalSecretOutputs,
            aliases: resource.aliases,
        },
        parent: resource.parent,
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
        ...(provider ? { provider } : {}),
    };
}

/** Where the policy stage's time went: wall time with calls outstanding, not CPU. */
export interface PolicyCheckTimings {
    /** Resources sent to Analyze (and then to AnalyzeStack). */
    readonly analyzed: number;
    /** Wall time with at least one Analyze call outstanding. */
    readonly analyzeMs: number;
    /** AnalyzeStack's round trip. */
    readonly analyzeStackMs: number;
}

/**
 * Feeds resources to the pack as they arrive. `push` never blocks the program's stream; `finish`
 * waits for every Analyze, runs AnalyzeStack, and returns all diagnostics (Analyze ones in
 * registration order, then the stack's).
 */
export class PolicyCheck {
    private session: PolicyPackSession | undefined;
    private failure: unknown;
    private readonly resources: AnalyzerResource[] = [];
    private readonly results: PolicyDiagnostic[][] = [];
    /** Explicit providers by URN, so a resource's provider reference can be resolved to the provider's inputs. */
    private readonly providers = new Map<string, CapturedResource>();
    private next = 0;
    private inFlight = 0;
    private idle: (() => void) | undefined;
    private busySince = 0;
    private analyzeMs = 0;
    private analyzeStackMs = 0;

    constructor(private readonly concurrency = ANALYZE_CONCURRENCY) {}

    /** Hands over the pack once it is starting; resources pushed before then wait for it. */
    attach(sessionStarting: Promise<PolicyPackSession>): void {
        sessionStarting.then(
            (session) => {
                this.session = session;
                this.pump();
            },
            (error) => {
                this.failure ??= error;
                this.checkIdle();
            },
        );
    }

    push(batch: readonly CapturedResource[]): void {
        for (const resource of batch) {
            // Reads (`.get()`) are not planned operations; the engine does not analyze them.
            if (resource.read) continue;
            if (isProviderType(resource.type)) this.providers.set(resource.urn, resource);
            this.resources.push(fromCapturedResource(resource, this.providerOf(resource)));
        }
        this.pump();
    }

    /** Every resource pushed so far, as sent to the pack. */
    get analyzed(): readonly AnalyzerResource[] {
        return this.resources;
    }

    async finish(): Promise<PolicyDiagnostic[]> {
        await new Promise<void>((resolve) => {
            this.idle = resolve;
            this.checkIdle();
        });
        if (this.failure !== undefined) throw this.failure;
        const started = performance.now();
        const stackDiagnostics = await this.session!.analyzeStack(this.resources);
        this.analyzeStackMs = performance.now() - started;
        return [...this.results.flat(), ...stackDiagnostics];
    }

    get timings(): PolicyCheckTimings {
        return { analyzed: this.resources.length, analyzeMs: this.analyzeMs, analyzeStackMs: this.analyzeStackMs };
    }

    private providerOf(resource: CapturedResource): AnalyzerProviderResource | undefined {
        if (!resource.provider) return undefined;
        const provider = this.providers.get(providerUrnOf(resource.provider));
        return provider ? { urn: provider.urn, type: provider.type, name: provider.name, properties: provider.properties } : undefined;
    }

    private pump(): void {
        const session = this.session;
        if (!session) return;
        while (this.failure === undefined && this.inFlight < this.concurrency && this.next < this.resources.length) {
            const index = this.next++;
            if (this.inFlight++ === 0) this.busySince = performance.now();
            session.analyze(this.resources[index]).then(
                (diagnostics) => {
                    this.results[index] = diagnostics;
                    this.done();
                },
                (error) => {
                    this.failure ??= error;
                    this.done();
                },
            );
        }
        this.checkIdle();
    }

    private done(): void {
        if (--this.inFlight === 0) this.analyzeMs += performance.now() - this.busySince;
        this.pump();
    }

    private checkIdle(): void {
        if (!this.idle) return;
        const drained = this.session !== undefined && this.inFlight === 0 && (this.next >= this.resources.length || this.failure !== undefined);
        if (drained || (this.failure !== undefined && this.inFlight === 0)) {
            const resolve = this.idle;
            this.idle = undefined;
            resolve();
        }
    }
}
