import { defineConfig } from "vitest/config";

/**
 * Four projects, all run by `npm test` (`--project 'unit*'` runs the first two):
 *
 * - "process": tests that start processes (the CLI, run-policy-pack, node, npm) or run the bench's
 *   smoke run are named `*.process.test.ts`, wherever they sit in the mirrored tree; that name alone
 *   puts a file here. None of them asserts on timing or sampling. They share one process, as the
 *   unit tests do (a fresh one per file cost about a second of CPU each), except those that replace
 *   a module with vi.mock, which a shared process does not honour ("process-isolated").
 * - "unit-isolated": tests that drive Pulumi's runtime, which keeps module-level state (mocks,
 *   settings, the root stack resource): each file gets a fresh process.
 * - "unit-shared": everything else, in one process (isolate: false), so node_modules such as
 *   @pulumi/pulumi, @pulumi/policy and typescript load once rather than once per file. Test files and
 *   our own sources are still evaluated afresh for each file; only externals are shared. A file here
 *   that installs Pulumi mocks fails (test/support/sharedWorkerGuard.ts) and belongs in RUNTIME_TESTS.
 */
const PROCESS_TESTS = "test/**/*.process.test.ts";
const RUNTIME_TESTS = [
    "test/infra/components/**/*.test.ts",
    "test/infra/program.test.ts",
    "test/infra/config/deferredChecks.test.ts",
    "test/infra/config/tenantConfig.property.test.ts",
    "test/cli/program/lazyOutputs.test.ts",
];
/** Process tests that replace a module with vi.mock, which a shared process does not honour. */
const MOCKING_PROCESS_TESTS = ["test/policy-pack/engine.process.test.ts"];

export default defineConfig({
    test: {
        root: new URL("..", import.meta.url).pathname,
        pool: "forks",
        testTimeout: 20_000,
        hookTimeout: 30_000,
        projects: [
            {
                extends: true,
                test: {
                    name: "unit-shared",
                    include: ["test/**/*.test.ts"],
                    exclude: [PROCESS_TESTS, ...RUNTIME_TESTS],
                    isolate: false,
                    setupFiles: ["test/support/sharedWorkerGuard.ts"],
                },
            },
            { extends: true, test: { name: "unit-isolated", include: RUNTIME_TESTS, exclude: [PROCESS_TESTS], isolate: true } },
            { extends: true, test: { name: "process", include: [PROCESS_TESTS], exclude: MOCKING_PROCESS_TESTS, isolate: false } },
            { extends: true, test: { name: "process-isolated", include: MOCKING_PROCESS_TESTS, isolate: true } },
        ],
    },
});
