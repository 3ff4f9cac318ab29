// Judges mapped live resources with the policy pack exactly as `plan` does: the same pack process,
// the same Analyzer session (Analyze per resource, then AnalyzeStack), the same policy config.
import type { PolicyDiagnostic, PolicyPackInfo, PolicyPackSession } from "../analyzer";
import type { PackageInfo } from "../packageInfo";
import { checkedPolicyPackDir, ownPackWorkingDir, policyCallTimeoutMs } from "../planSetup";
import { PolicyCheck } from "../analyzer/policyCheck";
import type { CapturedResource } from "../program/protocol";
import { AUDIT_PROJECT, AUDIT_STACK } from "./liveResources";

export interface JudgeOptions {
    readonly policyPackDir?: string;
    readonly policyConfigFile?: string;
    readonly note?: (message: string) => void;
}

/** A started, configured pack; `judge` may be called once. Always `close` it. */
export interface Judge {
    readonly info: PolicyPackInfo;
    judge(resources: readonly CapturedResource[]): Promise<PolicyDiagnostic[]>;
    close(): Promise<void>;
}

/** Reads the policy config first (bad config fails before anything starts), then starts the pack. */
export async function startJudge(options: JudgeOptions, pkg: PackageInfo): Promise<Judge> {
    const packDir = checkedPolicyPackDir(options.policyPackDir, pkg.root);
    const analyzer = require("../analyzer") as typeof import("../analyzer");
    const policyConfig = options.policyConfigFile ? await analyzer.readPolicyConfigFile(options.policyConfigFile) : undefined;
    const workingDir = options.policyPackDir === undefined ? ownPackWorkingDir(packDir, pkg.root, options.note) : undefined;
    const session: PolicyPackSession = await analyzer.startPolicyPack(packDir, {
        // A live tenant is judged as an update would be: dryRun false, nothing unknown.
        stack: { stack: AUDIT_STACK, project: AUDIT_PROJECT, organization: "", dryRun: false },
        workingDir,
        callTimeoutMs: policyCallTimeoutMs(process.env),
    });
    try {
        await session.configure(policyConfig, options.policyConfigFile);
    } catch (error) {
        await session.close();
        throw error;
    }
    return {
        info: session.info,
        async judge(resources) {
            const check = new PolicyCheck();
            check.attach(Promise.resolve(session));
            check.push(resources);
            return check.finish();
        },
        close: () => session.close(),
    };
}
