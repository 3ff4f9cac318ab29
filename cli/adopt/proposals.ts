// Least-privilege proposals for Management API grants: from the endpoints each application calls
// (--endpoints FILE), the scopes scopesForEndpoints derives, next to the live ones. A proposal is
// advice only: the config keeps the live scopes.
import * as fs from "node:fs";
import { configError } from "../errors";
import { EndpointScopeError, scopesForEndpoints } from "../../policy-pack/guardrails";
import type { LiveClient } from "../audit/liveTenant";

export interface Proposal {
    readonly machine: string;
    readonly live: readonly string[];
    readonly proposed: readonly string[];
    /** Live scopes the endpoints don't need. */
    readonly unneeded: readonly string[];
    /** Scopes the endpoints need that are not live. */
    readonly missing: readonly string[];
}

/** `{ "<client id or application name>": ["GET /api/v2/users", ...] }`. */
export function readEndpointsFile(file: string): Record<string, string[]> {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw configError(`Can't read --endpoints ${file}: ${(error as Error).message}`);
    }
    const ok = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && Object.values(parsed).every((v) => Array.isArray(v) && v.every((e) => typeof e === "string"));
    if (!ok) throw configError(`--endpoints ${file} must be a JSON object of client id or application name to a list of endpoints, e.g. { "Billing export": ["GET /api/v2/users"] }.`);
    return parsed as Record<string, string[]>;
}

export function proposeScopes(endpointsByClient: Readonly<Record<string, readonly string[]>>, machines: ReadonlyMap<string, LiveClient>, liveScopes: (machine: string) => readonly string[] | undefined, file: string): Proposal[] {
    const proposals: Proposal[] = [];
    const used = new Set<string>();
    for (const [machine, client] of machines) {
        const ref = [client.client_id, client.name].find((r) => r !== undefined && endpointsByClient[r] !== undefined);
        const live = liveScopes(machine);
        if (ref === undefined || live === undefined) continue;
        used.add(ref);
        let proposed: string[];
        try {
            proposed = scopesForEndpoints(endpointsByClient[ref]);
        } catch (error) {
            if (error instanceof EndpointScopeError) throw configError(`--endpoints ${file}, "${ref}": ${error.message}`);
            throw error;
        }
        proposals.push({ machine, live, proposed, unneeded: live.filter((s) => !proposed.includes(s)), missing: proposed.filter((s) => !live.includes(s)) });
    }
    const unmatched = Object.keys(endpointsByClient).filter((ref) => !used.has(ref));
    if (unmatched.length > 0) {
        throw configError(`--endpoints ${file} names ${unmatched.map((r) => `"${r}"`).join(", ")}, which is no adopted application with a Management API grant (use its client id or name).`);
    }
    return proposals;
}
