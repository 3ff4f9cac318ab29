// What the program child says when the program stops with work unfinished: the event loop is empty
// while some promise or output the program created is still pending. Besides the program's own
// promises, one cause is the SDK's: since @pulumi/pulumi 3.202.0 a local ComponentResource sends
// its args to the engine (pulumi/pulumi#20357), so the SDK waits on every value in them; args that
// hold the component's own options, its parent or its children can wait on each other and never
// settle, and the SDK reports the same promises still active at exit under `pulumi preview`
// (pulumi/pulumi#23953). Its opt-out is the environment variable PULUMI_NODEJS_SKIP_COMPONENT_INPUTS
// (pulumi/pulumi#20842). Seen planning WaffleHacks/infrastructure-v1 (9ff7db1) with
// @wafflehacks/application-portal (a4f8ff5), whose components pass `{ options: opts }` to super().

/** The first @pulumi/pulumi release that sends a local component's args to the engine. */
export const COMPONENT_INPUTS_SENT_SINCE = "3.202.0";

/** The SDK's opt-out from sending component args. */
export const SKIP_COMPONENT_INPUTS_VARIABLE = "PULUMI_NODEJS_SKIP_COMPONENT_INPUTS";

/** The failure message for unsettled work, with the component-args cause where this SDK has it. */
export function unsettledWorkMessage(sdkVersion: string | undefined, env: NodeJS.ProcessEnv): string {
    const message =
        "The program stopped with work unfinished: some promise or output never settled " +
        "(an apply that never returns, a promise nobody resolves, or resources that depend on each other in a cycle).";
    if (sdkVersion === undefined || env[SKIP_COMPONENT_INPUTS_VARIABLE] || !atLeast(sdkVersion, COMPONENT_INPUTS_SENT_SINCE)) return message;
    return (
        `${message} One known cause: since @pulumi/pulumi ${COMPONENT_INPUTS_SENT_SINCE} (the program has ${sdkVersion}) the SDK waits on ` +
        "every value in a ComponentResource's args (the third argument of super() in a component's constructor), and args that " +
        "refer to the component's parent or children (passing the component's own options, as in { options: opts }, is one way) " +
        "can wait on each other and never settle; `pulumi preview` then stops the same way (pulumi/pulumi#23953). " +
        "Pass only plain values or inputs as a component's args (or none), or set " +
        `${SKIP_COMPONENT_INPUTS_VARIABLE}=1, the SDK's opt-out, wherever the program runs (here and for pulumi).`
    );
}

/** `version` >= `minimum`, comparing major.minor.patch numerically (a pre-release counts as its release). */
function atLeast(version: string, minimum: string): boolean {
    const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
    const [a, b] = [parts(version), parts(minimum)];
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return true;
}
