// A throwaway certificate authority and a `localhost` server certificate it signs, so the real
// Management API client (Node's fetch, real TLS verification) can talk to the fake tenant. The CA
// reaches a CLI child through NODE_EXTRA_CA_CERTS, exactly as a corporate CA would.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generate } from "selfsigned";

export interface TestCertificates {
    /** PEM file of the CA: the value for NODE_EXTRA_CA_CERTS. */
    readonly caFile: string;
    readonly serverKey: string;
    readonly serverCert: string;
}

let cached: Promise<TestCertificates> | undefined;

async function create(): Promise<TestCertificates> {
    const ca = await generate([{ name: "commonName", value: "auth0-m2m test CA" }], {
        keySize: 2048,
        algorithm: "sha256",
        extensions: [
            { name: "basicConstraints", cA: true, critical: true },
            { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
        ],
    });
    const server = await generate([{ name: "commonName", value: "localhost" }], {
        keySize: 2048,
        algorithm: "sha256",
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
            { name: "basicConstraints", cA: false },
            { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
            { name: "extKeyUsage", serverAuth: true },
            { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
        ],
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-test-ca-"));
    const caFile = path.join(dir, "ca.pem");
    fs.writeFileSync(caFile, ca.cert);
    return { caFile, serverKey: server.private, serverCert: server.cert };
}

/** One CA per test process (key generation is the slow part). */
export function testCertificates(): Promise<TestCertificates> {
    return (cached ??= create());
}

/** A second, unrelated CA: a client trusting only it must fail the TLS handshake. */
export async function untrustedCaFile(): Promise<string> {
    const other = await generate([{ name: "commonName", value: "auth0-m2m untrusted CA" }], { keySize: 2048, algorithm: "sha256" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "auth0-m2m-other-ca-")), "ca.pem");
    fs.writeFileSync(file, other.cert);
    return file;
}
