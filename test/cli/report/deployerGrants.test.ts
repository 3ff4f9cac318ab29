// The deployer's own Management API grant, managed by the program: the report says not to strip the
// scopes auth0-management-api-no-escalation names (its fix for other applications), and what to do.
// Shape from CobbleStamp/CobbleCompanion infra/auth0 (050d7885ffbaf8eb17274799ea025a3c6f31b50f), src/m2m.ts.
import { describe, expect, it } from "vitest";
import { DefaultProviders } from "../../../cli/program/defaultProviders";
import { UNKNOWN_VALUE, type CapturedResource } from "../../../cli/program/protocol";
import { buildReport } from "../../../cli/report/report";
import { AUTH0_TYPES } from "../../../policy-pack/guardrails";
import { INPUT, resource } from "./reportFixtures";

const DEPLOYER_ID = "AbCdEf0123456789AbCdEf0123456789";
const MANAGEMENT = "https://acme.eu.auth0.com/api/v2/";

const deployerClient = resource(AUTH0_TYPES.client, "pulumi-iac", { name: "Pulumi-IaC", appType: "non_interactive" }, { importId: DEPLOYER_ID });
const grantFor = (name: string, clientId: unknown, extra: Parameters<typeof resource>[3] = {}) =>
    resource(AUTH0_TYPES.clientGrant, name, { clientId, audience: MANAGEMENT, scopes: ["create:client_grants", "read:clients"] }, extra);
const adoptedGrant = grantFor("pulumi-iac-grant", UNKNOWN_VALUE, { propertyDependencies: { clientId: [deployerClient.urn] } });

/** The deployer's identity as the plan learns it: the stack's auth0 config (default provider), else the environment. */
interface Deployer {
    readonly config?: Record<string, string>;
    readonly secretKeys?: string[];
    readonly env?: string;
}

function notesOf(resources: CapturedResource[], { config = {}, secretKeys = [], env }: Deployer = {}): string[] {
    const registered = new DefaultProviders({ stack: "dev", name: "proj", config, secretKeys }).resolve(resources);
    const report = buildReport({ ...INPUT, notes: [], resources: registered, diagnostics: [], environmentClientId: env });
    return report.notes.filter((n) => n.includes("deployer:") || n.includes("is for the deployer"));
}
const byConfig: Deployer = { config: { "auth0:clientId": DEPLOYER_ID } };

describe("the deployer's own Management API grant", () => {
    it("is recognised by the Client's import id being auth0:clientId, with a fix that keeps the deployer working", () => {
        const notes = notesOf([deployerClient, adoptedGrant], byConfig);
        expect(notes).toEqual([
            `Client "pulumi-iac" is the deployer: it adopts (import) the application whose client ID auth0:clientId gives the auth0 provider, ` +
                `so ClientGrant "pulumi-iac-grant" on the Management API holds the scopes the deployer uses to apply this program (the deployer ` +
                `scopes listed). Removing those auth0-management-api-no-escalation names, as its findings say, would make the next \`pulumi up\` ` +
                `fail. Keep them, and either take the grant out of the program without deleting it from the tenant (\`pulumi state delete ` +
                `${adoptedGrant.urn}\`, then delete it from the code), or add an exemption under auth0-management-api-no-escalation for ` +
                `"pulumi-iac-grant" listing those scopes, with the reason.`,
        ]);
    });

    it("is recognised by a grant naming the deployer's client ID itself", () => {
        const literal = grantFor("deployer-grant", DEPLOYER_ID);
        const [note] = notesOf([literal], { env: DEPLOYER_ID });
        expect(note).toMatch(/^ClientGrant "deployer-grant" is for the deployer: its clientId is the one AUTH0_CLIENT_ID gives the auth0 provider, /);
    });

    it("follows an explicit provider's clientId, not the default provider's", () => {
        const provider = resource("pulumi:providers:auth0", "tenant", { domain: "acme.eu.auth0.com", clientId: "explicit-deployer" });
        const ref = { provider: `${provider.urn}::provider-id` };
        const client = resource(AUTH0_TYPES.client, "deployer", { appType: "non_interactive" }, { importId: "explicit-deployer", ...ref });
        const grant = grantFor("deployer-grant", UNKNOWN_VALUE, { propertyDependencies: { clientId: [client.urn] }, ...ref });
        const [note] = notesOf([provider, client, grant], byConfig);
        expect(note).toMatch(/^Client "deployer" is the deployer: it adopts \(import\) the application whose client ID auth0\.Provider "tenant"'s clientId gives/);
    });

    it("is not claimed for another adopted client, an unknown deployer, or a grant on another API", () => {
        const other = resource(AUTH0_TYPES.client, "other", { appType: "non_interactive" }, { importId: "someone-else" });
        const otherGrant = grantFor("other-grant", UNKNOWN_VALUE, { propertyDependencies: { clientId: [other.urn] } });
        const ordersGrant = resource(AUTH0_TYPES.clientGrant, "orders", { clientId: DEPLOYER_ID, audience: "https://orders.example", scopes: ["read:orders"] });
        expect(notesOf([other, otherGrant, ordersGrant], byConfig)).toEqual([]);
        expect(notesOf([deployerClient, adoptedGrant])).toEqual([]);
    });
});

describe("the deployer's client ID", () => {
    const named = (deployer: Deployer) => notesOf([deployerClient, adoptedGrant], deployer).map((n) => /whose client ID (.*) gives the auth0 provider/.exec(n)?.[1]);

    it("is the default provider's auth0:clientId, else AUTH0_CLIENT_ID, and never a secure value the plan can't decrypt", () => {
        expect(named({ ...byConfig, env: "someone-else" })).toEqual(["auth0:clientId"]);
        expect(named({ env: DEPLOYER_ID })).toEqual(["AUTH0_CLIENT_ID"]);
        expect(named({ config: { "auth0:clientId": "[secret]" }, secretKeys: ["auth0:clientId"], env: DEPLOYER_ID })).toEqual([]);
        expect(named({})).toEqual([]);
    });

    it("is AUTH0_CLIENT_ID for an explicit provider without a clientId, which the provider reads too", () => {
        const provider = resource("pulumi:providers:auth0", "tenant", { domain: "acme.eu.auth0.com" });
        const ref = { provider: `${provider.urn}::provider-id` };
        const client = resource(AUTH0_TYPES.client, "deployer", { appType: "non_interactive" }, { importId: DEPLOYER_ID, ...ref });
        const grant = grantFor("deployer-grant", UNKNOWN_VALUE, { propertyDependencies: { clientId: [client.urn] }, ...ref });
        expect(notesOf([provider, client, grant], { env: DEPLOYER_ID })).toHaveLength(1);
        // An unknown clientId names no one, even for a grant whose own clientId is unknown.
        const unknownProvider = resource("pulumi:providers:auth0", "tenant", { clientId: UNKNOWN_VALUE });
        expect(notesOf([unknownProvider, grantFor("g", UNKNOWN_VALUE, ref)], { env: DEPLOYER_ID })).toEqual([]);
    });
});
