// What the deployer needs for the tenant's attack defences: attack protection, risk assessment,
// supplemental signals and network ACLs.
//
// Source: auth0/terraform-provider-auth0 v1.53.0, commit 7ab86e5310e6553889f5eef35dcbd6aa4dd1546b,
// the provider @pulumi/auth0 3.49.0 wraps (pulumi/pulumi-auth0 tag v3.49.0, submodule `upstream`).
// Each type names its file there (internal/auth0/...). The calls' methods and paths are those of
// github.com/auth0/go-auth0 v1.45.0 management/{attack_protection,risk_assessment,network_acl}.go
// and, for bot detection, captcha and supplemental signals, go-auth0/v2 v2.14.0
// management/{attackprotection/botdetection,attackprotection/captcha,supplementalsignals}/raw_client.go
// (the versions that commit's go.mod pins). Cross-checked against the provider's recorded traffic at
// the same commit (test/data/recordings/TestAccAttackProtection*.yaml, TestAccRiskAssessment.yaml,
// TestAccRiskAssessmentNewDevice.yaml, TestAccSupplementalSignals.yaml, TestAccNetworkACL.yaml): every
// call below appears there, and the resources make no other calls.
//
// Guardian (guardian/resource.go) is left out on purpose: its read, depending on which factors the
// tenant has enabled, calls GET /guardian/factors/webauthn-roaming/settings,
// .../webauthn-platform/settings and GET /prompts/mfa-push (TestAccGuardianWebAuthnRoaming.yaml,
// TestAccGuardianPush.yaml), which the Management API catalogue doesn't list, so their scopes can't
// be confirmed here; it also reads the tenant settings for the phone factor.
import type { ManagementApiEndpoint } from "./catalogue/catalogue";
import type { LifecycleNeeds, NeedsOf } from "./lifecycleNeeds";

// attackprotection/resource.go: a singleton whose create is its update. An update PATCHes only the
// blocks that changed (expand.go: HasChange), so the plan counts the blocks the inputs set. The read
// GETs all five. Delete only disables breached-password detection, brute-force protection and
// suspicious-IP throttling (bot detection and captcha are left as they are).
const attackProtectionBlocks: readonly [string, ManagementApiEndpoint][] = [
    ["suspiciousIpThrottling", "PATCH /api/v2/attack-protection/suspicious-ip-throttling"],
    ["bruteForceProtection", "PATCH /api/v2/attack-protection/brute-force-protection"],
    ["breachedPasswordDetection", "PATCH /api/v2/attack-protection/breached-password-detection"],
    ["botDetection", "PATCH /api/v2/attack-protection/bot-detection"],
    ["captcha", "PATCH /api/v2/attack-protection/captcha"],
];

function attackProtectionNeeds(inputs: Readonly<Record<string, unknown>>): LifecycleNeeds {
    const set = attackProtectionBlocks.filter(([input]) => inputs[input] !== undefined).map(([, endpoint]) => endpoint);
    return {
        create: set,
        read: [
            "GET /api/v2/attack-protection/breached-password-detection",
            "GET /api/v2/attack-protection/brute-force-protection",
            "GET /api/v2/attack-protection/suspicious-ip-throttling",
            "GET /api/v2/attack-protection/bot-detection",
            "GET /api/v2/attack-protection/captcha",
        ],
        update: set,
        delete: [
            "PATCH /api/v2/attack-protection/breached-password-detection",
            "PATCH /api/v2/attack-protection/brute-force-protection",
            "PATCH /api/v2/attack-protection/suspicious-ip-throttling",
        ],
    };
}

// Singletons the provider "creates" by updating the tenant's one instance.
const settings = (read: ManagementApiEndpoint, update: ManagementApiEndpoint, reset?: ManagementApiEndpoint): LifecycleNeeds => ({
    create: [update],
    read: [read],
    update: [update],
    ...(reset ? { delete: [reset] } : {}),
});

export const SECURITY_DEPLOYER_NEEDS: Readonly<Record<string, NeedsOf>> = {
    "auth0:index/attackProtection:AttackProtection": attackProtectionNeeds,
    // riskassessment/resource.go and resource_new_device.go: delete is a no-op (schema.NoopContext).
    "auth0:index/riskAssessments:RiskAssessments": () => settings("GET /api/v2/risk-assessments/settings", "PATCH /api/v2/risk-assessments/settings"),
    "auth0:index/riskAssessmentsNewDevice:RiskAssessmentsNewDevice": () =>
        settings("GET /api/v2/risk-assessments/settings/new-device", "PATCH /api/v2/risk-assessments/settings/new-device"),
    // supplementalsignals/resource.go: delete PATCHes the settings back to their defaults.
    "auth0:index/supplementalSignals:SupplementalSignals": () =>
        settings("GET /api/v2/supplemental-signals", "PATCH /api/v2/supplemental-signals", "PATCH /api/v2/supplemental-signals"),
    // networkacl/resource.go: the update is go-auth0's NetworkACL.Update, a PUT of the whole rule.
    "auth0:index/networkAcl:NetworkAcl": () => ({
        create: ["POST /api/v2/network-acls"],
        read: ["GET /api/v2/network-acls/{id}"],
        update: ["PUT /api/v2/network-acls/{id}"],
        delete: ["DELETE /api/v2/network-acls/{id}"],
    }),
};
