import {
    AUTH0_MAX_TOKEN_LIFETIME_SECONDS,
    AUTH0_TYPES,
    checkTokenLifetimes,
    DEFAULT_TOKEN_LIFETIME_LIMITS,
    isManagementApiResourceServer,
    type LifetimeProblem,
    type TokenLifetimeLimits,
} from "../guardrails";
import { readInteger, readRecord, type PolicyConfigLocation } from "../support/config";
import { isUnknown } from "../support/props";
import { labelOf, resourceServerFields } from "../support/resources";
import { resourceRule } from "../support/rule";

/** Mirrors the configSchema below. */
export interface TokenLifetimeLimitsArgs extends TokenLifetimeLimits {
    /** Per-API limits, keyed by API identifier (audience); each replaces the matching global limit. */
    readonly apiOverrides: Readonly<Record<string, Partial<TokenLifetimeLimits>>>;
}

const SECONDS = { type: "integer", minimum: 1, maximum: AUTH0_MAX_TOKEN_LIFETIME_SECONDS } as const;

function readLimits(value: unknown, at: PolicyConfigLocation): Partial<TokenLifetimeLimits> {
    const record = readRecord(value, at);
    const limits: { -readonly [K in keyof TokenLifetimeLimits]?: number } = {};
    for (const [key, limit] of Object.entries(record)) {
        if (key === "maxTokenLifetime" || key === "maxTokenLifetimeForWeb") {
            limits[key] = readInteger(limit, at.key(key), 1, AUTH0_MAX_TOKEN_LIFETIME_SECONDS);
        } else {
            at.key(key).fail("is not a per-API limit (maxTokenLifetime, maxTokenLifetimeForWeb)", limit);
        }
    }
    return limits;
}

function limitsFor(identifier: string, config: TokenLifetimeLimitsArgs): TokenLifetimeLimits {
    const override = Object.prototype.hasOwnProperty.call(config.apiOverrides, identifier) ? config.apiOverrides[identifier] : {};
    return {
        maxTokenLifetime: override.maxTokenLifetime ?? config.maxTokenLifetime,
        maxTokenLifetimeForWeb: override.maxTokenLifetimeForWeb ?? config.maxTokenLifetimeForWeb,
    };
}

