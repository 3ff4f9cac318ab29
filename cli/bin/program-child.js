#!/usr/bin/env node
"use strict";
// Child process entry: runs one Pulumi program for `auth0-m2m plan` (see ../program/child.ts).
// First: if the plan goes away, even by SIGKILL, this process and what the program started go too.
require("./process-guard");
const { loadPlanModule, stopCompilingPlanSources } = require("./load");
const host = loadPlanModule("program/child");
stopCompilingPlanSources();
host.main();
