// The engine side of Pulumi's Analyzer protocol: run a CrossGuard policy pack exactly as
// `pulumi preview --policy-pack <dir>` would, without the Pulumi CLI.
export { readPolicyConfigFile, reconcilePolicyConfig, type ReconciledPolicyConfig } from "./config";
export { encodeProperties, resourceReference, secretValue, UNKNOWN_VALUE } from "./encoding";
export { livePolicyPackProcesses } from "./process";
export { type PolicyPackSession, startPolicyPack, type StackContext, type StartPolicyPackOptions } from "./session";
export * from "./types";
