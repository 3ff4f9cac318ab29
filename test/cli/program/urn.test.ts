import { describe, expect, it } from "vitest";
import { engineUrn, parseUrn, ROOT_STACK_TYPE, urnName, urnType } from "../../../cli/program/urn";

const STACK_URN = `urn:pulumi:dev::proj::${ROOT_STACK_TYPE}::proj-dev`;

describe("engineUrn", () => {
    it.each([
        ["no parent", "auth0:index/client:Client", "billing", undefined, "urn:pulumi:dev::proj::auth0:index/client:Client::billing"],
        ["the root Stack as parent adds nothing", "auth0:index/client:Client", "billing", STACK_URN, "urn:pulumi:dev::proj::auth0:index/client:Client::billing"],
        [
            "a component parent prefixes its type",
            "auth0:index/client:Client",
            "billing-client",
            "urn:pulumi:dev::proj::auth0-m2m:index:MachineClient::billing",
            "urn:pulumi:dev::proj::auth0-m2m:index:MachineClient$auth0:index/client:Client::billing-client",
        ],
        [
            "nested components chain every ancestor's type",
            "auth0:index/clientGrant:ClientGrant",
            "tenant-billing-grant-orders",
            "urn:pulumi:dev::proj::auth0-m2m:index:TenantAccess$auth0-m2m:index:MachineClient::tenant-billing",
            "urn:pulumi:dev::proj::auth0-m2m:index:TenantAccess$auth0-m2m:index:MachineClient$auth0:index/clientGrant:ClientGrant::tenant-billing-grant-orders",
        ],
    ])("%s", (_case, type, name, parent, expected) => {
        expect(engineUrn("dev", "proj", type, name, parent)).toBe(expected);
    });

    it("keeps the stack and project it is given", () => {
        expect(engineUrn("prod", "other", "pulumi:providers:auth0", "eu")).toBe("urn:pulumi:prod::other::pulumi:providers:auth0::eu");
    });
});

describe("parseUrn", () => {
    it("splits a nested URN", () => {
        expect(parseUrn("urn:pulumi:dev::proj::a:b:C$d:e:F::child")).toEqual({ stack: "dev", project: "proj", qualifiedType: "a:b:C$d:e:F", name: "child" });
        expect(urnType("urn:pulumi:dev::proj::a:b:C$d:e:F::child")).toBe("d:e:F");
    });

    it("keeps '::' inside a name, as the engine does", () => {
        expect(urnName("urn:pulumi:dev::proj::a:b:C::name::with::colons")).toBe("name::with::colons");
    });

    it("rejects what is not a URN", () => {
        expect(() => parseUrn("billing")).toThrow('"billing" is not a Pulumi URN (it must start with "urn:pulumi:")');
        expect(() => parseUrn("urn:pulumi:dev::proj::type")).toThrow("expected stack::project::type::name");
    });
});
