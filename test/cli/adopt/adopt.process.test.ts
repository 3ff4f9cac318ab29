// `auth0-m2m adopt` against the fake tenant: the files it writes, that it never overwrites without
// --force, and that planning the adopted stack offline gives the audit's access matrix. What it
// leaves out, and why, is tested on the model (adoptModel.test.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isManagementApiAudience } from "../../../policy-pack/guardrails";
import { runCli } from "../../support/fakeTenant/runCli";
import { FakeTenant } from "../../support/fakeTenant/server";
import { generatedTenant } from "../../support/fakeTenant/tenantData";

interface Access {
    machine: string;
    audience: string;
    scopes: string[];
}

let t: FakeTenant;
let out: string;
beforeAll(async () => {
    t = await FakeTenant.start((d) => generatedTenant(d, { clients: 3, managementScopes: ["read:users", "read:roles"] }));
    out = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-adopt-"));
});
afterAll(async () => {
    expect(t.writes).toEqual([]);
    await t.close();
    fs.rmSync(out, { recursive: true, force: true });
});

// The stack's domain has no port (the config check rejects one), so its Management API audience is
// compared by kind: the fake tenant's is https://localhost:<port>/api/v2/.
const comparable = (access: Access[]) => access.map((a) => ({ ...a, audience: isManagementApiAudience(a.audience) ? "(management API)" : a.audience, scopes: [...a.scopes].sort() }));

describe("auth0-m2m adopt", { timeout: 120_000 }, () => {
    it("writes the stack config and import file, never overwrites without --force, and planning them offline gives the audit's access matrix", async () => {
        const endpoints = path.join(out, "endpoints.json");
        fs.writeFileSync(endpoints, JSON.stringify({ "orders-worker-0": ["GET /api/v2/users"] }));
        const taken = path.join(out, "taken");
        fs.mkdirSync(taken);
        fs.writeFileSync(path.join(taken, "Pulumi.adopted.yaml"), "config: {}\n");
        const [adopted, audit, refused] = await Promise.all([
            runCli(["adopt", "--domain", t.domain, "--config-domain", "fake-tenant.eu.auth0.com", "--stack", "adopted", "--out-dir", out, "--endpoints", endpoints], t),
            runCli(["audit", "--domain", t.domain, "--format", "json"], t),
            runCli(["adopt", "--domain", t.domain, "--stack", "adopted", "--out-dir", taken], t),
        ]);
        expect(adopted.code, adopted.stderr).toBe(0);
        expect(audit.code, audit.stderr).toBe(0);
        const config = fs.readFileSync(path.join(out, "Pulumi.adopted.yaml"), "utf8");
        // The proposal is a comment; the config keeps the live scopes.
        expect(config).toContain("# Least privilege for orders-worker-0 (Management API), from --endpoints: read:users");
        expect(config).toMatch(/management:\n\s+- read:users\n\s+- read:roles/);
        expect(config + adopted.stdout + adopted.stderr).not.toContain(t.clientSecret);
        const imports = JSON.parse(fs.readFileSync(path.join(out, "import.adopted.json"), "utf8")) as { resources: { type: string; name: string; id?: string }[] };
        expect(imports.resources).toContainEqual({ type: "auth0:index/clientGrant:ClientGrant", name: "tenant-orders-worker-1-grant-orders-api", id: "cgr_gen000000001", parent: "tenant-orders-worker-1" });

        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(`${path.join(taken, "Pulumi.adopted.yaml")} already exists; nothing was written. Pass --force to overwrite`);
        expect(fs.readFileSync(path.join(taken, "Pulumi.adopted.yaml"), "utf8")).toBe("config: {}\n");
        expect(fs.existsSync(path.join(taken, "import.adopted.json"))).toBe(false);

        // Planned as written: --config-domain gave it a tenant's host name, which the loopback fake tenant is not.
        const plan = await runCli(["plan", "--config-file", path.join(out, "Pulumi.adopted.yaml"), "--format", "json"], undefined, { credentials: {} });
        expect(plan.code, plan.stderr).toBe(0);
        const planned = (JSON.parse(plan.stdout) as { grants: { machine: string; audience: string; scopes: string[] }[] }).grants.map((g) => ({ machine: g.machine, audience: g.audience, scopes: g.scopes }));
        const live = (JSON.parse(audit.stdout) as { access: Access[] }).access.map(({ machine, audience, scopes }) => ({ machine, audience, scopes }));
        expect(comparable(planned).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(comparable(live).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    });
});
