import { AUTH0_TYPES, isManagementApiAudience, M2M_GRANT_TYPE, quoteList } from "../guardrails";
import { asBoolean, asNumber, asObject, isUnknown, type Maybe, type PlainProps, UNKNOWN } from "../support/props";
import { ReferenceIndex } from "../support/references";
import { type Auth0Resource, clientFields, labelOf, grantFields, mayBeClientCredentialsGrant, ofType } from "../support/resources";
import { NO_SETTINGS, stackRule } from "../support/rule";

type QuotaState = "set" | "missing" | "logOnly" | { unknownField: string };

/** A `tokenQuota.clientCredentials` (per client) or `defaultTokenQuota.clients.clientCredentials` (tenant) object. */
function quotaStateOf(quota: Maybe<PlainProps>, path: string): QuotaState {
    if (isUnknown(quota)) return { unknownField: path };
    if (quota === undefined) return "missing";
    const perHour = asNumber(quota.perHour);
    const perDay = asNumber(quota.perDay);
    if (typeof perHour !== "number" && typeof perDay !== "number") {
        if (isUnknown(perHour)) return { unknownField: `${path}.perHour` };
        if (isUnknown(perDay)) return { unknownField: `${path}.perDay` };
        return "missing";
    }
    const enforce = asBoolean(quota.enforce);
    if (isUnknown(enforce)) return { unknownField: `${path}.enforce` };
    // @pulumi/auth0 3.49 types/input.d.ts (TenantDefaultTokenQuotaClientsClientCredentials.enforce):
    // "If disabled, the quota will not be enforced, but notifications ... will be available in logs."
    return enforce === false ? "logOnly" : "set";
}

function quotaState(client: Auth0Resource): QuotaState {
    const quota = asObject(client.props.tokenQuota);
    if (isUnknown(quota)) return { unknownField: "tokenQuota" };
    return quotaStateOf(asObject(quota?.clientCredentials), "tokenQuota.clientCredentials");
}

/** The stack's tenant-wide default (auth0.Tenant defaultTokenQuota.clients.clientCredentials), if any. */
function tenantDefault(resources: readonly Auth0Resource[]): { tenant: Auth0Resource; state: QuotaState } | undefined {
    for (const tenant of ofType(resources, AUTH0_TYPES.tenant)) {
        const defaults = asObject(tenant.props.defaultTokenQuota);
        const clients = isUnknown(defaults) ? UNKNOWN : asObject(defaults?.clients);
        const credentials = isUnknown(clients) ? UNKNOWN : asObject(clients?.clientCredentials);
        const state = quotaStateOf(credentials, "defaultTokenQuota.clients.clientCredentials");
        if (state !== "missing") return { tenant, state };
    }
    return undefined;
}

/** Whether the client can use client credentials at all: grantTypes unset (Auth0's defaults) or listing it. */
function canUseClientCredentials(client: Auth0Resource): boolean | "unknown" {
    const grantTypes = clientFields(client).grantTypes;
    if (grantTypes === undefined) return true;
    if (isUnknown(grantTypes)) return "unknown";
    if (grantTypes.includes(M2M_GRANT_TYPE)) return true;
    return grantTypes.some(isUnknown) ? "unknown" : false;
}

interface ClientGrants {
    /** Custom audiences the client certainly has client-credentials grants for. */
    readonly audiences: Set<string>;
    /** Grants for the client whose audience was unknown during preview. */
    readonly unknownAudience: Auth0Resource[];
}

