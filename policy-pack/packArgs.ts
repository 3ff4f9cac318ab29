// What the pack says about itself beyond its policies (GetAnalyzerInfo's pack-level fields, which
// Pulumi Cloud shows on the pack's page), and where its rules are documented.
import type { PolicyPackArgs } from "@pulumi/policy";
import { packManifest } from "./support/manifest";

export const POLICY_PACK_NAME = "auth0-m2m-guardrails";

export const PACK_ARGS: Omit<PolicyPackArgs, "policies"> = {
    description: "Least-privilege guardrails for Auth0 machine-to-machine access.",
    displayName: "Auth0 M2M guardrails",
    provider: "auth0",
    tags: ["auth0", "m2m", "least-privilege"],
    ...repositoryOf(packManifest()),
};

/** The README the policies' `url`s point into, when the manifest gives its address. */
export const docsUrl = (): string | undefined => packManifest().homepage;

function repositoryOf(manifest: ReturnType<typeof packManifest>): { repository?: string } {
    const url = manifest.repository?.url?.replace(/^git\+/, "").replace(/\.git$/, "");
    return url ? { repository: url } : {};
}
