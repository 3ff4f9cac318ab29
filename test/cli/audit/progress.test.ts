// A large tenant's read shows in a CI log once per LARGE_TENANT_STEP objects of each kind; a
// terminal or --verbose shows every page.
import { afterEach, describe, expect, it, vi } from "vitest";
import { LARGE_TENANT_STEP, ReadProgress } from "../../../cli/audit/progress";

afterEach(() => vi.restoreAllMocks());

function linesOf(everyLine: boolean, pages: readonly { label: string; count: number; page: number }[]): string[] {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (written.push(String(chunk)), true));
    const progress = new ReadProgress(everyLine);
    for (const page of pages) progress.page(page);
    return written.map((line) => line.replace(/^\[\d+\.\ds\] /, "").trimEnd());
}

const pagesOf = (label: string, total: number, size: number) =>
    Array.from({ length: Math.ceil(total / size) }, (_, i) => ({ label, count: Math.min((i + 1) * size, total), page: i + 1 }));

describe("ReadProgress", () => {
    it("logs each kind once per step of objects, not every page", () => {
        const pages = [...pagesOf("clients", 2 * LARGE_TENANT_STEP + 50, 100), ...pagesOf("client grants", LARGE_TENANT_STEP, 500)];
        expect(linesOf(false, pages)).toEqual([
            `Read ${LARGE_TENANT_STEP} clients (page 10)`,
            `Read ${2 * LARGE_TENANT_STEP} clients (page 20)`,
            `Read ${LARGE_TENANT_STEP} client grants (page 2)`,
        ]);
    });

    it("shows every page on a terminal or with --verbose", () => {
        expect(linesOf(true, pagesOf("clients", 250, 100))).toEqual(["Read 100 clients (page 1)", "Read 200 clients (page 2)", "Read 250 clients (page 3)"]);
    });
});
