// The plan as data: what each machine may do on which API, what is adopted or retained, what the
// deployer needs, and what the policy pack said. Every renderer works from this one object, and
// `--format json` prints it as is; its schema is documented in README.md ("JSON report").
import { isDefaultProvider, providerTypeOf } from "../program/providers";
import type { CapturedResource } from "../program/protocol";
import { collectSecretPlaintexts, scrubSecrets } from "../values";
import { buildAccessModel } from "./accessModel";
import { noteDeployerGrants } from "./deployerGrants";
import { deployerView } from "./deployerView";
import { noteReads } from "./reads";
import { reportDiagnostics } from "./diagnostics";
import { DEFAULT_SCOPE_RISKS } from "./scopeRisks";
import { byText, EXEMPTIONS_APPLIED_POLICY, PLAN_REPORT_SCHEMA_VERSION, type PlanReport, type PlanResourceRef, type ReportInput } from "./types";

export * from "./types";
export { managementApiLabel } from "./accessModel";
export { scopeRisksOf } from "./scopeRisks";

export function buildReport(input: ReportInput): PlanReport {
    const notes: string[] = [...(input.notes ?? [])];
    const live = input.resources.filter((r) => !r.read);
    // Default providers are the engine's, not the program's: `pulumi preview` neither shows nor
    // counts them (pulumi/pulumi 1b5949891b3cefcb9974752b24a5ecef0acc86c8 pkg/engine/update.go:1480
    // isInternalStep), and the report's lists are what the program declares. Their inputs still name the deployer.
    const declared = live.filter((r) => !isDefaultProvider(r));
    const custom = declared.filter((r) => r.custom);
    const secrets = new Set<string>();
    for (const resource of input.resources) collectSecretPlaintexts(resource.properties, secrets);

    const { machines, otherApplications, apis, grants } = buildAccessModel(declared, notes);
    const deployerScopes = deployerView(custom, notes);
    noteDeployerGrants(live, grants, input.environmentClientId, notes);
    noteReads(input.resources.filter((r) => r.read), notes);
    const diagnostics = reportDiagnostics(input.diagnostics, secrets);

    const ref = (r: CapturedResource): PlanResourceRef => ({ urn: r.urn, type: r.type, name: r.name });
    const adopted = declared.filter((r) => r.importId !== undefined).map((r) => ({ ...ref(r), importId: r.importId! }));
    const retained = declared.filter((r) => r.retainOnDelete === true).map(ref);
    adopted.sort((a, b) => byText(a.urn, b.urn));
    retained.sort((a, b) => byText(a.urn, b.urn));

    const exemptionsApplied = diagnostics.filter((d) => d.policy === EXEMPTIONS_APPLIED_POLICY);
    const mandatory = diagnostics.filter((d) => d.level === "mandatory").length;

    const resourcesByType: Record<string, number> = {};
    for (const r of custom) resourcesByType[r.type] = (resourcesByType[r.type] ?? 0) + 1;
    const notJudged = Object.entries(resourcesByType)
        .filter(([type]) => !isAuth0Type(type))
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => byText(a.type, b.type));
    const dataSources = [...(input.dataSources ?? [])].sort((a, b) => byText(a.token, b.token) || byText(a.location ?? "", b.location ?? ""));

    return {
        schemaVersion: PLAN_REPORT_SCHEMA_VERSION,
        tool: input.tool,
        project: input.project,
        stack: input.stack,
        policyPack: input.policyPack,
        verdict: mandatory > 0 ? "fail" : "pass",
        summary: {
            resources: custom.length,
            resourcesByType: Object.fromEntries(Object.entries(resourcesByType).sort(([a], [b]) => byText(a, b))),
            machines: machines.length,
            otherApplications: otherApplications.length,
            apis: apis.length,
            grants: grants.length,
            adopted: adopted.length,
            retained: retained.length,
            mandatory,
            advisory: diagnostics.filter((d) => d.level === "advisory" && d.policy !== EXEMPTIONS_APPLIED_POLICY).length,
            exemptionsApplied: exemptionsApplied.length,
        },
        machines,
        otherApplications,
        apis,
        grants,
        adopted,
        retained,
        deployerScopes,
        diagnostics,
        exemptionsApplied,
        // Policy config is plain text, but a scope or resource it names may also be a value the program keeps secret.
        exemptions: (input.exemptions ?? [])
            .map((e) => ({ ...e, resource: scrubSecrets(e.resource, secrets), reason: scrubSecrets(e.reason, secrets), ...(e.scopes ? { scopes: e.scopes.map((scope) => scrubSecrets(scope, secrets)) } : {}) }))
            .sort((a, b) => byText(a.policy, b.policy) || byText(a.resource, b.resource) || byText(a.expires, b.expires)),
        scopeRisks: input.scopeRisks ?? DEFAULT_SCOPE_RISKS,
        notes: notes.map((note) => scrubSecrets(note, secrets)),
        stackConfigFile: input.stackConfigFile ?? null,
        dataSources,
        notJudged,
    };
}

/** The Auth0 provider's resources and its provider resource: what the pack's rules are about. */
function isAuth0Type(type: string): boolean {
    return type.startsWith("auth0:") || type === providerTypeOf("auth0");
}