export const m2mTokenQuota = stackRule({
    name: "auth0-m2m-token-quota",
    description:
        "An application that can use client credentials, with client-credentials grants for custom APIs, should set an " +
        "enforced per-client token quota (tokenQuota.clientCredentials.perHour or perDay), unless the stack's auth0.Tenant " +
        "sets a default (defaultTokenQuota). Tokens for custom audiences count toward the tenant's token quota, so one " +
        "runaway or compromised client could exhaust it for every application. Per-client quotas are Early Access in Auth0.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["auth0", "m2m", "availability"],
    remediationSteps:
        "Set tokenQuota: { clientCredentials: { perHour: <n>, enforce: true } } (or perDay) on the auth0.Client, sized a " +
        "little above its expected token rate.",
    appliesTo: [AUTH0_TYPES.client, AUTH0_TYPES.tenant],
    ...NO_SETTINGS,
    check(resources, _config, findings) {
        const clients = ofType(resources, AUTH0_TYPES.client);
        const clientIndex = new ReferenceIndex(clients, (c) => clientFields(c).ids);
        const byClient = new Map<Auth0Resource, ClientGrants>();
        const unresolved: Auth0Resource[] = [];
        for (const grant of ofType(resources, AUTH0_TYPES.clientGrant)) {
            const fields = grantFields(grant);
            if (!mayBeClientCredentialsGrant(fields)) continue;
            if (typeof fields.audience === "string" && isManagementApiAudience(fields.audience)) continue;
            if (fields.audience === undefined) continue;

            const ref = clientIndex.find(grant, "clientId", fields.clientId, { unknownKeysMayMatch: false });
            if (ref.undetermined) {
                unresolved.push(grant);
                continue;
            }
            const client = ref.matches[0];
            if (!client) continue;
            const entry = byClient.get(client) ?? { audiences: new Set<string>(), unknownAudience: [] };
            byClient.set(client, entry);
            if (isUnknown(fields.audience)) entry.unknownAudience.push(grant);
            else entry.audiences.add(fields.audience);
        }

        const tenantQuota = tenantDefault(resources);
        if (tenantQuota && typeof tenantQuota.state === "object") {
            findings.cannotCheck(tenantQuota.tenant, tenantQuota.state.unknownField, "whether the tenant sets a default client-credentials token quota");
        }
        for (const [client, grants] of byClient) {
            // A client that can't use client credentials gets no such tokens: auth0-grant-client-is-m2m covers its grants.
            const usable = canUseClientCredentials(client);
            if (usable === false) continue;
            if (usable === "unknown") {
                findings.cannotCheck(client, "grantTypes", "whether it can use client credentials, and so needs a token quota");
                continue;
            }
            const state = quotaState(client);
            if (state === "set") continue;
            if (state === "logOnly") {
                findings.report(
                    client,
                    `${labelOf(client)} sets tokenQuota.clientCredentials with enforce: false, which only logs requests over ` +
                        `the quota and rejects none. Set enforce: true so a runaway or leaked client can't exhaust the tenant's quota.`,
                );
                continue;
            }
            if (tenantQuota?.state === "set") continue;
            // The tenant's unknown default may cover this client: its cannot-check note above says so once.
            if (typeof tenantQuota?.state === "object") continue;
            if (state !== "missing") {
                findings.cannotCheck(client, state.unknownField, "whether it sets a client-credentials token quota");
                continue;
            }
            if (grants.audiences.size > 0) {
                const audiences = quoteList([...grants.audiences].sort());
                findings.report(
                    client,
                    `${labelOf(client)} has client-credentials grants for custom APIs (${audiences}) but no ` +
                        `tokenQuota.clientCredentials. Its tokens count toward the tenant's token quota, so if it runs away ` +
                        `or leaks it can exhaust the quota for every application. Set tokenQuota: { clientCredentials: ` +
                        `{ perHour: <n>, enforce: true } } (or perDay).`,
                );
                continue;
            }
            for (const grant of grants.unknownAudience) {
                findings.cannotCheck(grant, "audience", `whether it is a custom API, for which ${labelOf(client)} (no token quota) would need one`);
            }
        }

        // A grant whose client couldn't be identified matters only if some client in the stack lacks a quota.
        if (unresolved.length > 0 && tenantQuota?.state !== "set" && clients.some((c) => quotaState(c) !== "set")) {
            for (const grant of unresolved) {
                findings.cannotCheck(grant, "clientId", "which Client in this stack the grant is for, and so whether that client needs a token quota");
            }
        }
    },
});
