import { describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUT_SECONDS, parseCommandLine } from "../../cli/args";

describe("parseCommandLine", () => {
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

    it("answers --help and --version without a command", () => {
        expect(parseCommandLine(["--help"], "/")).toEqual({ command: "help" });
        expect(parseCommandLine(["plan", "-h"], "/")).toEqual({ command: "help" });
        expect(parseCommandLine(["--version"], "/")).toEqual({ command: "version" });
    });

    it.each([
        [["plan", "--frmat", "json"], "Unknown option '--frmat'. Run 'auth0-m2m plan --help' for the options."],
        [["plan", "--stack"], "Option '--stack <value>' argument missing. Run 'auth0-m2m plan --help' for the options."],
        [[], "Missing command. Run 'auth0-m2m plan --help'."],
        [["apply"], "Unknown command 'apply'; the only command is 'plan'. Run 'auth0-m2m plan --help'."],
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
