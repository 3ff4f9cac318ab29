import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        root: new URL("..", import.meta.url).pathname,
        include: ["test/**/*.test.ts"],
        // Pulumi's runtime keeps module-level state (mocks, settings); give each file its own.
        isolate: true,
        pool: "forks",
        testTimeout: 20_000,
        hookTimeout: 30_000,
    },
});
