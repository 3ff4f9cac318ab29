// The base of a diff as a JSON report written earlier by `plan --format json`: a report, or the
// error document of a plan that failed (then the base is reported as failed, not compared).
import * as fs from "node:fs";
import { usageError } from "../errors";
import { PLAN_REPORT_SCHEMA_VERSION, type PlanReport } from "../report/types";

export type ReportBase = { readonly status: "planned"; readonly report: PlanReport } | { readonly status: "failed"; readonly error: { kind: string; message: string } };

/** What `plan --format json` wrote to `file`: a report of this schema, or an error document; anything else is a usage error naming `use`. */
export function readReportDocument(file: string, use: string): ReportBase {
    let document: unknown;
    try {
        document = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw usageError(`${use} ${file} is not a JSON report: ${(error as Error).message}. Write one with 'auth0-m2m plan --format json --out FILE'.`);
    }
    const object = (document ?? {}) as Record<string, unknown>;
    if (typeof object.error === "object" && object.error !== null) {
        const error = object.error as Record<string, unknown>;
        return { status: "failed", error: { kind: String(error.kind ?? "unknown"), message: String(error.message ?? "") } };
    }
    if (object.schemaVersion !== PLAN_REPORT_SCHEMA_VERSION) {
        throw usageError(
            `${use} ${file} has schemaVersion ${JSON.stringify(object.schemaVersion)}; this version reads reports of schemaVersion ${PLAN_REPORT_SCHEMA_VERSION}. ` +
                `Write the report again with this version of auth0-m2m.`,
        );
    }
    for (const key of ["machines", "grants", "apis", "exemptions", "deployerScopes", "diagnostics"]) {
        if (!Array.isArray(object[key])) throw usageError(`${use} ${file}: '${key}' is not a list; it is not a report written by 'auth0-m2m plan --format json'.`);
    }
    return { status: "planned", report: object as unknown as PlanReport };
}

export function readReportBase(file: string, head: { project?: string; stack: string }): ReportBase {
    const read = readReportDocument(file, "--base");
    if (read.status === "planned" && read.report.stack !== head.stack.split("/").pop()) {
        throw usageError(`--base ${file} is a report of stack '${String(read.report.stack)}', not of stack '${head.stack}'. Pass the base report of the same stack.`);
    }
    return read;
}
