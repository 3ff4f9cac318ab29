import { AUTH0_TYPES, defaultGrantTypesOf, grantTypesBesidesClientCredentials, M2M_APP_TYPE, M2M_GRANT_TYPE, USER_SIGN_IN_SETTINGS } from "../guardrails";
import { asString, isUnknown } from "../support/props";
import { ReferenceIndex } from "../support/references";
import { type Auth0Resource, clientFields, labelOf, grantFields, mayBeClientCredentialsGrant, ofType } from "../support/resources";
import { NO_SETTINGS, stackRule } from "../support/rule";

/** Grant types that act for a user, with what each does, for messages. Any other non-M2M type is reported too. */
const USER_FACING_GRANT_TYPES: Readonly<Record<string, string>> = {
    authorization_code: "signs users in through a browser redirect",
    implicit: "returns tokens to a browser",
    password: "takes users' passwords directly",
    refresh_token: "keeps user sessions alive",
    "http://auth0.com/oauth/grant-type/password-realm": "takes users' passwords directly",
    "urn:ietf:params:oauth:grant-type:device_code": "signs users in on input-constrained devices",
    "http://auth0.com/oauth/grant-type/passwordless/otp": "signs users in with one-time codes",
    "http://auth0.com/oauth/grant-type/mfa-oob": "completes users' MFA challenges",
    "http://auth0.com/oauth/grant-type/mfa-otp": "completes users' MFA challenges",
    "http://auth0.com/oauth/grant-type/mfa-recovery-code": "completes users' MFA challenges",
};

interface ClientVerdict {
    /** Why it certainly isn't an M2M application, each phrased to follow "which". */
    readonly problems: string[];
    /**
     * What is amiss but not a sure problem on its own (no appType on a client-credentials-only
     * client: auth0-m2m-client-grant-types advises on it); named only beside a sure problem.
     */
    readonly unsure: string[];
    /**
     * True when the client is (or may be) user-facing: another appType, or user-facing flows. Its
     * users' flows must keep working, so the fix is to move the access, never to turn it into an
     * M2M client (adding client_credentials would only widen a user-facing application).
     */
    userFacing: boolean;
    /** True when an M2M-typed client runs on Auth0's default grant types, whose user-facing flows something may use. */
    onDefaultGrantTypes: boolean;
    readonly unknown: { resource: Auth0Resource; field: string }[];
}

