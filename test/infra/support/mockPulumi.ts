// Runs component code under Pulumi's mock runtime and records every registration with the
// options the mocks' own callback doesn't see (parent, retainOnDelete, dependsOn).
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";

export interface Registered {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly inputs: Record<string, any>;
    readonly parent: string;
    readonly importId: string;
    readonly retainOnDelete: boolean;
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly dependencies: readonly string[];
    /** Property name to the URNs its value came from (the mock's URNs, which drop nested parents' types). */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

const registered: Registered[] = [];
let installed = false;

/** The outputs a provider computes that the tests read. */
function providerOutputs(type: string, name: string): Record<string, string> {
    if (type === "auth0:index/client:Client") return { clientId: `${name}-client-id` };
    if (type === "random:index/randomPassword:RandomPassword") return { result: `generated-secret-of-${name}` };
    return {};
}

/** Installs the mocks once per test file: ids are `<name>-id`, outputs echo inputs. */
export function installMocks(project = "auth0-m2m", stack = "test"): void {
    if (installed) return;
    installed = true;
    pulumi.runtime.setMocks(
        {
            newResource: (args) => ({
                id: args.id || `${args.name}-id`,
                state: { ...args.inputs, ...providerOutputs(args.type, args.name) },
            }),
            call: (args) => args.inputs,
        },
        project,
        stack,
        false,
    );
    const monitor = settings.getMonitor() as any;
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: any) => {
        registered.push({
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            inputs: req.getObject()?.toJavaScript() ?? {},
            parent: req.getParent(),
            importId: req.getImportid(),
            retainOnDelete: req.getRetainondelete() ?? false,
            protect: req.getProtect() ?? false,
            ignoreChanges: req.getIgnorechangesList(),
            dependencies: req.getDependenciesList(),
            propertyDependencies: Object.fromEntries(
                [...req.getPropertydependenciesMap().entries()].map(([key, deps]: [string, any]) => [key, deps.getUrnsList()]),
            ),
        });
        return registerResource(req, callback);
    };
}

/** Runs `build` and returns what it registered, once every registration has settled. */
export async function registrations(build: () => unknown): Promise<Registered[]> {
    installMocks();
    const start = registered.length;
    await build();
    // waitForRPCs is how cmd/run waits for a program's registrations; the SDK marks it internal.
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return registered.slice(start);
}

export const ofType = (resources: readonly Registered[], type: string) => resources.filter((r) => r.type === type);
export const named = (resources: readonly Registered[], name: string) => {
    const found = resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; registered: ${resources.map((r) => r.name).join(", ")}`);
    return found;
};

/** Resolves an output in a test. */
export const valueOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));
