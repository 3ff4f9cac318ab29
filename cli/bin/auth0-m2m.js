#!/usr/bin/env node
"use strict";
// The `auth0-m2m` command (see ../README.md).
require("./load")
    .loadPlanModule("cli")
    .main(process.argv.slice(2))
    .then((code) => process.exit(code));
