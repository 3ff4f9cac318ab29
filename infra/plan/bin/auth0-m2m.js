#!/usr/bin/env node
"use strict";
// The `auth0-m2m` command (see ../README.md). Exit codes are a contract (0 clean, 1 a mandatory
// finding, 2 an error): until the command settles one, the code is 2, and anything thrown outside
// its own error handling ends it with 2 too, never with Node's default 1 (which reads as "FAIL")
// or 0 (an event loop that emptied early).
process.exitCode = 2;
function crash(error) {
    process.exitCode = 2;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: auth0-m2m failed unexpectedly: ${message}\n`);
    if (process.argv.includes("--verbose") && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(2);
}
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

require("./load")
    .loadPlanModule("cli")
    .main(process.argv.slice(2))
    .then((code) => process.exit(code), crash);
