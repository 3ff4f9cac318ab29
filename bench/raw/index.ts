// A plain @pulumi/auth0 program for `npm run bench`: the tenant's resources come precomputed in the
// stack config that the bench writes (bench/tenant.ts rawTenantFrom).
import * as pulumi from "@pulumi/pulumi";
import { declareRawTenant } from "../rawProgram";
import type { RawTenant } from "../tenant";

export const clientIds = declareRawTenant(new pulumi.Config().requireObject<RawTenant>("tenant"));
