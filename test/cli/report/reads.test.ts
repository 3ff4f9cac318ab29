// Read resources (a StackReference, a provider `.get()`) are explained in the report's notes: a real
// preview knows what they return, the offline plan does not.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/program/protocol";
import { buildReport } from "../../../cli/report/report";
import { AUTH0_TYPES } from "../../../policy-pack/guardrails";
import { INPUT, resource } from "./reportFixtures";

describe("read resources", () => {
    it("gets one note each, naming the stack, or the Auth0 type, name and id read; other providers' reads are left out", () => {
        const stackRef = resource("pulumi:pulumi:StackReference", "shared", { name: "acme/identity/global" }, { read: true, readId: "acme/identity/global" });
        const client = resource(AUTH0_TYPES.client, "sv1", {}, { read: true, readId: "bUfFRpl2" });
        const computedId = resource(AUTH0_TYPES.resourceServer, "api", {}, { read: true, readId: UNKNOWN_VALUE });
        const otherProvider = resource("aws:ec2/vpc:Vpc", "vpc", {}, { read: true, readId: "vpc-1" });
        const report = buildReport({ ...INPUT, notes: [], diagnostics: [], resources: [stackRef, client, client, computedId, otherProvider] });
        expect(report.notes).toEqual([
            'StackReference "acme/identity/global": a real preview reads that stack\'s outputs from the backend; offline they are unknown, ' +
                'so what the program derives from them shows here as "(known after deployment)" and is not verified.',
            'auth0:index/client:Client "sv1" is read (.get) with id "bUfFRpl2", not managed: a real preview reads it from the provider; ' +
                'offline its outputs are unknown, so what the program derives from them shows here as "(known after deployment)" and is not verified.',
            'auth0:index/resourceServer:ResourceServer "api" is read (.get) with an id not known offline, not managed: a real preview reads it from ' +
                'the provider; offline its outputs are unknown, so what the program derives from them shows here as "(known after deployment)" and is not verified.',
        ]);
        expect(report.machines).toEqual([]);
    });
});
