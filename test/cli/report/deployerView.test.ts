import { describe, expect, it } from "vitest";
import { deployerView } from "../../../cli/report/deployerView";
import { resource } from "./reportFixtures";

describe("deployerView", () => {
    it("notes the Auth0 types whose deployer scopes it doesn't know, without pointing at where the list is printed", () => {
        const notes: string[] = [];
        const scopes = deployerView(
            [
                resource("auth0:index/guardian:Guardian", "mfa", { policy: "all-applications" }),
                resource("auth0:index/connection:Connection", "database", { strategy: "auth0" }),
                resource("auth0:index/client:Client", "web", { appType: "spa" }),
            ],
            notes,
        );
        expect(scopes.map((s) => s.scope)).toEqual(expect.arrayContaining(["create:clients", "create:connections"]));
        // The note is shown after the list in text and markdown, and alone in JSON: "below" would mislead.
        expect(notes).toEqual([
            "The deployer scopes for auth0:index/guardian:Guardian are not known to this version, so the list of deployer scopes may be incomplete.",
        ]);
    });
});
