// What the deployer needs for the no-code and legacy extensibility types: forms, flows and the
// vault connections flows use, and hooks.
//
// Source: auth0/terraform-provider-auth0 v1.53.0, commit 7ab86e5310e6553889f5eef35dcbd6aa4dd1546b,
// the provider @pulumi/auth0 3.49.0 wraps (pulumi/pulumi-auth0 tag v3.49.0, submodule `upstream`).
// Each type names its file there (internal/auth0/...). The calls' methods and paths are those of
// github.com/auth0/go-auth0 v1.45.0 management/{form,flow,hook}.go, the version that commit's go.mod
// pins. Cross-checked against the provider's recorded traffic at the same commit
// (test/data/recordings/TestAccForm.yaml, TestAccFlow.yaml, TestAccVaultConnection.yaml,
// TestAccHook.yaml, TestAccHookSecrets.yaml): every call below appears there, and the resources make
// no other calls.
import type { ManagementApiEndpoint } from "./catalogue/catalogue";
import type { LifecycleNeeds, NeedsOf } from "./lifecycleNeeds";

// hook/resource.go. With `secrets` set, create and update go through go-auth0's
// HookManager.ReplaceSecrets: it reads the hook's secrets, then POSTs the new ones, PATCHes the
// changed ones and DELETEs the ones no longer declared. A new hook has none to change or remove.
function hookNeeds(inputs: Readonly<Record<string, unknown>>): LifecycleNeeds {
    const withSecrets = inputs.secrets !== undefined;
    const createSecrets: ManagementApiEndpoint[] = withSecrets ? ["GET /api/v2/hooks/{id}/secrets", "POST /api/v2/hooks/{id}/secrets"] : [];
    const replaceSecrets: ManagementApiEndpoint[] = withSecrets
        ? ["GET /api/v2/hooks/{id}/secrets", "POST /api/v2/hooks/{id}/secrets", "PATCH /api/v2/hooks/{id}/secrets", "DELETE /api/v2/hooks/{id}/secrets"]
        : [];
    return {
        create: ["POST /api/v2/hooks", ...createSecrets],
        // The read always lists the secrets.
        read: ["GET /api/v2/hooks/{id}", "GET /api/v2/hooks/{id}/secrets"],
        update: ["PATCH /api/v2/hooks/{id}", ...replaceSecrets],
        delete: ["DELETE /api/v2/hooks/{id}"],
    };
}

export const FLOW_DEPLOYER_NEEDS: Readonly<Record<string, NeedsOf>> = {
    // form/resource.go: an update may PATCH twice (the second empties the nodes).
    "auth0:index/form:Form": () => ({
        create: ["POST /api/v2/forms"],
        read: ["GET /api/v2/forms/{id}"],
        update: ["PATCH /api/v2/forms/{id}"],
        delete: ["DELETE /api/v2/forms/{id}"],
    }),
    // flow/resource.go
    "auth0:index/flow:Flow": () => ({
        create: ["POST /api/v2/flows"],
        read: ["GET /api/v2/flows/{id}"],
        update: ["PATCH /api/v2/flows/{id}"],
        delete: ["DELETE /api/v2/flows/{id}"],
    }),
    // flow/resource_vault_connection.go
    "auth0:index/flowVaultConnection:FlowVaultConnection": () => ({
        create: ["POST /api/v2/flows/vault/connections"],
        read: ["GET /api/v2/flows/vault/connections/{id}"],
        update: ["PATCH /api/v2/flows/vault/connections/{id}"],
        delete: ["DELETE /api/v2/flows/vault/connections/{id}"],
    }),
    "auth0:index/hook:Hook": hookNeeds,
};
