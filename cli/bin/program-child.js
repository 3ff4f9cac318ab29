#!/usr/bin/env node
"use strict";
// Child process entry: runs one Pulumi program for `auth0-m2m plan` (see ../program/child.ts).
const { loadPlanModule, stopCompilingPlanSources } = require("./load");
const host = loadPlanModule("program/child");
stopCompilingPlanSources();
host.main();
