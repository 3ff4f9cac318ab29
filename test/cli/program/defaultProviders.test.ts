// The engine's default providers, as the plan registers them (pulumi/pulumi 1b594989
// pkg/resource/deploy/default_providers.go, providers/provider.go DefaultName, target.go GetPackageConfig).
import { describe, expect, it } from "vitest";
import { DefaultProviders, deniedMessage, defaultProviderName, packageConfig } from "../../../cli/program/defaultProviders";
import { isDefaultProvider } from "../../../cli/program/providers";
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE } from "../../../cli/program/protocol";
import { resource } from "../report/reportFixtures";

const secret = (value: string) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });
const CONFIG = {
    "auth0:domain": "acme.eu.auth0.com",
    "auth0:clientId": "AbC123",
    "auth0:clientSecret": "[secret]",
    "random:seed": "7",
    "proj:tenant": '{"domain":"x"}',
};
const SOURCE = { stack: "dev", name: "proj", config: CONFIG, secretKeys: ["auth0:clientSecret"] };
const AUTH0_PROVIDER_URN = "urn:pulumi:dev::proj::pulumi:providers:auth0::default_3_49_0";

describe("defaultProviderName", () => {
    it.each([
        [undefined, undefined, "default"],
        ["3.49.0", undefined, "default_3_49_0"],
        ["1.2.3-alpha.1+build.5", undefined, "default_1_2_3_alpha_1_build_5"],
        ["1.0.0", "https://example.com/plugins/", "default_1_0_0_https_/example.com/plugins"],
        [undefined, "https://ex ample.com", "default_https_/ex_ample.com"],
        ["v1.0", undefined, undefined],
    ])("version %s, download URL %s: %s", (version, url, name) => {
        expect(defaultProviderName(version, url)).toBe(name);
    });
});

describe("packageConfig", () => {
    it("is the package's own keys without the namespace, secure values secret, every value a string", () => {
        expect(packageConfig("auth0", SOURCE)).toEqual({ domain: "acme.eu.auth0.com", clientId: "AbC123", clientSecret: secret("[secret]") });
        expect(packageConfig("proj", SOURCE)).toEqual({ tenant: '{"domain":"x"}' });
        expect(packageConfig("aws", SOURCE)).toEqual({});
    });

    it("is every key, namespaced, for a dynamic provider", () => {
        expect(Object.keys(packageConfig("pulumi-nodejs", SOURCE))).toEqual(Object.keys(CONFIG));
    });
});

describe("DefaultProviders", () => {
    const stack = resource("pulumi:pulumi:Stack", "proj-dev", {}, { custom: false });
    const component = resource("auth0-m2m:index:TenantAccess", "tenant", {}, { custom: false, parent: stack.urn });
    const client = resource("auth0:index/client:Client", "c", { name: "C" }, { parent: component.urn, version: "3.49.0" });
    const explicit = resource("pulumi:providers:auth0", "eu", { domain: "eu.auth0.com" });
    const viaExplicit = resource("auth0:index/client:Client", "e", {}, { provider: `${explicit.urn}::${UNKNOWN_VALUE}`, version: "3.49.0" });
    const pet = resource("random:index/randomPet:RandomPet", "pet", {});
    const grant = resource("auth0:index/clientGrant:ClientGrant", "g", {}, { version: "3.49.0" });
    const read = resource("auth0:index/client:Client", "existing", {}, { read: true, version: "3.50.0" });

    it("registers one provider per package and version, just before its first user, and gives each user its reference", () => {
        const providers = new DefaultProviders(SOURCE);
        const first = providers.resolve([stack, component, client, explicit, viaExplicit, pet]);
        const second = providers.resolve([grant, read]);
        expect([...first, ...second].map((r) => r.urn.slice("urn:pulumi:dev::proj::".length))).toEqual([
            "pulumi:pulumi:Stack::proj-dev",
            "auth0-m2m:index:TenantAccess::tenant",
            "pulumi:providers:auth0::default_3_49_0",
            "auth0-m2m:index:TenantAccess$auth0:index/client:Client::c",
            "pulumi:providers:auth0::eu",
            "auth0:index/client:Client::e",
            "pulumi:providers:random::default",
            "random:index/randomPet:RandomPet::pet",
            "auth0:index/clientGrant:ClientGrant::g",
            // A read gets one too, and the engine registers it even though the read itself is not analyzed.
            "pulumi:providers:auth0::default_3_50_0",
            "auth0:index/client:Client::existing",
        ]);
        const provider = first[2];
        expect(provider).toMatchObject({ type: "pulumi:providers:auth0", name: "default_3_49_0", custom: true });
        expect(provider.parent).toBeUndefined();
        expect(provider.properties).toEqual({ domain: "acme.eu.auth0.com", clientId: "AbC123", clientSecret: secret("[secret]"), version: "3.49.0" });
        expect(isDefaultProvider(provider)).toBe(true);
        expect(first[3].provider).toBe(`${AUTH0_PROVIDER_URN}::${UNKNOWN_VALUE}`);
        expect(second[0].provider).toBe(`${AUTH0_PROVIDER_URN}::${UNKNOWN_VALUE}`);
        expect(first[5]).toBe(viaExplicit);
        expect(first[6].properties).toEqual({ seed: "7" });
        expect(providers.denied).toEqual([]);
    });

    it("registers none for a package pulumi:disable-default-providers names, and says which resources the engine would fail", () => {
        const providers = new DefaultProviders({ ...SOURCE, config: { ...CONFIG, "pulumi:disable-default-providers": '["auth0"]' } });
        const resolved = providers.resolve([client, pet]);
        expect(resolved.map((r) => r.name)).toEqual(["c", "default", "pet"]);
        expect(resolved[0].provider).toBeUndefined();
        expect(providers.denied).toEqual([{ urn: client.urn, packageName: "auth0" }]);
        expect(deniedMessage(providers.denied)).toBe(
            "1 resource would fail under `pulumi preview`: the stack's config 'pulumi:disable-default-providers' turns off the default provider it uses.\n" +
                `  Default provider for 'auth0' disabled. '${client.urn}' must use an explicit provider.\n` +
                "Pass each one an explicit provider (`{ provider }`), or take its package out of 'pulumi:disable-default-providers'.",
        );
        const all = new DefaultProviders({ ...SOURCE, config: { "pulumi:disable-default-providers": '["*"]' } });
        all.resolve([client, pet]);
        expect(all.denied.map((d) => d.packageName)).toEqual(["auth0", "random"]);
    });
});
