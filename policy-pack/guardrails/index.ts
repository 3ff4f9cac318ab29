// The guardrails' public entry: everything the pack's rules know about Auth0, and the one door
// through which infra/ and cli/ reach it. It lives inside policy-pack/ so the pack publishes on its
// own; nothing here imports infra/ or cli/. Modules inside guardrails/ import each other directly,
// never through this file.
export * from "./auth0Types";
export * from "./configPath";
export * from "./limits";
export * from "./scopes";
export * from "./suggestions";
export * from "./managementApi";
export * from "./catalogue/catalogue";
export * from "./endpointRequirements";
export * from "./scopesForEndpoints";
export * from "./deployerScopes";
export * from "./scopeRisks";
export * from "./apiAccess";
export * from "./m2m";
export * from "./senderConstraint";
