// Setup file of the "unit-shared" vitest project, whose files share one process and so one copy of
// every node_module. Pulumi's runtime keeps its mocks and settings in module (and global) state, so
// a file that installs mocks there would hand them to every file after it. This fails that file,
// saying where it belongs, instead of letting a later file pass or fail by the order they ran in.
import { createRequire } from "node:module";
import * as path from "node:path";
import { afterAll } from "vitest";

const requireHere = createRequire(__filename);

/** Whether Pulumi's runtime has a monitor (mocks) installed; false if no file loaded the SDK. */
function pulumiMonitorInstalled(): boolean {
    const settingsPath = requireHere.resolve("@pulumi/pulumi/runtime/settings");
    if (!(settingsPath in requireHere.cache)) return false;
    return (requireHere(settingsPath) as { hasMonitor(): boolean }).hasMonitor();
}

// Read when this setup file runs, before the test file is imported (a file may call setMocks at load).
const installedBefore = pulumiMonitorInstalled();

// vitest wants a destructuring pattern for the (unused) test context.
afterAll(({}, suite) => {
    // A monitor already there came from an earlier file, which has failed for it.
    if (installedBefore || !pulumiMonitorInstalled()) return;
    throw new Error(
        `${path.relative(process.cwd(), suite.file.filepath)} installed a Pulumi monitor (setMocks), which the next file in this shared process would inherit. ` +
            "Add the file to RUNTIME_TESTS in test/vitest.config.mts, which gives each such file its own process.",
    );
});
