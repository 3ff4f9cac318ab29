// The guardrails: one source of truth for the rules that both the stack-config schema (infra/)
// and the policy pack enforce. It lives inside policy-pack/ so the pack publishes on its own;
// infra/ imports it from here, never the other way round.
export * from "./limits";
export * from "./scopes";
export * from "./managementApi";
export * from "./catalogue/catalogue";
export * from "./scopeRisks";
