// What the deployer needs for what users see while signing in and the messages they get: login
// page partials and renderers, the classic hosted pages, email and phone templates, the phone
// provider, and custom domain verification.
//
// Source: auth0/terraform-provider-auth0 v1.53.0, commit 7ab86e5310e6553889f5eef35dcbd6aa4dd1546b,
// the provider @pulumi/auth0 3.49.0 wraps (pulumi/pulumi-auth0 tag v3.49.0, submodule `upstream`).
// Each type names its file there (internal/auth0/...). The calls' methods and paths are those of
// github.com/auth0/go-auth0 v1.45.0 management/{prompt,email_template,branding,client,tenant,
// custom_domain}.go, the version that commit's go.mod pins. Cross-checked against the provider's
// recorded traffic at the same commit (test/data/recordings/TestAccPromptPartials.yaml,
// TestAccPromptScreenPartial(s).yaml, TestAccPromptScreenSettings.yaml, TestAccPages.yaml,
// TestAccEmailTemplate.yaml, TestAccCheckPhoneProvider.yaml, TestAccPhoneNotificationTemplate.yaml,
// TestAccCustomDomainVerificationWith*Certs.yaml): every call below appears there.
import type { ManagementApiEndpoint } from "./catalogue/catalogue";
import type { LifecycleNeeds, NeedsOf } from "./lifecycleNeeds";

// A prompt's partials are one document per prompt; the provider "creates" them by writing it and
// deletes them by writing it empty.
const promptPartialsNeeds: LifecycleNeeds = {
    create: ["PUT /api/v2/prompts/{prompt}/partials"],
    read: ["GET /api/v2/prompts/{prompt}/partials"],
    update: ["PUT /api/v2/prompts/{prompt}/partials"],
    delete: ["PUT /api/v2/prompts/{prompt}/partials"],
};

// branding/resource_phone_template.go, registered both as auth0_phone_notification_template and
// auth0_branding_phone_notification_template (internal/provider/provider.go).
const phoneTemplateNeeds: LifecycleNeeds = {
    create: ["POST /api/v2/branding/phone/templates"],
    read: ["GET /api/v2/branding/phone/templates/{id}"],
    update: ["PATCH /api/v2/branding/phone/templates/{id}"],
    delete: ["DELETE /api/v2/branding/phone/templates/{id}"],
};

// page/resource.go: a singleton whose create is its update. `login` is the custom login page of the
// tenant's global client, which every phase finds by listing the clients with is_global=true
// (GET /clients) and reads with GET /clients/{id}; it is PATCHed on that client. The other pages are
// tenant settings. Delete turns all of them off.
function pagesNeeds(inputs: Readonly<Record<string, unknown>>): LifecycleNeeds {
    const login: ManagementApiEndpoint[] = inputs.login === undefined ? [] : ["PATCH /api/v2/clients/{id}"];
    const tenantPages = inputs.changePassword !== undefined || inputs.guardianMfa !== undefined || inputs.error !== undefined;
    const set: ManagementApiEndpoint[] = [...login, ...(tenantPages ? (["PATCH /api/v2/tenants/settings"] as const) : [])];
    return {
        create: set,
        read: ["GET /api/v2/tenants/settings"],
        update: set,
        delete: ["PATCH /api/v2/clients/{id}", "PATCH /api/v2/tenants/settings"],
        // The client GETs also accept read:client_summary, a summary too small to hold the login page
        // (as for Client, deployerNeedsM2m.ts).
        fields: [{ scope: "read:clients", why: "find and read the global client's login page" }],
    };
}

export const LOGIN_DEPLOYER_NEEDS: Readonly<Record<string, NeedsOf>> = {
    // prompt/resource_partials.go (deprecated in favour of the screen partials).
    "auth0:index/promptPartials:PromptPartials": () => promptPartialsNeeds,
    // prompt/resource_screen_partial.go: one screen's entry in the prompt's document, so create,
    // update and delete read the document first and write it back.
    "auth0:index/promptScreenPartial:PromptScreenPartial": () => ({
        create: ["GET /api/v2/prompts/{prompt}/partials", "PUT /api/v2/prompts/{prompt}/partials"],
        read: ["GET /api/v2/prompts/{prompt}/partials"],
        update: ["GET /api/v2/prompts/{prompt}/partials", "PUT /api/v2/prompts/{prompt}/partials"],
        delete: ["GET /api/v2/prompts/{prompt}/partials", "PUT /api/v2/prompts/{prompt}/partials"],
    }),
    // prompt/resource_screen_partials.go
    "auth0:index/promptScreenPartials:PromptScreenPartials": () => promptPartialsNeeds,
    // prompt/resource_screen_render.go: create is its update; delete PATCHes the screen back to the
    // standard rendering mode.
    "auth0:index/promptScreenRenderer:PromptScreenRenderer": () => ({
        create: ["PATCH /api/v2/prompts/{prompt}/screen/{screen}/rendering"],
        read: ["GET /api/v2/prompts/{prompt}/screen/{screen}/rendering"],
        update: ["PATCH /api/v2/prompts/{prompt}/screen/{screen}/rendering"],
        delete: ["PATCH /api/v2/prompts/{prompt}/screen/{screen}/rendering"],
    }),
    "auth0:index/pages:Pages": pagesNeeds,
    // email/resource_template.go: Auth0 can't delete a template. Create reads it first and, when it
    // exists, PATCHes it instead of POSTing: which depends on the tenant, so both. Delete PATCHes
    // it disabled.
    "auth0:index/emailTemplate:EmailTemplate": () => ({
        create: ["GET /api/v2/email-templates/{templateName}", "POST /api/v2/email-templates", "PATCH /api/v2/email-templates/{templateName}"],
        read: ["GET /api/v2/email-templates/{templateName}"],
        update: ["PATCH /api/v2/email-templates/{templateName}"],
        delete: ["PATCH /api/v2/email-templates/{templateName}"],
    }),
    // branding/resource_phone_provider.go: one provider per tenant. Create lists the providers and,
    // when there is one, PATCHes it instead of POSTing: which depends on the tenant, so both.
    "auth0:index/phoneProvider:PhoneProvider": () => ({
        create: ["GET /api/v2/branding/phone/providers", "POST /api/v2/branding/phone/providers", "PATCH /api/v2/branding/phone/providers/{id}"],
        read: ["GET /api/v2/branding/phone/providers/{id}"],
        update: ["PATCH /api/v2/branding/phone/providers/{id}"],
        delete: ["DELETE /api/v2/branding/phone/providers/{id}"],
    }),
    "auth0:index/phoneNotificationTemplate:PhoneNotificationTemplate": () => phoneTemplateNeeds,
    "auth0:index/brandingPhoneNotificationTemplate:BrandingPhoneNotificationTemplate": () => phoneTemplateNeeds,
    // customdomain/resource_verification.go: create POSTs verify until the domain is ready; its
    // input forces replacement, and delete makes no call (the domain stays verified).
    "auth0:index/customDomainVerification:CustomDomainVerification": () => ({
        create: ["POST /api/v2/custom-domains/{id}/verify"],
        read: ["GET /api/v2/custom-domains/{id}"],
        update: [],
    }),
};