/** What keeps a client from being a machine-to-machine application; `credentials` are those for this client. */
function judgeClient(client: Auth0Resource, credentials: readonly Auth0Resource[]): ClientVerdict {
    const verdict: ClientVerdict = { problems: [], unsure: [], userFacing: false, onDefaultGrantTypes: false, unknown: [] };
    const fields = clientFields(client);

    if (isUnknown(fields.appType)) verdict.unknown.push({ resource: client, field: "appType" });
    else if (fields.appType === undefined) verdict.unsure.push(`has no appType (an M2M application's is "${M2M_APP_TYPE}")`);
    else if (fields.appType === "nonInteractive") {
        verdict.problems.push(`has appType "nonInteractive", which the Auth0 provider rejects (the M2M value is "${M2M_APP_TYPE}")`);
    } else if (fields.appType !== M2M_APP_TYPE) {
        verdict.problems.push(`is a "${fields.appType}" application, not a machine-to-machine one (appType "${M2M_APP_TYPE}")`);
        verdict.userFacing = true;
    }

    if (isUnknown(fields.grantTypes)) verdict.unknown.push({ resource: client, field: "grantTypes" });
    else if (fields.grantTypes === undefined) {
        const defaults = defaultGrantTypesOf(typeof fields.appType === "string" ? fields.appType : undefined);
        const onDefaults = `leaves grantTypes unset, so Auth0 enables its defaults${defaults ? ` (${defaults.join(", ")})` : ""}`;
        if (fields.appType !== undefined && fields.appType !== M2M_APP_TYPE) {
            // Another app type: its users sign in through it, whatever its defaults are.
            verdict.problems.push(onDefaults);
            verdict.userFacing = true;
        } else {
            // An M2M or untyped client: the default user flows are a sure problem only where users can
            // sign in through it, i.e. it has somewhere to send their tokens (USER_SIGN_IN_SETTINGS).
            const signIn = signInSettingsOf(client);
            verdict.unknown.push(...signIn.unknown.map((field) => ({ resource: client, field })));
            if (signIn.set.length > 0) {
                verdict.problems.push(`${onDefaults}, and sets ${signIn.set.join(", ")}, so users can sign in through it`);
                // An M2M client's fix makes it client-credentials-only, once any flow that signs users in
                // through its defaults has an application of its own. An untyped one may be a user-facing
                // application, and making it M2M would break its users, so the fix moves the access.
                if (fields.appType === M2M_APP_TYPE) verdict.onDefaultGrantTypes = true;
                else verdict.userFacing = true;
            } else if (signIn.unknown.length === 0) {
                // auth0-m2m-client-grant-types advises on it.
                verdict.unsure.push(`${onDefaults}, though with no ${USER_SIGN_IN_SETTINGS.join(", ")} set no user can sign in through them`);
            }
        }
    }
    else {
        const known = fields.grantTypes.filter((g): g is string => typeof g === "string");
        fields.grantTypes.forEach((g, i) => isUnknown(g) && verdict.unknown.push({ resource: client, field: `grantTypes[${i}]` }));
        if (!known.includes(M2M_GRANT_TYPE) && known.length === fields.grantTypes.length) {
            verdict.problems.push(`has grantTypes ${JSON.stringify(known)} without "${M2M_GRANT_TYPE}", so it can't use the grant`);
        }
        for (const grantType of grantTypesBesidesClientCredentials(known)) {
            const what = USER_FACING_GRANT_TYPES[grantType];
            verdict.problems.push(`allows "${grantType}"${what ? `, a user-facing flow that ${what}` : ", which is not a machine-to-machine flow"}`);
            verdict.userFacing = true;
        }
    }

    // A public client (no client authentication) can't keep a secret, so it can't be an M2M client.
    // @pulumi/auth0 1.x/2.x set the method on the Client (tokenEndpointAuthMethod, pulumi/pulumi-auth0
    // v2.24.3 f05c9993 sdk/nodejs/client.ts); 3.0.0 (9837e333) moved it to ClientCredentials.
    const methods = [
        ...credentials.map((credential) => ({ resource: credential, field: "authenticationMethod" })),
        { resource: client, field: "tokenEndpointAuthMethod" },
    ];
    for (const { resource, field } of methods) {
        const method = asString(resource.props[field]);
        if (isUnknown(method)) verdict.unknown.push({ resource, field });
        else if (method === "none") {
            verdict.problems.push(`is a public client that can't authenticate (${labelOf(resource)} sets ${field} "none")`);
            verdict.userFacing = true;
        }
    }
    return verdict;
}

/** Which of the client's user sign-in settings are set (a non-empty value), and which preview hides. */
function signInSettingsOf(client: Auth0Resource): { set: string[]; unknown: string[] } {
    const result = { set: [] as string[], unknown: [] as string[] };
    for (const field of USER_SIGN_IN_SETTINGS) {
        const value = client.props[field];
        if (isUnknown(value)) result.unknown.push(field);
        else if (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== "") result.set.push(field);
    }
    return result;
}

/**
 * The fix for a grant on a client that isn't M2M: move the access when users depend on the client. Real programs
 * give an SPA a grant meaning to let it call the API for its users; user flows never use a client-credentials grant
 * (https://auth0.com/docs/get-started/apis/api-access-policies-for-applications: user access "does not include the
 * Client Credentials Flow"; under allow_all "no specific grant is required").
 */
function fixFor(client: Auth0Resource, verdict: ClientVerdict): string {
    if (verdict.userFacing) {
        return (
            `Delete this grant, or move the access to a dedicated M2M application (appType "${M2M_APP_TYPE}", grantTypes ` +
            `["${M2M_GRANT_TYPE}"], authenticated by secret or private_key_jwt) and grant that instead; leave ${labelOf(client)}'s ` +
            `own flows as they are. If ${labelOf(client)} is meant to call this API for its signed-in users, it needs no ` +
            `client-credentials grant: user tokens follow the API's subjectTypeAuthorization.user policy (under ` +
            `"require_client_grant", a grant with subjectType "user")`
        );
    }
    const fix = `Make ${labelOf(client)} an M2M application: appType "${M2M_APP_TYPE}" and grantTypes ["${M2M_GRANT_TYPE}"]`;
    return verdict.onDefaultGrantTypes ? `${fix}; if anything signs users in through it, give that flow an application of its own first` : fix;
}

