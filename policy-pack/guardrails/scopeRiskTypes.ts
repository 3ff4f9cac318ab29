// The shapes of the Management API scope ratings, shared by the tables that rate or judge scopes
// (scopeRisksTakeover.ts, scopeRisksSensitive*.ts, scopesJudged.ts) and the module that assembles
// them (scopeRisks.ts).

/**
 * `takeover`: the holder can surely take over the tenant, or any user's account, with this scope
 * alone: one leaked secret is the whole tenant. Always mandatory, and never grantable through stack
 * config. `sensitive`: powerful, but not surely a takeover on its own: it weakens a defence (MFA,
 * mail, the login page, tenant settings) whose abuse still needs something more (a user's password,
 * a user acting on a mail, a custom domain), exposes secrets or personal data in bulk, or it is
 * needed by ordinary integrations (a user-sync job needs update:users). Its level is a setting of
 * its own (advisory by default).
 */
export type ScopeRiskTier = "takeover" | "sensitive";

export interface ScopeRisk {
    readonly tier: ScopeRiskTier;
    /** One line, quoted in violations after "which". */
    readonly reason: string;
    /** Docs page(s) the reason rests on. */
    readonly source: string;
}

/** A scope judged and left off both tiers. */
export interface ScopeJudgement {
    /** One line: why it neither takes over nor weakens a defence. */
    readonly reason: string;
    /** Docs page(s) the reason rests on. */
    readonly source: string;
}

/** A Management API docs page: https://auth0.com/docs/api/management/v2/<page>. */
export const api = (page: string) => `https://auth0.com/docs/api/management/v2/${page}`;

/** An Auth0 prose docs page: https://auth0.com/docs/<page>. */
export const docs = (page: string) => `https://auth0.com/docs/${page}`;
