// Fake-tenant data as the audit's reader returns it (each object through the reader's own schema),
// so pure modules can be tested on the recorded shapes without a server or a process.
import { liveClientSchema, liveGrantSchema, liveResourceServerSchema, type LiveTenant } from "../../../cli/audit/liveTenant";
import type { TenantData } from "./tenantData";

export function liveTenantOf(domain: string, data: (domain: string) => TenantData): LiveTenant {
    const tenant = data(domain);
    return {
        domain,
        clients: tenant.clients.map((c) => liveClientSchema.parse(c)),
        clientGrants: tenant.clientGrants.map((g) => liveGrantSchema.parse(g)),
        resourceServers: tenant.resourceServers.map((s) => liveResourceServerSchema.parse(s)),
        tenantSettingsRead: true,
        read: { requests: 3, rateLimited: 0, serverErrors: 0, waitedMs: 0 },
    };
}