export const grantClientIsM2m = stackRule({
    name: "auth0-grant-client-is-m2m",
    description:
        "A client-credentials grant (subjectType unset or \"client\") must belong to a machine-to-machine application: " +
        "appType \"non_interactive\", grantTypes including \"client_credentials\" and nothing user-facing, and client " +
        "authentication (not \"none\"), when that Client is in the same stack. API access given to an application that " +
        "also signs users in, or runs in a browser or on a device, is exposed wherever that application's credentials are. " +
        "A client with grantTypes [\"client_credentials\"] and no appType is not flagged here: nothing user-facing is " +
        "sure, and auth0-m2m-client-grant-types advises setting appType. Nor is an M2M or untyped client on Auth0's default " +
        "grant types that has no callbacks, web origins, allowed origins or initiate-login URI: no user can sign in through it.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["auth0", "m2m", "grants"],
    remediationSteps:
        "Delete the grant, or move the access to a dedicated auth0.Client with appType \"non_interactive\" and grantTypes " +
        "[\"client_credentials\"], authenticated with a secret or private_key_jwt. Never add client_credentials to an " +
        "application that signs users in.",
    appliesTo: [AUTH0_TYPES.clientGrant],
    ...NO_SETTINGS,
    check(resources, _config, findings) {
        const clientIndex = new ReferenceIndex(ofType(resources, AUTH0_TYPES.client), (c) => clientFields(c).ids);
        // Each credential resolved once, not once per grant: the credentials of each client, in stack order.
        const credentialsByClient = new Map<Auth0Resource, Auth0Resource[]>();
        for (const credential of ofType(resources, AUTH0_TYPES.clientCredentials)) {
            const ref = clientIndex.find(credential, "clientId", asString(credential.props.clientId), { unknownKeysMayMatch: false });
            for (const client of new Set(ref.matches)) {
                const list = credentialsByClient.get(client);
                if (list) list.push(credential);
                else credentialsByClient.set(client, [credential]);
            }
        }
        // A client with several grants is judged once.
        const verdicts = new Map<Auth0Resource, ClientVerdict>();
        const verdictFor = (client: Auth0Resource): ClientVerdict => {
            let verdict = verdicts.get(client);
            if (!verdict) {
                verdict = judgeClient(client, credentialsByClient.get(client) ?? []);
                verdicts.set(client, verdict);
            }
            return verdict;
        };
        for (const grant of ofType(resources, AUTH0_TYPES.clientGrant)) {
            const fields = grantFields(grant);
            // A defaultFor grant (no clientId) is auth0-no-default-for-grants's to judge.
            if (!mayBeClientCredentialsGrant(fields)) continue;

            const ref = clientIndex.find(grant, "clientId", fields.clientId, { unknownKeysMayMatch: false });
            if (ref.undetermined) {
                findings.cannotCheck(grant, "clientId", "which Client in this stack the grant is for, and so whether it is an M2M application");
                continue;
            }
            const client = ref.matches[0];
            // The client is not in this stack: nothing to judge it by.
            if (!client) continue;

            const verdict = verdictFor(client);
            if (isUnknown(fields.subjectType) && verdict.problems.length > 0) {
                findings.cannotCheck(grant, "subjectType", `whether it is a client-credentials grant, which ${labelOf(client)} could not hold`);
                continue;
            }
            for (const { resource, field } of verdict.unknown) {
                findings.cannotCheck(resource, field, `whether ${labelOf(client)}, which ${labelOf(grant)} is for, is an M2M application`);
            }
            // One finding per grant, whatever the number of problems: each grant is one thing to fix.
            if (verdict.problems.length > 0) {
                findings.report(
                    grant,
                    `${labelOf(grant)} gives client-credentials access to ${labelOf(client)}, which ${[...verdict.problems, ...verdict.unsure].join("; ")}. ` +
                        `${fixFor(client, verdict)}.`,
                );
            }
        }
    },
});
