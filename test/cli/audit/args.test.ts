import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT_SECONDS, MAX_PAGE_SIZE, parseLiveCommand } from "../../../cli/audit/args";

const read = { domain: "acme.eu.auth0.com", requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_SECONDS, maxRetries: DEFAULT_MAX_RETRIES, pageSize: MAX_PAGE_SIZE, policyPackDir: undefined, policyConfigFile: undefined, verbose: false };

describe("parseLiveCommand", () => {
    it("audit: defaults, no drift unless --project or --stack is given", () => {
        expect(parseLiveCommand("audit", ["--domain", "acme.eu.auth0.com"], "/w")).toEqual({ command: "audit", options: { ...read, format: "text", outFile: undefined, drift: undefined } });
        const drift = parseLiveCommand("audit", ["--domain", "localhost:8443", "--stack", "prod", "--format", "json", "--out", "r.json", "--page-size", "2", "--max-retries", "0"], "/w");
        expect(drift).toMatchObject({ command: "audit", options: { domain: "localhost:8443", format: "json", outFile: "/w/r.json", pageSize: 2, maxRetries: 0, drift: { projectDir: "/w", stack: "prod" } } });
    });

    it("adopt: the output directory defaults to the project", () => {
        expect(parseLiveCommand("adopt", ["--domain", "acme.eu.auth0.com", "--stack", "prod", "--project", "p", "--endpoints", "e.json", "--force"], "/w")).toEqual({
            command: "adopt",
            options: { ...read, stack: "prod", projectDir: "/w/p", outDir: "/w/p", force: true, endpointsFile: "/w/e.json", configDomain: "acme.eu.auth0.com" },
        });
        // The stack's auth0:domain: --config-domain, else --domain without its port.
        expect(parseLiveCommand("adopt", ["--domain", "localhost:8443", "--stack", "s"], "/w")).toMatchObject({ options: { configDomain: "localhost" } });
        expect(parseLiveCommand("adopt", ["--domain", "localhost:8443", "--stack", "s", "--config-domain", "acme.eu.auth0.com"], "/w")).toMatchObject({ options: { configDomain: "acme.eu.auth0.com" } });
    });

    it.each([
        ["audit", [], "--domain is required"],
        ["audit", ["--domain", "https://acme.auth0.com"], "must be HOST[:PORT] only"],
        ["audit", ["--domain", "acme.auth0.com", "--force"], "--force is an option of 'auth0-m2m adopt', not of 'audit'."],
        ["adopt", ["--domain", "acme.auth0.com", "--stack", "s", "--format", "json"], "--format is an option of 'auth0-m2m audit', not of 'adopt'."],
        ["adopt", ["--domain", "acme.auth0.com"], "--stack is required"],
        ["adopt", ["--domain", "localhost:1", "--stack", "s", "--config-domain", "https://acme.auth0.com"], "--config-domain 'https://acme.auth0.com' must be a host name only"],
        ["audit", ["--domain", "acme.auth0.com", "--config-domain", "a.b"], "--config-domain is an option of 'auth0-m2m adopt', not of 'audit'."],
        ["audit", ["--domain", "acme.auth0.com", "--page-size", "101"], "--page-size must be a whole number from 1 to 100, not '101'."],
        ["audit", ["--domain", "acme.auth0.com", "extra"], "Unexpected argument 'extra'"],
        ["audit", ["--domian", "x"], "Unknown option '--domian'. Run 'auth0-m2m audit --help' for the options."],
    ] as const)("%s %j is rejected", (command, argv, message) => {
        expect(() => parseLiveCommand(command, argv, "/")).toThrow(message);
    });
});
