// What the bench reads from a plan it ran: the --verbose Timings line and the JSON report, and
// whether the component and raw programs' reports declare the same access.
import type { PlanTimings } from "./types";

const TIMINGS =
    /Timings: program done after ([\d.]+) s, policy pack ready after (?:([\d.]+) s|\?), Analyze ([\d.]+) s for (\d+) resources, AnalyzeStack ([\d.]+) s, report ([\d.]+) s/;

/** Reads the Timings line `auth0-m2m plan --verbose` prints (cli/plan.ts describeTimings). */
export function parseTimings(stderr: string): PlanTimings {
    const match = TIMINGS.exec(stderr);
    if (!match) throw new Error(`the plan printed no Timings line with --verbose; its stderr was:\n${stderr}`);
    return {
        programDone: Number(match[1]),
        ...(match[2] === undefined ? {} : { packReady: Number(match[2]) }),
        analyze: Number(match[3]),
        analyzed: Number(match[4]),
        analyzeStack: Number(match[5]),
        report: Number(match[6]),
    };
}

/** What the bench reads from a plan's JSON report (cli/report/report.ts PlanReport). */
export interface ReportView {
    verdict: string;
    summary: { resources: number; resourcesByType: Record<string, number>; mandatory: number; advisory: number };
    machines: { machine: string; authenticationMethod: unknown; tokenQuota: unknown; grants: number }[];
    apis: { identifier: string; tokenLifetime: unknown; tokenLifetimeForWeb: unknown; scopes: unknown; adopted: boolean; retained: boolean }[];
    grants: { machine: string; audience: string; scopes: unknown; allowAllScopes: unknown }[];
    diagnostics: { policy: string; message: string }[];
}

/**
 * The two programs must declare the same access, or the comparison means nothing: same resource
 * counts by type, machines, APIs and grants (by machine name, audience and scopes).
 */
export function compareReports(component: ReportView, raw: ReportView): string[] {
    const problems: string[] = [];
    const same = (what: string, a: unknown, b: unknown) => {
        if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what} differ: components ${JSON.stringify(a).slice(0, 300)} vs raw ${JSON.stringify(b).slice(0, 300)}`);
    };
    const sorted = (lines: string[]) => [...lines].sort();
    same("resource counts by type", component.summary.resourcesByType, raw.summary.resourcesByType);
    const machines = (r: ReportView) => sorted(r.machines.map((m) => JSON.stringify([m.machine, m.authenticationMethod, m.tokenQuota, m.grants])));
    same("machines", machines(component), machines(raw));
    const apis = (r: ReportView) =>
        sorted(r.apis.map((a) => JSON.stringify([a.identifier, a.tokenLifetime, a.tokenLifetimeForWeb, a.scopes, a.adopted, a.retained])));
    same("APIs", apis(component), apis(raw));
    const grants = (r: ReportView) => sorted(r.grants.map((g) => JSON.stringify([g.machine, g.audience, g.scopes, g.allowAllScopes])));
    same("grants", grants(component), grants(raw));
    return problems;
}
