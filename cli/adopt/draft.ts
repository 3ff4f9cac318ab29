// What adopt builds before the schema has checked it: one entry per config entry, each with the live
// object it stands for and the import lines it brings, so an entry the schema refuses can be taken
// out whole (config, imports and names together).
import type { LiveClient } from "../audit/liveTenant";

export interface ImportEntry {
    readonly type: string;
    readonly name: string;
    readonly id?: string;
    readonly parent?: string;
    readonly component?: true;
}

/** A live object left out of the adoption, with why and what to do about it. */
export interface Skipped {
    readonly kind: "application" | "grant" | "api";
    readonly id: string;
    readonly name: string;
    readonly reason: string;
    readonly fix?: string;
}

/** The live object an entry stands for. */
export interface LiveRef {
    readonly id: string;
    readonly name: string;
}

export interface DraftEntry {
    readonly ref: LiveRef;
    readonly config: Record<string, unknown>;
    /** Import lines, the component first. */
    readonly imports: readonly ImportEntry[];
    /** The logical name of the live object's own resource (findings and exemptions name it). */
    readonly resourceName: string;
}

export interface DraftGrant extends DraftEntry {
    readonly scopes: readonly string[];
}

export interface DraftMachine extends DraftEntry {
    readonly client: LiveClient;
    /** API key (or `management`) → the grant on it. */
    readonly grants: Map<string, DraftGrant>;
}

export interface Draft {
    /** `auth0:domain` and, for a custom domain, `auth0-m2m:tenantDomain`. */
    readonly root: { readonly domain: string; readonly tenantDomain?: string };
    management?: DraftEntry;
    readonly apis: Map<string, DraftEntry>;
    readonly machines: Map<string, DraftMachine>;
    readonly skipped: Skipped[];
}
