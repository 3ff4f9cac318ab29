// The shape of the deployer tables: which Management API endpoints the auth0 provider calls in each
// phase of a resource's lifecycle, for one resource type.
import type { ManagementApiEndpoint, ManagementApiScope } from "./catalogue/catalogue";

/**
 * Each phase lists the calls the provider's own create, read, update or delete function makes.
 * The read-back every create and update ends with is the read phase. A phase the provider lacks
 * (a singleton with nothing to create or delete, a binding whose inputs all force replacement)
 * is left out.
 */
export interface LifecycleNeeds {
    readonly create?: readonly ManagementApiEndpoint[];
    readonly read: readonly ManagementApiEndpoint[];
    readonly update: readonly ManagementApiEndpoint[];
    readonly delete?: readonly ManagementApiEndpoint[];
    /** Scopes for fields the endpoint's own scope list can't tell apart. */
    readonly fields?: readonly { readonly scope: ManagementApiScope; readonly why: string }[];
}

/** One resource type's needs, from the resource's planned inputs. */
export type NeedsOf = (inputs: Readonly<Record<string, unknown>>) => LifecycleNeeds;
