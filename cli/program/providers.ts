// Provider resources as the engine names and references them: `pulumi:providers:<package>` types,
// `<urn>::<id>` references, and which providers are the engine's defaults. Read by the default
// providers the plan registers, the policy check that sends each resource's provider, and the report.

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** The type token of `packageName`'s provider resources. */
export function providerTypeOf(packageName: string): string {
    return `${PROVIDER_TYPE_PREFIX}${packageName}`;
}

export function isProviderType(type: string): boolean {
    return type.startsWith(PROVIDER_TYPE_PREFIX) && type.length > PROVIDER_TYPE_PREFIX.length;
}

/** sdk/go/common/providers/reference.go:49 IsDefaultProvider: a provider whose name starts with "default". */
export function isDefaultProvider(resource: { readonly type: string; readonly name: string }): boolean {
    return isProviderType(resource.type) && resource.name.startsWith("default");
}

/** The package of a type token `<package>:<module>:<member>`. */
export function packageOf(type: string): string {
    const colon = type.indexOf(":");
    return colon < 0 ? type : type.slice(0, colon);
}

/** A provider reference `<provider urn>::<provider id>` (the id unknown in a preview). */
export function providerReference(urn: string, id: string): string {
    return `${urn}::${id}`;
}

/** The provider URN a reference names. */
export function providerUrnOf(reference: string): string {
    return reference.slice(0, reference.lastIndexOf("::"));
}
