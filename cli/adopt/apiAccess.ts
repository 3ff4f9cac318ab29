// A live API's access settings as this project's config declares them (userAccessPolicy,
// proofOfPossession), or why the config can't hold them without the first `pulumi up` changing the
// live API. What the Api component writes (infra/components/api.ts): client access always
// "require_client_grant"; user access as declared; RBAC (enforcePolicies) and the RBAC token dialect
// on exactly when user access is not "deny_all"; proofOfPossession { mechanism, required } when declared.
// Live fields: auth0 npm SDK 7.1.0 Management types, ResourceServer.subject_type_authorization,
// enforce_policies, token_dialect, proof_of_possession { mechanism, required, required_for }.
import { AUTH0_DEFAULT_USER_ACCESS_POLICY, GRANTED_CLIENT_ACCESS_POLICY, isClosedUserAccess, RBAC_TOKEN_DIALECT, rbacForUserAccess } from "../../policy-pack/guardrails";
import type { LiveResourceServer } from "../audit/liveTenant";

export type AdoptedAccess =
    | { readonly ok: true; readonly fields: { readonly userAccessPolicy: string; readonly proofOfPossession?: { readonly mechanism: string; readonly required: boolean } } }
    | { readonly ok: false; readonly reason: string; readonly fix: string };

const refuse = (reason: string, fix: string): AdoptedAccess => ({ ok: false, reason, fix });

export function adoptedAccess(server: LiveResourceServer): AdoptedAccess {
    const authorization = server.subject_type_authorization ?? undefined;
    // Unreported user access is Auth0's default for a new API (apiAccess.ts cites it): open.
    const user = authorization?.user?.policy ?? AUTH0_DEFAULT_USER_ACCESS_POLICY;
    const client = authorization?.client?.policy;
    if (!isClosedUserAccess(user)) {
        return refuse(
            `its user access is "${user}" live${authorization?.user?.policy === undefined ? " (unset, so Auth0's default)" : ""}: any application may get a user's token for it. ` +
                `The config can declare only "deny_all" or "require_client_grant", so adopting would close it and break the applications that sign users in to it`,
            `if applications need user tokens for it, set its user access to "require_client_grant" and give each a user grant (dashboard: APIs > the API > Application Access), or set "deny_all" if none does; then run adopt again`,
        );
    }
    if (client !== GRANTED_CLIENT_ACCESS_POLICY) {
        const live = client === undefined ? "not reported by the tenant" : `"${client}" live`;
        return refuse(
            `its client access is ${live}; the Api component always sets "${GRANTED_CLIENT_ACCESS_POLICY}", which would change which applications may get tokens for it`,
            `set its client access to "${GRANTED_CLIENT_ACCESS_POLICY}" live if that is what it needs, then run adopt again; otherwise leave it unmanaged`,
        );
    }
    // Auth0 creates an API with RBAC off; an unreported enforce_policies is taken as that default.
    const rbacLive = server.enforce_policies ?? false;
    const rbacDeclared = rbacForUserAccess(user);
    if (rbacLive !== rbacDeclared) {
        return refuse(
            `RBAC (enforce_policies) is ${rbacLive ? "on" : "off"} live, but with user access "${user}" the Api component turns it ${rbacDeclared ? "on" : "off"}, which would change the permissions users' tokens carry`,
            `make RBAC match live (on with "require_client_grant", off with "deny_all") if the applications allow it, then run adopt again; otherwise leave it unmanaged`,
        );
    }
    if (rbacDeclared && server.token_dialect !== RBAC_TOKEN_DIALECT) {
        return refuse(
            `its token dialect is ${server.token_dialect === undefined ? "not reported" : `"${server.token_dialect}"`} live; with RBAC on, the Api component sets "${RBAC_TOKEN_DIALECT}", which would change its access tokens' format`,
            `switch it to "${RBAC_TOKEN_DIALECT}" live once the APIs that verify its tokens accept that format, then run adopt again`,
        );
    }
    const pop = server.proof_of_possession ?? undefined;
    if (pop && pop.required_for !== undefined && pop.required_for !== "all_clients") {
        return refuse(
            `its proof-of-possession applies to "${pop.required_for}" only; the config's proofOfPossession has no such setting`,
            "leave this API unmanaged, or bind tokens for all clients live and run adopt again",
        );
    }
    if (pop && (pop.mechanism === undefined || pop.required === undefined)) {
        return refuse("its proof-of-possession settings are incomplete as the tenant reports them (no mechanism or no required), so adopting can't be shown to keep them", "leave this API unmanaged, or check its token binding live and run adopt again");
    }
    return {
        ok: true,
        fields: {
            userAccessPolicy: user,
            // Written as live, `required` included: the config defaults it to true.
            ...(pop ? { proofOfPossession: { mechanism: pop.mechanism!, required: pop.required! } } : {}),
        },
    };
}
