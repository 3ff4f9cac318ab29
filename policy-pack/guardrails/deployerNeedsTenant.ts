// What the deployer needs for the tenant-wide types: code that runs in logins (actions, their
// trigger bindings, rules), tenant settings, the login pages, custom domains, mail and log streams.
//
// Source: auth0/terraform-provider-auth0 v1.53.0, commit 7ab86e5310e6553889f5eef35dcbd6aa4dd1546b,
// the provider @pulumi/auth0 3.49.0 wraps (pulumi/pulumi-auth0 tag v3.49.0, submodule `upstream`).
// Each type names its file there (internal/auth0/...). The calls' methods and paths are those of
// github.com/auth0/go-auth0 v1.45.0 management/*.go, the version that commit's go.mod pins.
// Cross-checked against the provider's recorded traffic at the same commit
// (test/data/recordings/TestAcc<Type>.yaml; TestAccTenantDefaultTokenQuota.yaml is also in
// /work/shared/data/auth0-recordings): every call below appears there.
import type { ManagementApiEndpoint } from "./catalogue/catalogue";
import type { LifecycleNeeds, NeedsOf } from "./lifecycleNeeds";

// Singletons the provider "creates" by updating the tenant's one instance, and "deletes" by only
// dropping it from state (Tenant: tenant/resource.go; Prompt: prompt/resource.go).
const singleton = (read: ManagementApiEndpoint, update: ManagementApiEndpoint): LifecycleNeeds => ({
    create: [update],
    read: [read],
    update: [update],
});

const bindingsNeeds: LifecycleNeeds = {
    create: ["PATCH /api/v2/actions/triggers/{triggerId}/bindings"],
    read: ["GET /api/v2/actions/triggers/{triggerId}/bindings"],
    update: ["PATCH /api/v2/actions/triggers/{triggerId}/bindings"],
    delete: ["PATCH /api/v2/actions/triggers/{triggerId}/bindings"],
};

// action/resource.go. With `deploy`, create and update wait for the build (GET) and deploy the
// new version. TestAccAction.yaml also lists a trigger's bindings twice, for an action named
// "...DeleteWithUnbind" that no code at this commit makes: the action resource never reads bindings.
function actionNeeds(inputs: Readonly<Record<string, unknown>>): LifecycleNeeds {
    const deploy: ManagementApiEndpoint[] =
        inputs.deploy === undefined || inputs.deploy === false ? [] : ["GET /api/v2/actions/actions/{id}", "POST /api/v2/actions/actions/{id}/deploy"];
    return {
        create: ["POST /api/v2/actions/actions", ...deploy],
        read: ["GET /api/v2/actions/actions/{id}"],
        // The update first reads the action, to refuse erasing secrets Terraform doesn't manage.
        update: ["GET /api/v2/actions/actions/{id}", "PATCH /api/v2/actions/actions/{id}", ...deploy],
        delete: ["DELETE /api/v2/actions/actions/{id}"],
    };
}

// branding/resource.go: a singleton whose create is its update. It reads the Universal Login
// template only when the tenant has a custom domain (GET /custom-domains; without read:custom_domains
// that check fails and the template goes unread), sets it (`universalLogin`) after the same check,
// deletes it when the block is removed, and on delete resets only that template.
function brandingNeeds(inputs: Readonly<Record<string, unknown>>): LifecycleNeeds {
    const set: ManagementApiEndpoint[] = inputs.universalLogin === undefined ? [] : ["GET /api/v2/custom-domains", "PUT /api/v2/branding/templates/universal-login"];
    // Without the block, an update deletes a template an earlier version of the program set (the
    // plan can't see the previous inputs, so it assumes one may have).
    const removal: ManagementApiEndpoint[] = inputs.universalLogin === undefined ? ["DELETE /api/v2/branding/templates/universal-login"] : [];
    return {
        create: ["PATCH /api/v2/branding", ...set],
        read: ["GET /api/v2/branding", "GET /api/v2/custom-domains", "GET /api/v2/branding/templates/universal-login"],
        update: ["PATCH /api/v2/branding", ...set, ...removal],
        delete: ["GET /api/v2/custom-domains", "DELETE /api/v2/branding/templates/universal-login"],
    };
}

