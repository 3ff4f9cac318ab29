// parseTenantConfig: the defaults it fills in, and each problem at its exact path.
import { describe, expect, it } from "vitest";
import { parseTenantConfig } from "../../../infra/config/parseTenantConfig";
import type { TenantConfigInput } from "../../../infra/config/tenantConfig";
import { TenantConfigError } from "../../../infra/config/tenantConfigError";
import { problems, valid, withChange } from "./tenantConfigSamples";

describe("parseTenantConfig", () => {
    it("accepts the issue's example and fills in every default", () => {
        const parsed = parseTenantConfig(valid());
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.config.apis.orders).toEqual({
            identifier: "https://orders.acme.example",
            tokenLifetime: 3600,
            allowOfflineAccess: false,
            scopes: { "read:orders": "Read orders", "write:orders": "Write" },
            userAccessPolicy: "deny_all",
        });
        expect(parsed.config.machines["billing-export"]).toEqual({
            description: "Nightly invoice export",
            authentication: { method: "client_secret_post", secretVersion: 1 },
            tokenQuota: { perHour: 20, perDay: 200, enforce: true },
            grants: {
                orders: { scopes: ["read:orders"], endpoints: undefined },
                management: { scopes: undefined, endpoints: ["GET /api/v2/users", "GET /api/v2/users/{id}"] },
            },
        });
    });

    it("accepts its own output, so a parsed config can be passed on", () => {
        const once = parseTenantConfig(valid());
        expect(once.ok && parseTenantConfig(once.config)).toEqual(once);
    });

    it.each<[string, (config: any) => void, string[]]>([
        [
            "an unknown Management API scope, with the nearest known",
            (c) => (c.machines["billing-export"].grants.management = { scopes: ["read:users", "read:user"] }),
            ['auth0-m2m:machines.billing-export.grants.management.scopes[1]: unknown Management API scope "read:user" (did you mean "read:users"?)'],
        ],
        [
            "a Management API scope in a plain list",
            (c) => (c.machines["billing-export"].grants.management = ["read:user"]),
            ['auth0-m2m:machines.billing-export.grants.management[0]: unknown Management API scope "read:user" (did you mean "read:users"?)'],
        ],
        [
            "a user-context scope",
            (c) => (c.machines["billing-export"].grants.management = { scopes: ["read:current_user"] }),
            ['auth0-m2m:machines.billing-export.grants.management.scopes[0]: "read:current_user" is a user-context scope, for tokens tied to a logged-in user; it does nothing in an M2M grant'],
        ],
        [
            "an escalation scope",
            (c) => (c.machines["billing-export"].grants.management = { scopes: ["update:client_grants"] }),
            [
                'auth0-m2m:machines.billing-export.grants.management.scopes[0]: scope "update:client_grants", which widens the scopes of existing grants, this application\'s own included; the policy pack rejects it (auth0-management-api-no-escalation). Grant narrower scopes; if the need is real, declare that grant outside this config and exempt it in the pack\'s config',
            ],
        ],
        [
            "an endpoint whose scope escalates",
            (c) => (c.machines["billing-export"].grants.management = { endpoints: ["POST /api/v2/clients/abc/rotate-secret"] }),
            [
                'auth0-m2m:machines.billing-export.grants.management.endpoints[0]: POST /api/v2/clients/{id}/rotate-secret needs "update:client_keys", which replaces any application\'s client secret, taking over its identity; the policy pack rejects it (auth0-management-api-no-escalation). Grant narrower scopes; if the need is real, declare that grant outside this config and exempt it in the pack\'s config',
            ],
        ],
        [
            "an unknown endpoint",
            (c) => (c.machines["billing-export"].grants.management = { endpoints: ["GET /api/v2/user/{id}"] }),
            ['auth0-m2m:machines.billing-export.grants.management.endpoints[0]: unknown Management API endpoint "GET /api/v2/user/{id}" (did you mean "GET /api/v2/users/{id}"?)'],
        ],
        [
            "both scopes and endpoints",
            (c) => (c.machines["billing-export"].grants.management = { scopes: ["read:users"], endpoints: ["GET /api/v2/users"] }),
            ["auth0-m2m:machines.billing-export.grants.management: set either scopes or endpoints, not both (endpoints derive the scopes)"],
        ],
        [
            "a wildcard grant scope",
            (c) => (c.machines["billing-export"].grants.orders = ["read:*"]),
            ['auth0-m2m:machines.billing-export.grants.orders[0]: scope "read:*" contains a wildcard; grant each scope by name'],
        ],
        [
            "a grant scope the API doesn't declare",
            (c) => (c.machines["billing-export"].grants.orders = { scopes: ["delete:orders"] }),
            ['auth0-m2m:machines.billing-export.grants.orders.scopes[0]: scope "delete:orders" is not declared on apis.orders (declared: read:orders, write:orders); declare it there first'],
        ],
        [
            "a grant on an API that doesn't exist",
            (c) => (c.machines["billing-export"].grants.order = ["read:orders"]),
            ['auth0-m2m:machines.billing-export.grants.order: no API "order" in auth0-m2m:apis (did you mean "orders"?); grants name a key of apis, or "management"'],
        ],
        [
            "endpoints on a custom API",
            (c) => (c.machines["billing-export"].grants.orders = { endpoints: ["GET /api/v2/users"] }),
            [
                'auth0-m2m:machines.billing-export.grants.orders.endpoints: endpoints derive scopes from the Management API catalogue, so they are only for "management"; list the scopes of apis.orders instead',
                "auth0-m2m:machines.billing-export.grants.orders.scopes: grants nothing; list at least one scope, or remove the grant",
            ],
        ],
        [
            "a wildcard scope declared on an API",
            (c) => (c.apis.orders.scopes["orders:*"] = "All"),
            ['auth0-m2m:apis.orders.scopes["orders:*"]: scope "orders:*" contains a wildcard; Auth0 scopes are literal strings, so declare each scope by name'],
        ],
        [
            "an API lifetime above the guardrail default",
            (c) => (c.apis.orders.tokenLifetime = 172_800),
            [
                "auth0-m2m:apis.orders.tokenLifetime: tokenLifetime 172800 s exceeds the maximum of 86400 s (the guardrail default; for longer, declare this API with the Api component and raise auth0-token-lifetime-limits for it in the policy pack's config); issued access tokens can't be revoked, so keep lifetimes short",
            ],
        ],
        [
            "a web lifetime above the API's",
            (c) => Object.assign(c.apis.orders, { tokenLifetime: 600, tokenLifetimeForWeb: 1200 }),
            [
                "auth0-m2m:apis.orders.tokenLifetimeForWeb: tokenLifetimeForWeb 1200 s exceeds tokenLifetime (600 s); Auth0 requires the web lifetime to be at most the API's; lower tokenLifetimeForWeb or leave it unset",
            ],
        ],
        [
            "a Management API lifetime above the default",
            (c) => (c.managementApi.tokenLifetime = 90_000),
            [expect.stringMatching(/^auth0-m2m:managementApi.tokenLifetime: tokenLifetime 90000 s exceeds the maximum of 86400 s/) as unknown as string],
        ],
        [
            "a misspelt setting",
            (c) => (c.apis.orders.tokenLifetme = 60),
            ['auth0-m2m:apis.orders.tokenLifetme: unknown setting "tokenLifetme" (did you mean "tokenLifetime"?); allowed: identifier, formerly, name, tokenLifetime, tokenLifetimeForWeb, allowOfflineAccess, scopes, userAccessPolicy, proofOfPossession'],
        ],
        [
            "an open user-access policy, in the words the Api component uses too",
            (c) => (c.apis.orders.userAccessPolicy = "allow_all"),
            ['auth0-m2m:apis.orders.userAccessPolicy: must be one of "deny_all", "require_client_grant"'],
        ],
        [
            "an identifier with white space around it (refused, not trimmed: the component registers it as given)",
            (c) => (c.apis.orders.identifier = " https://orders.acme.example"),
            ["auth0-m2m:apis.orders.identifier: must be a non-empty string without white space, e.g. https://orders.acme.example"],
        ],
        [
            "a lifetime of the wrong type",
            (c) => (c.apis.orders.tokenLifetime = "1h"),
            ["auth0-m2m:apis.orders.tokenLifetime: expected number, received string"],
        ],
        [
            "a bad domain",
            (c) => (c.domain = "https://acme-dev.eu.auth0.com/"),
            ['auth0:domain: "https://acme-dev.eu.auth0.com/" includes a scheme; give the bare host, e.g. "acme.eu.auth0.com"'],
        ],
        ["no domain", (c) => delete c.domain, ['auth0:domain: is required: the tenant\'s domain, e.g. "acme-dev.eu.auth0.com"']],
        [
            "an API named like the Management API grant",
            (c) => (c.apis.management = { identifier: "https://m.example" }),
            ['auth0-m2m:apis.management: "management" is reserved for the tenant\'s Management API; name this API differently'],
        ],
        [
            "a custom API whose identifier is a Management API audience",
            (c) => (c.apis.mgmt = { identifier: "https://acme-dev.eu.auth0.com/api/v2/" }),
            [
                'auth0-m2m:apis.mgmt.identifier: "https://acme-dev.eu.auth0.com/api/v2/" is a Management API audience; grant it as "management" in a machine\'s grants, and set its lifetime under managementApi',
            ],
        ],
        [
            "two APIs with one identifier",
            (c) => (c.apis.orders2 = { identifier: "https://orders.acme.example" }),
            ['auth0-m2m:apis.orders2.identifier: "https://orders.acme.example" is already the identifier of apis.orders'],
        ],
        [
            "a name that can't name a resource",
            (c) => (c.machines.Billing_Export = { grants: {} }),
            ['auth0-m2m:machines.Billing_Export: the name "Billing_Export" must be lower-case letters, digits and hyphens (it names Pulumi resources)'],
        ],
        [
            "a token quota without limits",
            (c) => (c.machines["billing-export"].tokenQuota = { enforce: false }),
            ["auth0-m2m:machines.billing-export.tokenQuota: must set perHour, perDay or both"],
        ],
        [
            "private_key_jwt with three keys",
            (c) =>
                (c.machines["billing-export"].authentication = {
                    method: "private_key_jwt",
                    publicKeys: Object.fromEntries(["a", "b", "c"].map((k) => [k, { pem: "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----" }])),
                }),
            ["auth0-m2m:machines.billing-export.authentication.publicKeys: must hold one or two keys (Auth0 allows two, so one can be rotated in while the other is in use)"],
        ],
        [
            "an unknown authentication method",
            (c) => (c.machines["billing-export"].authentication = { method: "client_secret_jwt" }),
            ['auth0-m2m:machines.billing-export.authentication.method: method must be "private_key_jwt" (recommended: no secret reaches state), "tls_client_auth" or "self_signed_tls_client_auth" (mTLS), "client_secret_post" or "client_secret_basic"'],
        ],
        [
            "machines given as a list",
            (c) => (c.machines = [{ name: "x" }]),
            ["auth0-m2m:machines: must be a map from a name to its settings, not a list"],
        ],
    ])("reports %s at its exact path", (_name, change, expected) => {
        expect(problems(withChange(change))).toEqual(expected);
    });

    it("reports every problem at once", () => {
        const config = withChange((c) => {
            c.apis.orders.tokenLifetime = 200_000;
            c.machines["billing-export"].grants.management = { scopes: ["read:user", "create:client_grants"] };
            c.machines["billing-export"].grants.orders = ["write:*"];
            c.domain = "";
        });
        expect(problems(config).map((line) => line.replace(/: .*/, ""))).toEqual([
            "auth0:domain",
            "auth0-m2m:apis.orders.tokenLifetime",
            "auth0-m2m:machines.billing-export.grants.orders[0]",
            "auth0-m2m:machines.billing-export.grants.management.scopes[0]",
            "auth0-m2m:machines.billing-export.grants.management.scopes[1]",
        ]);
    });

    it("throws one RunError listing them, which says nothing was registered", () => {
        const parsed = parseTenantConfig({ domain: "x" } satisfies TenantConfigInput);
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        const error = new TenantConfigError(parsed.issues, "object");
        expect(error.message).toBe(
            'Invalid auth0-m2m config: 1 problem; nothing was registered.\n  - domain: "x" is not a host name such as "acme.eu.auth0.com"',
        );
    });
});
