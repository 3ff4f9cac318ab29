// URNs the way the Pulumi engine builds them. The SDK's mock monitor drops the parent's type
// chain, so a plan that trusted it would name nested resources differently from `pulumi preview`
// and the policy pack's diagnostics (and any exemption keyed by URN) would not line up.

/** The root resource every program runs inside; it is never part of a child's qualified type. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface UrnParts {
    readonly stack: string;
    readonly project: string;
    /** The parent chain's types joined by `$`, ending with the resource's own type. */
    readonly qualifiedType: string;
    readonly name: string;
}

/** Splits a URN into its parts; throws on anything that isn't `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function parseUrn(urn: string): UrnParts {
    const prefix = "urn:pulumi:";
    if (!urn.startsWith(prefix)) throw new Error(`"${urn}" is not a Pulumi URN (it must start with "${prefix}")`);
    const parts = urn.slice(prefix.length).split("::");
    if (parts.length < 4) throw new Error(`"${urn}" is not a Pulumi URN (expected stack::project::type::name)`);
    const [stack, project, qualifiedType, ...nameParts] = parts;
    // A resource name may itself contain "::"; everything after the type is the name.
    return { stack, project, qualifiedType, name: nameParts.join("::") };
}

/** The resource's own type: the last link of the qualified type. */
export function urnType(urn: string): string {
    const { qualifiedType } = parseUrn(urn);
    return qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
}

export function urnName(urn: string): string {
    return parseUrn(urn).name;
}

/**
 * The engine's URN for a resource of `type` named `name` under `parentUrn`: the parent's qualified
 * type, then `$`, then the type, except that a parent which is the root Stack adds nothing.
 */
export function engineUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
    let qualifiedType = type;
    if (parentUrn) {
        const parent = parseUrn(parentUrn);
        const parentType = parent.qualifiedType.slice(parent.qualifiedType.lastIndexOf("$") + 1);
        if (parentType !== ROOT_STACK_TYPE) qualifiedType = `${parent.qualifiedType}$${type}`;
    }
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}
