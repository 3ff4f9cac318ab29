import { describe, expect, it } from "vitest";
import { exemptionMatches, exemptionProblems, exemptionState } from "../../../policy-pack/support/exemptions";

const reason = "Accepted by security until the migration, SEC-9";
const grant = { urn: "urn:pulumi:prod::auth0-m2m::auth0:index/clientGrant:ClientGrant::legacy.reports", name: "legacy.reports" };

describe("exemption expiry", () => {
    it.each([
        ["2026-03-31T00:00:00Z", "active"],
        ["2026-03-31T23:59:59.999Z", "active"],
        ["2026-04-01T00:00:00Z", "expired"],
    ])("an exemption expiring 2026-03-31 is %s → %s (valid through that day, UTC)", (now, kind) => {
        expect(exemptionState({ resource: "x", reason, expires: "2026-03-31" }, new Date(now)).kind).toBe(kind);
    });

    it.each(["2026-02-30", "2026-13-01", "31-03-2026", "2026-3-1", ""])("rejects %j as an expiry", (expires) => {
        expect(exemptionProblems({ resource: "x", reason, expires })).toEqual([
            `its expiry ${JSON.stringify(expires)} is not a date in the form YYYY-MM-DD`,
        ]);
    });

    it("needs a reason of at least 20 characters, not counting surrounding spaces", () => {
        expect(exemptionProblems({ resource: "x", reason: "   short reason    ", expires: "2026-01-01" })[0]).toMatch(
            /^its reason "   short reason    " is 12 characters, under the minimum of 20/,
        );
        expect(exemptionProblems({ resource: "x", reason: "x".repeat(20), expires: "2026-01-01" })).toEqual([]);
        expect(exemptionProblems({ resource: " ", reason, expires: "2026-01-01" })).toEqual(["its resource is empty; give a full URN or a logical-name glob"]);
    });
});

describe("exemption matching", () => {
    it.each([
        ["legacy.reports", true],
        ["legacy.*", true],
        ["*reports", true],
        ["*", true],
        ["legacy", false],
        ["legacy?reports", false],
        ["LEGACY.reports", false],
        [grant.urn, true],
        ["urn:pulumi:dev::auth0-m2m::auth0:index/clientGrant:ClientGrant::legacy.reports", false],
    ])("%j matches %s: %s", (resource, matches) => {
        expect(exemptionMatches({ resource, reason, expires: "2026-01-01" }, grant)).toBe(matches);
    });

    it("treats regex characters in a glob literally", () => {
        expect(exemptionMatches({ resource: "a.b", reason, expires: "2026-01-01" }, { urn: "u", name: "aXb" })).toBe(false);
    });
});
