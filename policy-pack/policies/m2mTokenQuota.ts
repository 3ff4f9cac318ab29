import { AUTH0_TYPES, isManagementApiAudience } from "../guardrails";
import { isUnknown } from "../support/props";
import { ReferenceIndex } from "../support/references";
import { type Auth0Resource, clientFields, labelOf, grantFields, mayBeClientCredentialsGrant, ofType } from "../support/resources";
import { NO_SETTINGS, stackRule } from "../support/rule";

type QuotaState = "set" | "missing" | { unknownField: string };

function quotaState(client: Auth0Resource): QuotaState {
    const quota = clientFields(client).clientCredentialsQuota;
    if (isUnknown(quota)) return { unknownField: "tokenQuota" };
    if (quota === undefined) return "missing";
    if (typeof quota.perHour === "number" || typeof quota.perDay === "number") return "set";
    if (isUnknown(quota.perHour)) return { unknownField: "tokenQuota.clientCredentials.perHour" };
    if (isUnknown(quota.perDay)) return { unknownField: "tokenQuota.clientCredentials.perDay" };
    return "missing";
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
        "An application with client-credentials grants for custom APIs should set a per-client token quota " +
        "(tokenQuota.clientCredentials.perHour or perDay). Tokens for custom audiences count toward the tenant's " +
        "token quota, so one runaway or compromised client could exhaust it for every application.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["auth0", "m2m", "availability"],
    remediationSteps:
        "Set tokenQuota: { clientCredentials: { perHour: <n>, enforce: true } } (or perDay) on the auth0.Client, sized a " +
        "little above its expected token rate.",
    appliesTo: [AUTH0_TYPES.client],
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

        for (const [client, grants] of byClient) {
            const state = quotaState(client);
            if (state === "set") continue;
            if (state !== "missing") {
                findings.cannotCheck(client, state.unknownField, "whether it sets a client-credentials token quota");
                continue;
            }
            if (grants.audiences.size > 0) {
                const audiences = [...grants.audiences].sort().map((a) => JSON.stringify(a)).join(", ");
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
        if (unresolved.length > 0 && clients.some((c) => quotaState(c) !== "set")) {
            for (const grant of unresolved) {
                findings.cannotCheck(grant, "clientId", "which Client in this stack the grant is for, and so whether that client needs a token quota");
            }
        }
    },
});
