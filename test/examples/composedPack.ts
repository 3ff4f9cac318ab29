// A consumer's own policy pack, composed from auth0-m2m/policies, for the consumer test.
import * as fs from "node:fs";
import * as path from "node:path";

/** A consumer's own pack in `dir`: the guardrails at chosen levels, plus one policy of its own. */
export function writeComposedPack(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "acme-policies", version: "1.2.3", private: true }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: Acme's policies, with the auth0-m2m guardrails.\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            'const { PolicyPack } = require("@pulumi/policy");',
            'const { guardrailsPolicies } = require("auth0-m2m/policies");',
            'new PolicyPack("acme-policies", {',
            "    policies: [",
            '        ...guardrailsPolicies({ levels: { "auth0-m2m-token-quota": "mandatory", "auth0-no-default-for-grants": "advisory" } }),',
            "        {",
            '            name: "acme-api-identifiers",',
            '            description: "Acme APIs are identified by an https://*.acme.example URL.",',
            '            enforcementLevel: "advisory",',
            "            validateResource: (args, report) => {",
            '                if (args.type === "auth0:index/resourceServer:ResourceServer" && !/^https:\\/\\/[a-z0-9.-]+\\.acme\\.example$/.test(args.props.identifier)) {',
            '                    report(`identifier ${args.props.identifier} is not an Acme URL`);',
            "                }",
            "            },",
            "        },",
            "    ],",
            "});",
            "",
        ].join("\n"),
    );
}
