// "unknown setting" lists what the object at that path accepts, read from the schema itself
// (infra/config/schemaKeys.ts): every key the schema accepts is listed, and nothing it refuses.
import { describe, expect, it } from "vitest";
import { parseTenantConfig } from "../../../infra/config/parseTenantConfig";
import { allowedKeysAt } from "../../../infra/config/schemaKeys";
import { apiSchema, machineSchema } from "../../../infra/config/tenantConfig";
import { problems, withChange } from "./tenantConfigSamples";

const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
const PUBLIC = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n";
const machine = (c: any) => c.machines["billing-export"];

/** Where an unknown key goes, the object's full list of settings (hand-written), and a valid value for each. */
const OBJECTS: [string, (c: any) => Record<string, unknown>, Record<string, unknown>][] = [
    ["apis.orders", (c) => c.apis.orders, { identifier: "https://orders.acme.example", formerly: "old-orders", name: "Orders", tokenLifetime: 600, tokenLifetimeForWeb: 600, allowOfflineAccess: false, scopes: {}, userAccessPolicy: "deny_all", proofOfPossession: { mechanism: "mtls" } }],
    ["apis.orders.proofOfPossession", (c) => (c.apis.orders.proofOfPossession = { mechanism: "mtls" }), { mechanism: "dpop", required: false }],
    ["managementApi", (c) => c.managementApi, { tokenLifetime: 600 }],
    ["machines.billing-export", machine, { formerly: "old", name: "Billing", description: "x", authentication: { method: "client_secret_post" }, tokenQuota: { perDay: 1 }, grants: {} }],
    ["machines.billing-export.tokenQuota", (c) => machine(c).tokenQuota, { perHour: 1, perDay: 2, enforce: false }],
    ["machines.billing-export.grants.orders", (c) => (machine(c).grants.orders = { scopes: ["read:orders"] }), { scopes: ["read:orders"], endpoints: undefined }],
    ["machines.billing-export.authentication", (c) => (machine(c).authentication = { method: "client_secret_basic" }), { method: "client_secret_basic", secretVersion: 2 }],
    ["machines.billing-export.authentication", (c) => (machine(c).authentication = { method: "private_key_jwt", publicKeys: { a: { pem: PUBLIC } } }), { method: "private_key_jwt", publicKeys: { a: { pem: PUBLIC } } }],
    ["machines.billing-export.authentication.publicKeys.a", (c) => (machine(c).authentication = { method: "private_key_jwt", publicKeys: { a: { pem: PUBLIC } } }).publicKeys.a, { pem: PUBLIC, algorithm: "PS256", expiresAt: "2027-06-30T00:00:00Z" }],
    ["machines.billing-export.authentication.certificates.a", (c) => (machine(c).authentication = { method: "tls_client_auth", certificates: { a: { pem: CERTIFICATE } } }).certificates.a, { pem: CERTIFICATE, subjectDn: undefined }],
    ["machines.billing-export.authentication.certificates.a", (c) => (machine(c).authentication = { method: "self_signed_tls_client_auth", certificates: { a: { pem: CERTIFICATE } } }).certificates.a, { pem: CERTIFICATE }],
];

describe("the settings an unknown key's message lists", () => {
    it.each(OBJECTS)("at %s are exactly the keys the schema accepts there", (path, objectIn, settings) => {
        const listed = problems(withChange((c) => (objectIn(c).bogus = 1)));
        expect(listed).toEqual([`auth0-m2m:${path}.bogus: unknown setting "bogus"; allowed: ${Object.keys(settings).join(", ")}`]);
        // Each listed key is accepted: setting them all (to valid values) leaves no unknown setting.
        const accepted = withChange((c) => Object.assign(objectIn(c), settings));
        expect(problems(accepted).filter((line) => line.includes("unknown setting"))).toEqual([]);
    });

    it("suggests the nearest key of the right object", () => {
        expect(problems(withChange((c) => (c.apis.orders.proofOfPossession = { mechanism: "mtls", requird: true })))).toEqual([
            'auth0-m2m:apis.orders.proofOfPossession.requird: unknown setting "requird" (did you mean "required"?); allowed: mechanism, required',
        ]);
    });

    it("are read through optional, default, record and union wrappers, and are none where no object is", () => {
        expect(allowedKeysAt(apiSchema, ["proofOfPossession"], {})).toEqual(["mechanism", "required"]);
        expect(allowedKeysAt(machineSchema, ["authentication"], { authentication: { method: "tls_client_auth" } })).toEqual(["method", "certificates"]);
        // Without a method to tell the options apart, every option's keys.
        expect(allowedKeysAt(machineSchema, ["authentication"], {})).toEqual(["method", "publicKeys", "secretVersion", "certificates"]);
        expect(allowedKeysAt(machineSchema, ["grants", "x"], {})).toEqual(["scopes", "endpoints"]);
        expect(allowedKeysAt(machineSchema, ["grants", "x", 0], {})).toEqual([]);
        expect(allowedKeysAt(apiSchema, ["identifier"], {})).toEqual([]);
        expect(parseTenantConfig({ domain: "acme.eu.auth0.com", extra: 1 })).toMatchObject({ ok: false, issues: [{ path: ["extra"] }] });
    });
});
