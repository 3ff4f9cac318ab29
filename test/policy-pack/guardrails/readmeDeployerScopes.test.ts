import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { deployerScopesFor } from "../../../policy-pack/guardrails/deployerScopes";

describe("README's table of the deployer's scopes", () => {
    it("lists exactly what deployerScopesFor derives for everything the components declare", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
        const section = readme.split("### The deployer's own scopes")[1].split("\n#")[0];
        const documented = [...section.matchAll(/^\| (.+?) \|/gm)].flatMap((row) => [...row[1].matchAll(/`([a-z_]+:[a-z_]+)`/g)].map((m) => m[1]));
        const derived = deployerScopesFor([
            { type: "auth0:index/client:Client", inputs: {} },
            { type: "auth0:index/clientCredentials:ClientCredentials", inputs: { authenticationMethod: "private_key_jwt" } },
            { type: "auth0:index/clientCredentials:ClientCredentials", inputs: { authenticationMethod: "client_secret_post", clientSecretWo: "s" } },
            { type: "auth0:index/clientGrant:ClientGrant", inputs: {} },
            { type: "auth0:index/resourceServer:ResourceServer", inputs: {} },
            { type: "auth0:index/resourceServerScopes:ResourceServerScopes", inputs: {} },
        ]);
        expect([...documented].sort()).toEqual(derived.map((s) => s.scope));
        // The sentence naming the scopes the pack forbids every other application lists exactly those.
        const sentence = section.split("The pack forbids every other application")[1].split(". ")[0];
        const forbidden = [...sentence.matchAll(/`([a-z_]+:[a-z_]+)`/g)].map((m) => m[1]).sort();
        expect(forbidden).toEqual(derived.filter((s) => s.forbiddenToOthers !== undefined).map((s) => s.scope));
    });
});
