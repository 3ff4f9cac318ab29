import { describe, expect, it } from "vitest";
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE } from "../../cli/program/protocol";
import { collectSecretPlaintexts, redact, scrubSecrets, SECRET_TEXT, UNKNOWN_TEXT, unwrapSecrets } from "../../cli/values";

const secret = (value: unknown) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });

describe("wire values", () => {
    const properties = {
        name: "billing",
        clientId: UNKNOWN_VALUE,
        clientSecret: secret("hunter2-but-longer"),
        metadata: { contract: secret({ id: "C-7731", value: 42_000 }), plain: [1, secret("s3cr3t-list-item")] },
    };

    it("redacts secrets and unknowns at any depth", () => {
        expect(redact(properties)).toEqual({
            name: "billing",
            clientId: UNKNOWN_TEXT,
            clientSecret: SECRET_TEXT,
            metadata: { contract: SECRET_TEXT, plain: [1, SECRET_TEXT] },
        });
    });

    it("unwraps secrets (keeping unknowns) for code that needs the real inputs", () => {
        expect(unwrapSecrets(properties)).toEqual({
            name: "billing",
            clientId: UNKNOWN_VALUE,
            clientSecret: "hunter2-but-longer",
            metadata: { contract: { id: "C-7731", value: 42_000 }, plain: [1, "s3cr3t-list-item"] },
        });
    });

    it("collects every string and number inside a secret, and nothing outside one", () => {
        const found = new Set<string>();
        collectSecretPlaintexts(properties, found);
        expect([...found].sort()).toEqual(["42000", "C-7731", "hunter2-but-longer", "s3cr3t-list-item"]);
    });

    it("scrubs secrets from free text, longest first and in JSON-escaped form", () => {
        const secrets = new Set(["abc-secret", "abc-secret-and-more", 'quote"d']);
        expect(scrubSecrets('scope "abc-secret-and-more" and abc-secret, and "quote\\"d"', secrets)).toBe(
            `scope "${SECRET_TEXT}" and ${SECRET_TEXT}, and "${SECRET_TEXT}"`,
        );
        expect(scrubSecrets("nothing here", secrets)).toBe("nothing here");
    });

    it("does not scrub plaintexts too short to be told apart from ordinary text", () => {
        const found = new Set<string>();
        collectSecretPlaintexts(secret(["ab", 7]), found);
        expect(found.size).toBe(0);
    });
});
