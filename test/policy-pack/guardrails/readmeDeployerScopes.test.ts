import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_DEPLOYER_NEEDS } from "../../../policy-pack/guardrails/deployerNeedsFlows";
import { IDENTITY_DEPLOYER_NEEDS } from "../../../policy-pack/guardrails/deployerNeedsIdentity";
import { LOGIN_DEPLOYER_NEEDS } from "../../../policy-pack/guardrails/deployerNeedsLogin";
import { SECURITY_DEPLOYER_NEEDS } from "../../../policy-pack/guardrails/deployerNeedsSecurity";
import { TENANT_DEPLOYER_NEEDS } from "../../../policy-pack/guardrails/deployerNeedsTenant";
import { USER_DEPLOYER_NEEDS } from "../../../policy-pack/guardrails/deployerNeedsUsers";
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

describe("README's list of the other Auth0 types the deployer scopes cover", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
    const paragraphs = readme.split("**Other Auth0 resources in your program.**")[1].split("\n#")[0];
    const tableList = [IDENTITY_DEPLOYER_NEEDS, USER_DEPLOYER_NEEDS, TENANT_DEPLOYER_NEEDS, LOGIN_DEPLOYER_NEEDS, SECURITY_DEPLOYER_NEEDS, FLOW_DEPLOYER_NEEDS];
    const tables = Object.assign({}, ...tableList) as typeof IDENTITY_DEPLOYER_NEEDS;

    it("names exactly the types the tables beyond the components' own know, each known once", () => {
        expect(tableList.reduce((n, table) => n + Object.keys(table).length, 0)).toBe(Object.keys(tables).length);
        const named = [...paragraphs.split(" besides the ones above: ")[1].split(". ")[0].matchAll(/`(\w+)`/g)].map((m) => m[1]).sort();
        expect(named).toEqual(Object.keys(tables).map((type) => type.split(":").at(-1)).sort());
    });

    it("lists exactly the scopes among theirs that the pack forbids every other application", () => {
        const sentence = paragraphs.split("Several of these (")[1].split(")")[0];
        const listed = [...sentence.matchAll(/`([a-z_]+:[a-z_]+)`/g)].map((m) => m[1]).sort();
        const resources = Object.keys(tables).map((type) => ({ type, inputs: { deploy: true, universalLogin: {}, status: "active", secrets: {}, login: {} } }));
        expect(listed).toEqual(deployerScopesFor(resources).filter((s) => s.forbiddenToOthers !== undefined).map((s) => s.scope));
    });
});
