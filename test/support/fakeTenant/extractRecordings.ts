// Regenerates test/fixtures/auth0-tenant/recorded.json from the recorded Management API traffic
// (../shared/data/auth0-recordings, go-vcr cassettes from terraform-provider-auth0's acceptance
// tests; provenance in that folder's README). Keeps the last 200 response to a GET of each object,
// unmodified, with the cassette and interaction it came from.
// Run: npx ts-node -T test/support/fakeTenant/extractRecordings.ts [recordings dir, default ../shared/data/auth0-recordings]
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

interface Interaction {
    readonly id: number;
    readonly request: { readonly method: string; readonly url: string };
    readonly response: { readonly code: number; readonly body: string };
}

export interface RecordedObject {
    /** `<cassette>#<interaction id>`. */
    readonly source: string;
    readonly body: Record<string, unknown>;
}

export interface RecordedTenant {
    readonly provenance: string;
    readonly recordedHost: string;
    readonly clients: RecordedObject[];
    readonly clientGrants: RecordedObject[];
    readonly resourceServers: RecordedObject[];
    readonly tenantSettings: RecordedObject;
}

const KINDS = [
    { kind: "clients", pattern: /^\/api\/v2\/clients\/([^/]+)$/, key: "client_id" },
    { kind: "clientGrants", pattern: /^\/api\/v2\/client-grants\/([^/]+)$/, key: "id" },
    { kind: "resourceServers", pattern: /^\/api\/v2\/resource-servers\/([^/]+)$/, key: "id" },
] as const;

export function extract(recordingsDir: string): RecordedTenant {
    const found = { clients: new Map<string, RecordedObject>(), clientGrants: new Map<string, RecordedObject>(), resourceServers: new Map<string, RecordedObject>() };
    let tenantSettings: RecordedObject | undefined;
    let recordedHost = "";
    for (const file of fs.readdirSync(recordingsDir).filter((f) => f.endsWith(".yaml")).sort()) {
        const doc = parse(fs.readFileSync(path.join(recordingsDir, file), "utf8")) as { interactions?: Interaction[] } | null;
        for (const interaction of doc?.interactions ?? []) {
            if (interaction.request.method !== "GET" || interaction.response.code !== 200) continue;
            const url = new URL(interaction.request.url);
            if (url.search !== "") continue; // field-filtered reads are partial objects
            recordedHost = url.host;
            const source = `${file}#${interaction.id}`;
            const body = JSON.parse(interaction.response.body) as Record<string, unknown>;
            if (url.pathname === "/api/v2/tenants/settings") tenantSettings = { source, body };
            for (const { kind, pattern, key } of KINDS) {
                if (pattern.test(url.pathname)) found[kind].set(String(body[key]), { source, body });
            }
        }
    }
    if (!tenantSettings) throw new Error(`No GET /api/v2/tenants/settings in ${recordingsDir}`);
    return {
        provenance:
            "Response bodies copied unmodified from github.com/auth0/terraform-provider-auth0 test/data/recordings/ at commit " +
            "a00b69214a6c1daef76cf89d25ece690c7f9db22 (MPL-2.0), via ../shared/data/auth0-recordings; `source` names the cassette and interaction.",
        recordedHost,
        clients: [...found.clients.values()],
        clientGrants: [...found.clientGrants.values()],
        resourceServers: [...found.resourceServers.values()],
        tenantSettings,
    };
}

if (require.main === module) {
    const root = path.resolve(__dirname, "../../..");
    const out = path.join(root, "test/fixtures/auth0-tenant/recorded.json");
    fs.writeFileSync(out, `${JSON.stringify(extract(path.resolve(process.argv[2] ?? path.join(root, "../shared/data/auth0-recordings"))), null, 2)}\n`);
    process.stdout.write(`wrote ${out}\n`);
}
