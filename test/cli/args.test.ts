import { describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUT_SECONDS, PLAN_USAGE } from "../../cli/args";
import { ADOPT_USAGE, AUDIT_USAGE } from "../../cli/audit/args";
import { parseCommandLine, USAGE } from "../../cli/commandLine";

describe("parseCommandLine: plan", () => {
    it("fills in the defaults and resolves paths against the working directory", () => {
        expect(parseCommandLine(["plan"], "/work")).toEqual({
            command: "plan",
            options: {
                projectDir: "/work",
                stack: "dev",
                configFile: undefined,
                policyPackDir: undefined,
                policyConfigFile: undefined,
                format: "text",
                outFile: undefined,
                verbose: false,
                timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
                base: undefined,
                failOn: "mandatory",
            },
        });
        const parsed = parseCommandLine(
            ["plan", "--project", "p", "--stack", "acme/prod", "--config-file", "c.yaml", "--policy-pack", "/pack", "--policy-config", "pc.json", "--format", "json", "--out", "o.json", "--timeout", "1.5", "--verbose"],
            "/work",
        );
        expect(parsed).toEqual({
            command: "plan",
            options: {
                projectDir: "/work/p",
                stack: "acme/prod",
                configFile: "/work/c.yaml",
                policyPackDir: "/pack",
                policyConfigFile: "/work/pc.json",
                format: "json",
                outFile: "/work/o.json",
                verbose: true,
                timeoutSeconds: 1.5,
                base: undefined,
                failOn: "mandatory",
            },
        });
    });

    it("answers --help with the top-level usage, and each command's --help with its own", () => {
        expect(parseCommandLine(["--help"], "/")).toEqual({ command: "help", usage: USAGE });
        expect(parseCommandLine(["plan", "-h"], "/")).toEqual({ command: "help", usage: PLAN_USAGE });
        expect(parseCommandLine(["audit", "--help"], "/")).toEqual({ command: "help", usage: AUDIT_USAGE });
        expect(parseCommandLine(["adopt", "-h", "--domain", "x"], "/")).toEqual({ command: "help", usage: ADOPT_USAGE });
        expect(parseCommandLine(["--version"], "/")).toEqual({ command: "version" });
        for (const command of ["plan", "audit", "adopt"]) expect(USAGE).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
    });

    it("lists the read scopes in audit's and adopt's help, and no scope that writes or reads a secret", () => {
        for (const usage of [AUDIT_USAGE, ADOPT_USAGE]) {
            for (const scope of ["read:clients", "read:client_grants", "read:resource_servers", "read:tenant_settings"]) expect(usage).toContain(scope);
            expect(usage).not.toMatch(/(create|update|delete):|read:client_(keys|credentials)/);
        }
    });

    it.each([
        [["plan", "--frmat", "json"], "Unknown option '--frmat'. Run 'auth0-m2m plan --help' for the options."],
        [["plan", "--stack"], "Option '--stack <value>' argument missing. Run 'auth0-m2m plan --help' for the options."],
        [[], "Missing command: one of plan, audit, adopt, comment. Run 'auth0-m2m --help'."],
        [["apply"], "Unknown command 'apply'; the commands are plan, audit, adopt, comment, and come first. Run 'auth0-m2m --help'."],
        [["--stack", "dev", "plan"], "'--stack' before a command; the commands are plan, audit, adopt, comment, and come first. Run 'auth0-m2m --help'."],
        [["plan", "extra"], "Unexpected argument 'extra'. Run 'auth0-m2m plan --help' for the options."],
        [["plan", "--format", "yaml"], "--format must be one of text, markdown, json, not 'yaml'."],
        [["plan", "--timeout", "0"], "--timeout must be a number of seconds above 0 and at most 86400 (a day), not '0'."],
        [["plan", "--timeout", "soon"], "--timeout must be a number of seconds above 0 and at most 86400 (a day), not 'soon'."],
        // setTimeout's limit is 2147483.647 s; above it Node fired after 1 ms.
        [["plan", "--timeout", "2147484"], "--timeout must be a number of seconds above 0 and at most 86400 (a day), not '2147484'."],
        [["plan", "--timeout", "86401"], "--timeout must be a number of seconds above 0 and at most 86400 (a day), not '86401'."],
        [["plan", "--stack", "dev stack"], "--stack 'dev stack' is not a stack name"],
        [["plan", "--out", " "], "--out needs a path."],
    ])("rejects %j", (argv, message) => {
        expect(() => parseCommandLine(argv, "/")).toThrow(message);
    });
});
