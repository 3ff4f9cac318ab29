// Resources the program reads rather than manages (`pulumi.StackReference`, `auth0.Client.get(...)`):
// a real preview reads them from the backend or the provider, so what the program derives from them is
// known there; offline it is unknown, and the report says so instead of leaving "(known after
// deployment)" unexplained. Seen planning Probable-Futures/climate-change-assistant infra/services
// (47e901a1b0fbd920ff23127532dac4fe23d03c8a), which reads two stacks' outputs.
import { UNKNOWN_VALUE, type CapturedResource } from "../program/protocol";
import { unwrapSecrets } from "../values";

const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/**
 * One note per StackReference and per Auth0 resource read (a `.get()` of the same resource twice is
 * one read); other providers' reads are left out, as their resources are (not judged).
 */
export function noteReads(reads: readonly CapturedResource[], notes: string[]): void {
    const seen = new Set<string>();
    for (const read of reads) {
        if (seen.has(read.urn)) continue;
        seen.add(read.urn);
        if (read.type === STACK_REFERENCE_TYPE) {
            const name = (unwrapSecrets(read.properties) as Record<string, unknown>).name;
            notes.push(
                `StackReference "${typeof name === "string" ? name : read.name}": a real preview reads that stack's outputs from ` +
                    "the backend; offline they are unknown, so what the program derives from them shows here as \"(known after deployment)\" and is not verified.",
            );
        } else if (read.type.startsWith("auth0:")) {
            const id = read.readId === undefined || read.readId === UNKNOWN_VALUE ? "an id not known offline" : `id "${read.readId}"`;
            notes.push(
                `${read.type} "${read.name}" is read (.get) with ${id}, not managed: a real preview reads it ` +
                    "from the provider; offline its outputs are unknown, so what the program derives from them shows here as \"(known after deployment)\" and is not verified.",
            );
        }
    }
}
