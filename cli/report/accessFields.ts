// The access settings the report shows for each API, client and grant, read from the program's
// inputs with secrets and unknowns kept as markers. Field names follow @pulumi/auth0 3.49.
import { defaultGrantTypesOf, M2M_GRANT_TYPE } from "../../policy-pack/guardrails";
import { isWireSecret, isWireUnknown, redact, SECRET_TEXT, UNKNOWN_TEXT, type Shown } from "../values";
import type { PlanApi, PlanGrant, PlanMachine } from "./types";

type Props = Readonly<Record<string, unknown>>;

/** `value` at `path` inside the inputs, redacted: a leaf as shown, a marker for a secret or unknown parent, else null. Only the path is walked. */
function at(props: Props, path: readonly string[]): unknown {
    let value: unknown = props;
    for (const key of path) {
        if (isWireSecret(value)) return SECRET_TEXT;
        if (isWireUnknown(value)) return UNKNOWN_TEXT;
        if (value === null || typeof value !== "object") return null;
        value = (value as Record<string, unknown>)[key];
    }
    return value === undefined ? null : redact(value);
}

const text = (value: unknown): Shown<string> | null => (typeof value === "string" ? value : null);
const flag = (value: unknown): Shown<boolean> | null =>
    typeof value === "boolean" || value === SECRET_TEXT || value === UNKNOWN_TEXT ? (value as Shown<boolean>) : null;

/** An API's RBAC and token binding (types.ts PlanApi; its accessPolicy is read in accessModel.ts). */
export function apiAccessOf(props: Props): Pick<PlanApi, "enforcePolicies" | "proofOfPossession"> {
    const proofOfPossession =
        at(props, ["proofOfPossession"]) === null
            ? null
            : { mechanism: text(at(props, ["proofOfPossession", "mechanism"])), required: flag(at(props, ["proofOfPossession", "required"])) };
    return { enforcePolicies: flag(at(props, ["enforcePolicies"])), proofOfPossession };
}

/** A client's grant types, and whether it can use client credentials (types.ts PlanMachine). */
export function clientKindOf(props: Props): Pick<PlanMachine, "grantTypes" | "clientCredentials"> {
    const grantTypes = redact(props.grantTypes);
    if (grantTypes === SECRET_TEXT || grantTypes === UNKNOWN_TEXT) return { grantTypes: grantTypes as Shown<never>, clientCredentials: true };
    if (!Array.isArray(grantTypes)) {
        // Unset: Auth0's defaults, which include client credentials where they are known (guardrails/m2m.ts).
        const appType = redact(props.appType);
        if (appType === UNKNOWN_TEXT || appType === SECRET_TEXT) return { grantTypes: null, clientCredentials: true };
        const defaults = defaultGrantTypesOf(typeof appType === "string" ? appType : undefined);
        return { grantTypes: null, clientCredentials: defaults?.includes(M2M_GRANT_TYPE) ?? false };
    }
    const list = grantTypes as Shown<string>[];
    return { grantTypes: list, clientCredentials: list.some((g) => g === M2M_GRANT_TYPE || g === UNKNOWN_TEXT || g === SECRET_TEXT) };
}

/** A grant's subject type and organization settings (types.ts PlanGrant). */
export function grantOrganizationsOf(props: Props): Pick<PlanGrant, "subjectType" | "organizationUsage" | "allowAnyOrganization"> {
    return {
        subjectType: text(at(props, ["subjectType"])),
        organizationUsage: text(at(props, ["organizationUsage"])),
        allowAnyOrganization: at(props, ["allowAnyOrganization"]) === true,
    };
}