export const TENANT_DEPLOYER_NEEDS: Readonly<Record<string, NeedsOf>> = {
    "auth0:index/action:Action": actionNeeds,
    // action/resource_trigger_action.go: appends one action to a trigger's bindings, so each phase
    // lists them first; create reads the action for its name when displayName is unset. Its inputs
    // force replacement except displayName.
    "auth0:index/triggerAction:TriggerAction": () => ({
        create: ["GET /api/v2/actions/triggers/{triggerId}/bindings", "GET /api/v2/actions/actions/{id}", "PATCH /api/v2/actions/triggers/{triggerId}/bindings"],
        read: ["GET /api/v2/actions/triggers/{triggerId}/bindings"],
        update: ["GET /api/v2/actions/triggers/{triggerId}/bindings", "PATCH /api/v2/actions/triggers/{triggerId}/bindings"],
        delete: ["GET /api/v2/actions/triggers/{triggerId}/bindings", "PATCH /api/v2/actions/triggers/{triggerId}/bindings"],
    }),
    // action/resource_trigger_actions.go: replaces a trigger's whole binding list; delete empties it.
    "auth0:index/triggerActions:TriggerActions": () => bindingsNeeds,
    // rule/resource.go
    "auth0:index/rule:Rule": () => ({
        create: ["POST /api/v2/rules"],
        read: ["GET /api/v2/rules/{id}"],
        update: ["PATCH /api/v2/rules/{id}"],
        delete: ["DELETE /api/v2/rules/{id}"],
    }),
    // rule/resource_config.go: create and update PUT the key; go-auth0's RuleConfig.Read lists all
    // the configs (there is no GET by key).
    "auth0:index/ruleConfig:RuleConfig": () => ({
        create: ["PUT /api/v2/rules-configs/{key}"],
        read: ["GET /api/v2/rules-configs"],
        update: ["PUT /api/v2/rules-configs/{key}"],
        delete: ["DELETE /api/v2/rules-configs/{key}"],
    }),
    // tenant/resource.go: an update may PATCH twice (the second sends fields set to null).
    "auth0:index/tenant:Tenant": () => singleton("GET /api/v2/tenants/settings", "PATCH /api/v2/tenants/settings"),
    "auth0:index/prompt:Prompt": () => singleton("GET /api/v2/prompts", "PATCH /api/v2/prompts"),
    "auth0:index/branding:Branding": brandingNeeds,
    // branding/resource_theme.go: a tenant has one theme. Create reads the default theme and, when
    // the tenant already has one, adopts and PATCHes it instead of POSTing: which depends on the
    // tenant, so both (TestAccBrandingTheme.yaml). Read always reads the default theme.
    "auth0:index/brandingTheme:BrandingTheme": () => ({
        create: ["GET /api/v2/branding/themes/default", "POST /api/v2/branding/themes", "PATCH /api/v2/branding/themes/{themeId}"],
        read: ["GET /api/v2/branding/themes/default"],
        update: ["PATCH /api/v2/branding/themes/{themeId}"],
        delete: ["DELETE /api/v2/branding/themes/{themeId}"],
    }),
    // prompt/resource_custom_text.go: create is its update (a PUT of the whole text for one prompt
    // and language), and delete PUTs an empty body "{}" (TestAccPromptCustomText.yaml).
    "auth0:index/promptCustomText:PromptCustomText": () => ({
        create: ["PUT /api/v2/prompts/{prompt}/custom-text/{language}"],
        read: ["GET /api/v2/prompts/{prompt}/custom-text/{language}"],
        update: ["PUT /api/v2/prompts/{prompt}/custom-text/{language}"],
        delete: ["PUT /api/v2/prompts/{prompt}/custom-text/{language}"],
    }),
    // customdomain/resource.go: an update PATCHes fields set to null first, then the rest.
    "auth0:index/customDomain:CustomDomain": () => ({
        create: ["POST /api/v2/custom-domains"],
        read: ["GET /api/v2/custom-domains/{id}"],
        update: ["PATCH /api/v2/custom-domains/{id}"],
        delete: ["DELETE /api/v2/custom-domains/{id}"],
    }),
    // email/resource.go: one provider per tenant. Create reads it first and, when one is already
    // configured, PATCHes it instead of POSTing: which one depends on the tenant, so both.
    "auth0:index/emailProvider:EmailProvider": () => ({
        create: ["GET /api/v2/emails/provider", "POST /api/v2/emails/provider", "PATCH /api/v2/emails/provider"],
        read: ["GET /api/v2/emails/provider"],
        update: ["PATCH /api/v2/emails/provider"],
        delete: ["DELETE /api/v2/emails/provider"],
    }),
    // logstream/resource.go: with `status` set, create PATCHes it when the new stream's differs.
    "auth0:index/logStream:LogStream": (inputs) => ({
        create: ["POST /api/v2/log-streams", ...(inputs.status === undefined ? [] : (["PATCH /api/v2/log-streams/{id}"] as const))],
        read: ["GET /api/v2/log-streams/{id}"],
        update: ["PATCH /api/v2/log-streams/{id}"],
        delete: ["DELETE /api/v2/log-streams/{id}"],
    }),
};
