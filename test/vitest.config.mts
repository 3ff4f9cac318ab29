import { defineConfig } from "vitest/config";

/**
 * Tests that start processes (the CLI, run-policy-pack, node, npm pack/install) or run the bench's
 * smoke run are named `*.process.test.ts`, wherever they sit in the mirrored tree: that name alone
 * puts a test file in the "process" project, so a new one needs no entry here. They are their own
 * project, so unit tests don't wait behind them and a slow machine shows which kind is slow;
 * `npm test` runs both. None of them asserts on timing or sampling.
 */
const PROCESS_TESTS = "test/**/*.process.test.ts";

export default defineConfig({
    test: {
        root: new URL("..", import.meta.url).pathname,
        // Pulumi's runtime keeps module-level state (mocks, settings); give each file its own.
        isolate: true,
        pool: "forks",
        testTimeout: 20_000,
        hookTimeout: 30_000,
        projects: [
            { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [PROCESS_TESTS] } },
            { extends: true, test: { name: "process", include: [PROCESS_TESTS] } },
        ],
    },
});
