import { describe, expect, it } from "vitest";
import { parseTenantConfig } from "../../../infra/config/parseTenantConfig";
import { problems, withChange } from "./tenantConfigSamples";

// Issue 9 §4: config that could mislead a reviewer is refused at validation, with its path.
describe("parseTenantConfig refuses misleading config", () => {
    const PUBLIC = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n";
    const PRIVATE_BODY = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg";
    const PRIVATE = `-----BEGIN PRIVATE KEY-----\n${PRIVATE_BODY}\n-----END PRIVATE KEY-----\n`;
    const withKey = (pem: string) =>
        withChange((c) => {
            c.machines["billing-export"].authentication = { method: "private_key_jwt", publicKeys: { current: { pem } } };
        });

    it("accepts a public key, and refuses a private key alone, beside a public key, or text around a key, never echoing it", () => {
        expect(problems(withKey(PUBLIC))).toEqual([]);
        for (const pem of [PRIVATE, PUBLIC + PRIVATE, `-----BEGIN RSA PRIVATE KEY-----\n${PRIVATE_BODY}\n-----END RSA PRIVATE KEY-----\n`]) {
            const found = problems(withKey(pem));
            expect(found).toEqual([expect.stringMatching(/^auth0-m2m:machines\.billing-export\.authentication\.publicKeys\.current\.pem: holds a PRIVATE key/)]);
            expect(found.join("\n")).not.toContain(PRIVATE_BODY);
        }
        expect(problems(withKey(`${PUBLIC}trailing text`))).toEqual([
            expect.stringMatching(/^auth0-m2m:machines\.billing-export\.authentication\.publicKeys\.current\.pem: must be a PEM public key or certificate/),
        ]);
    });

    it("refuses a private key beside an mTLS certificate too, for both mTLS methods, never echoing it", () => {
        const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
        for (const method of ["tls_client_auth", "self_signed_tls_client_auth"] as const) {
            const withCertificate = (pem: string) =>
                withChange((c) => {
                    c.machines["billing-export"].authentication = { method, certificates: { current: { pem } } };
                });
            expect(problems(withCertificate(CERTIFICATE))).toEqual([]);
            const found = problems(withCertificate(CERTIFICATE + PRIVATE));
            expect(found).toEqual([expect.stringMatching(/^auth0-m2m:machines\.billing-export\.authentication\.certificates\.current\.pem: holds a PRIVATE key/)]);
            expect(found.join("\n")).not.toContain(PRIVATE_BODY);
        }
    });

    it("refuses scope keys with spaces around them", () => {
        expect(problems(withChange((c) => (c.apis.orders.scopes["read:orders "] = "Read again")))).toContain(
            'auth0-m2m:apis.orders.scopes["read:orders "]: the scope "read:orders " has spaces around it, so it is not the scope "read:orders" a token would carry; remove them',
        );
    });

    it.each(["127.0.0.1", "169.254.169.254", "::1", "[::1]"])("refuses the IP address %s as the tenant domain", (domain) => {
        expect(problems(withChange((c) => (c.domain = domain)))).toContainEqual(expect.stringMatching(/^auth0:domain: .*(is an IP address; a tenant domain is a DNS name|is not a host name)/));
    });

    it("refuses machine and API names whose client grants would share a name", () => {
        const config = withChange((c) => {
            c.apis = {
                "b-grant-c": { identifier: "https://b.acme.example", tokenLifetime: 3600, scopes: { "read:b": "Read" } },
                c: { identifier: "https://c.acme.example", tokenLifetime: 3600, scopes: { "read:c": "Read" } },
            };
            c.machines = { a: { grants: { "b-grant-c": ["read:b"] } }, "a-grant-b": { grants: { c: ["read:c"] } } };
        });
        expect(problems(config)).toEqual([
            'auth0-m2m:machines.a-grant-b.grants.c: its client grant would be named "a-grant-b-grant-c", like that of machines.a.grants.b-grant-c; rename one of the machines or APIs so the names differ',
        ]);
    });

    it("needs the canonical tenant domain when auth0:domain is a custom domain and the Management API is used, and builds the audience on it", () => {
        const custom = withChange((c) => (c.domain = "login.acme.example"));
        expect(problems(custom)).toEqual([
            'auth0-m2m:tenantDomain: is required: "login.acme.example" is a custom domain, and the Management API\'s audience is on the tenant\'s canonical domain (e.g. "acme.eu.auth0.com"), not on a custom one; set it for managementApi, machines.billing-export.grants.management',
        ]);
        const named = withChange((c) => {
            c.domain = "login.acme.example";
            c.tenantDomain = "acme-dev.eu.auth0.com";
        });
        const parsed = parseTenantConfig(named);
        expect(parsed.ok && parsed.config.tenantDomain).toBe("acme-dev.eu.auth0.com");
        const noManagement = withChange((c) => {
            c.domain = "login.acme.example";
            delete c.managementApi;
            delete c.machines["billing-export"].grants.management;
        });
        expect(problems(noManagement)).toEqual([]);
        expect(problems(withChange((c) => (c.tenantDomain = "10.0.0.1")))).toEqual([expect.stringMatching(/^auth0-m2m:tenantDomain: "10.0.0.1" is an IP address/)]);
    });
});