export const tokenLifetimeLimits = resourceRule<TokenLifetimeLimitsArgs>({
    name: "auth0-token-lifetime-limits",
    description:
        "An API's access-token lifetime (tokenLifetime) and web-flow lifetime (tokenLifetimeForWeb) must stay within " +
        "configured maximums, and the web lifetime within the API's. Issued access tokens can't be revoked, so a " +
        "leaked token stays valid for its whole lifetime. An unset lifetime counts as Auth0's default.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["auth0", "tokens"],
    remediationSteps:
        "Lower tokenLifetime / tokenLifetimeForWeb on the auth0.ResourceServer. If an API truly needs longer tokens, raise " +
        "its limit under apiOverrides[\"<identifier>\"] in the policy config rather than the global maximum.",
    appliesTo: [AUTH0_TYPES.resourceServer],
    settings: {
        maxTokenLifetime: { ...SECONDS, description: "Longest tokenLifetime allowed, in seconds." },
        maxTokenLifetimeForWeb: { ...SECONDS, description: "Longest tokenLifetimeForWeb allowed, in seconds." },
        apiOverrides: {
            type: "object",
            description: "Per-API limits keyed by API identifier: { \"<identifier>\": { maxTokenLifetime?, maxTokenLifetimeForWeb? } }.",
            additionalProperties: {
                type: "object",
                additionalProperties: false,
                properties: { maxTokenLifetime: SECONDS, maxTokenLifetimeForWeb: SECONDS },
            },
        },
    },
    defaults: { ...DEFAULT_TOKEN_LIFETIME_LIMITS, apiOverrides: {} },
    parseSettings(merged, at) {
        const overrides: Record<string, Partial<TokenLifetimeLimits>> = {};
        for (const [identifier, limits] of Object.entries(readRecord(merged.apiOverrides, at.key("apiOverrides")))) {
            overrides[identifier] = readLimits(limits, at.key("apiOverrides").key(identifier));
        }
        return {
            maxTokenLifetime: readInteger(merged.maxTokenLifetime, at.key("maxTokenLifetime"), 1, AUTH0_MAX_TOKEN_LIFETIME_SECONDS),
            maxTokenLifetimeForWeb: readInteger(
                merged.maxTokenLifetimeForWeb,
                at.key("maxTokenLifetimeForWeb"),
                1,
                AUTH0_MAX_TOKEN_LIFETIME_SECONDS,
            ),
            apiOverrides: overrides,
        };
    },
    check(resource, config, findings) {
        const api = resourceServerFields(resource);
        const { identifier } = api;

        // The identifier picks the limits. When it is unknown, judge by the most lenient limits any
        // API could get: what fails those fails whatever applies; the rest waits for `pulumi up`.
        const candidates = isUnknown(identifier)
            ? [limitsFor("", { ...config, apiOverrides: {} }), ...Object.keys(config.apiOverrides).map((id) => limitsFor(id, config))]
            : [limitsFor(identifier ?? "", config)];
        const limits: TokenLifetimeLimits = {
            maxTokenLifetime: Math.max(...candidates.map((l) => l.maxTokenLifetime)),
            maxTokenLifetimeForWeb: Math.max(...candidates.map((l) => l.maxTokenLifetimeForWeb)),
        };
        const strictest: TokenLifetimeLimits = {
            maxTokenLifetime: Math.min(...candidates.map((l) => l.maxTokenLifetime)),
            maxTokenLifetimeForWeb: Math.min(...candidates.map((l) => l.maxTokenLifetimeForWeb)),
        };

        // For the Auth0 Management API the provider sends only tokenLifetime (terraform-provider-auth0
        // expandResourceServer skips token_lifetime_for_web for it), so its web lifetime isn't this
        // program's to set or to judge: an unset one is whatever the tenant has, not Auth0's default.
        const webManaged = !isManagementApiResourceServer(resource.props);

        // checkTokenLifetimes treats an absent value as Auth0's default, which an unknown value is
        // not. For an unknown (or unmanaged) lifetime, stand in a value that can't fail (the other
        // lifetime for the API's, 1 s for the web one) and keep only the problems of the known field.
        const apiUnknown = isUnknown(api.tokenLifetime);
        const webUnknown = isUnknown(api.tokenLifetimeForWeb) || !webManaged;
        if (apiUnknown) findings.cannotCheck(resource, "tokenLifetime", `whether it is within ${limits.maxTokenLifetime} s`);
        if (webManaged && webUnknown) findings.cannotCheck(resource, "tokenLifetimeForWeb", "whether it is within its limits");
        if (apiUnknown && webUnknown) return;
        const knownWeb = webUnknown || isUnknown(api.tokenLifetimeForWeb) ? undefined : api.tokenLifetimeForWeb;
        const knownApi = isUnknown(api.tokenLifetime) ? undefined : api.tokenLifetime;
        const tokenLifetimeForWeb = webUnknown ? 1 : knownWeb;
        const tokenLifetime = apiUnknown ? knownWeb : knownApi;
        const known = (problems: LifetimeProblem[]) =>
            problems.filter((p) => (apiUnknown ? p.field !== "tokenLifetime" : true) && (webUnknown ? p.field !== "tokenLifetimeForWeb" : true));

        const problems = known(checkTokenLifetimes({ tokenLifetime, tokenLifetimeForWeb }, limits));
        const where = isUnknown(identifier) || identifier === undefined ? "" : ` (identifier "${identifier}")`;
        for (const problem of problems) {
            const configured = Math.min(
                problem.field === "tokenLifetime" ? limits.maxTokenLifetime : limits.maxTokenLifetimeForWeb,
                AUTH0_MAX_TOKEN_LIFETIME_SECONDS,
            );
            let fix: string;
            if (problem.kind === "invalid") fix = `Set ${problem.field} to a whole number of seconds above 0.`;
            // The web lifetime is also bounded by the API's own; raising a config limit won't help there.
            else if (problem.kind === "webAboveApi") fix = `Set tokenLifetimeForWeb to at most ${problem.limit} s, the API's tokenLifetime.`;
            else {
                fix = `Set ${problem.field} to at most ${problem.limit} s.`;
                if (problem.limit === configured && configured < AUTH0_MAX_TOKEN_LIFETIME_SECONDS && typeof identifier === "string") {
                    const knob = problem.field === "tokenLifetime" ? "maxTokenLifetime" : "maxTokenLifetimeForWeb";
                    fix += ` If this API truly needs longer, raise apiOverrides[${JSON.stringify(identifier)}].${knob} in the policy config.`;
                }
            }
            findings.report(resource, `${labelOf(resource)}${where}: ${problem.message}. ${fix}`);
        }
        if (isUnknown(identifier) && candidates.length > 1) {
            const strict = known(checkTokenLifetimes({ tokenLifetime, tokenLifetimeForWeb }, strictest));
            if (strict.length > problems.length) {
                findings.cannotCheck(resource, "identifier", "which per-API lifetime limit (apiOverrides) applies");
            }
        }
    },
});
