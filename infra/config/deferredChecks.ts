// Arguments that can come from other resources (`pulumi.Input`). A value known at construction is
// checked then, with every other argument, all at once; a value that is only known when it
// resolves (an Output, a Promise) is checked then, and a problem fails the deployment with the
// same ComponentArgsError message the synchronous check would have given.
import * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue } from "../../policy-pack/guardrails";
import { ComponentArgsError } from "./argsError";

/** Whether `input` is a plain string, known now, rather than an Output or a Promise of one. */
export const isKnownString = (input: pulumi.Input<string> | undefined): input is string => typeof input === "string";

/**
 * `input` itself when known (after adding its problems to `issues`), or an Output that fails with
 * `component`'s ComponentArgsError when the value it resolves to has problems.
 */
export function checkInput(
    component: string,
    input: pulumi.Input<string>,
    check: (value: string) => ConfigIssue[],
    issues: ConfigIssue[],
): pulumi.Input<string> {
    if (isKnownString(input)) {
        issues.push(...check(input));
        return input;
    }
    return pulumi.output(input).apply((value) => {
        const found = check(value);
        if (found.length > 0) throw new ComponentArgsError(component, found);
        return value;
    });
}
