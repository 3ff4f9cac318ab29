// What the diff-raw fixture pair (test/fixtures/plan/diff-raw: Pulumi.base.yaml + exemptions.base.json
// against Pulumi.head.yaml + exemptions.head.json) must show, in JSON and rendered. Shared by the test
// that plans the pair once through the CLI (diff.process.test.ts); kept apart so that file stays short.
import { expect } from "vitest";
import type { StackDiff } from "../../../cli/diff/types";
import type { PlanReport } from "../../../cli/report/types";

export type HeadWithDiff = PlanReport & { readonly diff: StackDiff };

/** Every change of the pair, each list whole: a difference the plan of either side added by itself would show here. */
export function expectDiffRawChanges(head: HeadWithDiff): void {
    const { changes, risk, unchanged, newMandatory } = head.diff;
    expect([risk, unchanged, newMandatory]).toEqual(["escalation", false, 1]);
    const c = changes!;
    expect(c.machines.added.map((a) => [a.entry.machine, a.risk])).toEqual([["Billing sync", "widening"]]);
    expect(c.machines.removed.map((m) => m.machine)).toEqual(["Legacy export"]);
    expect(c.machines.changed.flatMap((m) => m.fields.map((f) => [f.field, f.risk]))).toEqual([
        ["authenticationMethod", "narrowing"],
        ["tokenQuota", "widening"],
    ]);
    expect(c.grants.added.map((g) => [g.entry.machine, g.entry.api, g.risk])).toEqual([["Billing sync", "ledger", "widening"]]);
    expect(c.grants.removed.map((g) => [g.machine, g.api])).toEqual([["Legacy export", "ledger"]]);
    expect(c.grants.changed.map((g) => [g.after.machine, g.after.api])).toEqual([
        ["Reporting job", "Auth0 Management API (acme-dev.eu.auth0.com)"],
        ["Reporting job", "orders"],
    ]);
    const management = c.grants.changed.find((g) => g.after.managementApi)!;
    expect([management.risk, management.scopesAdded]).toEqual([
        "escalation",
        [
            { scope: "create:custom_signing_keys", risk: "escalation" },
            { scope: "update:users", risk: "sensitive" },
        ],
    ]);
    expect(c.grants.changed.find((g) => g.after.api === "orders")!.scopesAdded).toEqual([{ scope: "write:orders", risk: "widening" }]);
    expect(c.apis.added).toEqual([]);
    expect(c.apis.removed).toEqual([]);
    expect(c.apis.changed.flatMap((a) => a.fields.map((f) => [a.after.label, f.field, f.before, f.after, f.risk]))).toEqual([
        ["ledger", "tokenLifetime", "7,200 s (2 h)", "3,600 s (1 h)", "narrowing"],
        ["orders", "tokenLifetime", "3,600 s (1 h)", "86,400 s (1 d)", "widening"],
        ["orders", "accessPolicy.user", "denyAll", "allowAll", "widening"],
    ]);
    expect(c.exemptions.added.map((e) => [e.entry.resource, e.risk])).toEqual([["billing-*", "widening"]]);
    expect(c.exemptions.removed.map((e) => e.resource)).toEqual(["legacy-*"]);
    expect(c.exemptions.changed.flatMap((e) => e.fields.map((f) => [e.after.resource, f.field, f.risk]))).toEqual([
        ["reporting-*", "expires", "widening"],
        ["reporting-*", "reason", "neutral"],
    ]);
    expect(c.exemptions.expiringSoon.map((e) => e.resource)).toEqual(["billing-*"]);
    // The policy config's exemption scopes and scope lists reach the report, which the diff compares and marks by.
    expect(head.exemptions.map((e) => [e.resource, e.scopes])).toEqual([["reporting-*", ["create:custom_signing_keys"]], ["billing-*", ["read:*"]]]);
    expect([head.scopeRisks.escalationLevel, head.scopeRisks.sensitiveLevel, head.scopeRisks.sensitive]).toEqual(["mandatory", "advisory", expect.arrayContaining(["update:users"])]);
    expect(c.deployerScopes.added.map((s) => s.scope)).toEqual(["create:client_credentials", "delete:client_credentials", "update:client_credentials"]);
    expect(c.deployerScopes.removed).toEqual([]);
    expect(c.findings.new.filter((f) => f.level === "mandatory").map((f) => f.policy)).toEqual(["auth0-no-wildcard-scopes"]);
    expect(c.findings.resolved.length).toBeGreaterThan(0);
}

/** Each kind of change as its line in the text and in the Markdown rendering. */
export const RENDERED_CHANGES: [string, RegExp][] = [
    ["an added machine", /WIDENS\W+\+? ?Billing sync \[billing\]/],
    ["a removed machine", /narrows\W+-? ?Legacy export \[legacy\]/],
    ["the authentication method", /Reporting job: authenticationMethod: client_secret_post -> private_key_jwt/],
    ["the token quota", /WIDENS\W+Reporting job: tokenQuota: 10\/hour, 100\/day, enforced -> no client quota/],
    ["an added grant", /WIDENS\W+\+? ?Billing sync -> ledger/],
    ["a removed grant", /narrows\W+-? ?Legacy export -> ledger: read:ledger/],
    ["an escalating grant", /ESCALATION\W+Reporting job -> Auth0 Management API/],
    ["an escalation-list scope", /ESCALATION\W+\+ create:custom_signing_keys/],
    ["a sensitive-list scope", /SENSITIVE\W+\+ update:users/],
    ["a longer lifetime", /WIDENS\W+orders: tokenLifetime: 3,600 s \(1 h\) -> 86,400 s \(1 d\) \(longer\)/],
    ["a shorter lifetime", /narrows\W+ledger: tokenLifetime: 7,200 s \(2 h\) -> 3,600 s \(1 h\) \(shorter\)/],
    ["the access policy", /WIDENS\W+orders: accessPolicy.user: denyAll -> allowAll/],
    ["a new exemption", /WIDENS\W+\+? ?auth0-no-wildcard-scopes exempts billing-\* for read:\* until 2000-01-01/],
    ["a removed exemption", /narrows\W+-? ?auth0-management-api-no-escalation no longer exempts legacy-\*/],
    ["an extended exemption", /WIDENS\W+auth0-management-api-no-escalation \/ reporting-\*: expires: 2030-01-31 -> 2030-06-30/],
    ["an expiring exemption", /! auth0-no-wildcard-scopes \/ billing-\* expires 2000-01-01/],
    ["the deployer's scopes", /ESCALATION\W+\+ create:client_credentials|\+ \[ESCALATION\] create:client_credentials/],
    // billing-*'s exemption has expired, which the exemption audit reports as mandatory.
    ["a new mandatory finding", /WIDENS\W+\+? ?NEW mandatory auth0-no-wildcard-scopes \(the stack\)/],
    // The base's legacy-* exemption accepted nothing, which the audit reported; head removes it.
    ["a resolved finding", /narrows\W+-? ?resolved mandatory auth0-management-api-no-escalation \(the stack\)/],
];
