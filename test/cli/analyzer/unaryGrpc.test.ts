// The plan's own unary gRPC client (cli/analyzer/unaryGrpc.ts), which replaced grpc-js's for
// speed: the Analyzer paths it calls are the service's, and every way a call can end is reported
// with the right gRPC status. A real grpc-js server covers the happy path; a bare HTTP/2 server
// plays the misbehaving peers a real server never is.
import * as grpc from "@grpc/grpc-js";
import { AnalyzerService } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANALYZER_METHODS } from "../../../cli/analyzer/session";
import { GRPC_STATUS, GrpcCallError, UnaryGrpcClient } from "../../../cli/analyzer/unaryGrpc";

const MAX = 1024;
const frame = (message: Uint8Array, compressed = false) => {
    const out = Buffer.alloc(5 + message.length);
    out[0] = compressed ? 1 : 0;
    out.writeUInt32BE(message.length, 1);
    out.set(message, 5);
    return out;
};

describe("the Analyzer methods the plan calls", () => {
    it("are the service's own paths and reply types", () => {
        const service = AnalyzerService as unknown as Record<string, { path: string; responseType: unknown }>;
        for (const [name, method] of Object.entries(ANALYZER_METHODS)) {
            expect(method.path).toBe(service[name].path);
            expect(method.reply).toBe(service[name].responseType);
        }
    });
});

describe("UnaryGrpcClient against a grpc-js server", () => {
    let server: grpc.Server;
    let client: UnaryGrpcClient;
    beforeAll(async () => {
        server = new grpc.Server();
        const echo = { path: "/test.Echo/Echo", requestStream: false, responseStream: false, requestSerialize: (b: Buffer) => b, requestDeserialize: (b: Buffer) => b, responseSerialize: (b: Buffer) => b, responseDeserialize: (b: Buffer) => b };
        server.addService({ Echo: echo, Fail: { ...echo, path: "/test.Echo/Fail" }, Slow: { ...echo, path: "/test.Echo/Slow" } }, {
            Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, Buffer.concat([Buffer.from("echo:"), call.request])),
            Fail: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) =>
                callback({ code: grpc.status.INVALID_ARGUMENT, details: "policy 'x' failed: 100% wrong\nsecond line" }),
            Slow: () => undefined,
        });
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
        );
        client = new UnaryGrpcClient("127.0.0.1", port, MAX);
    });
    afterAll(() => {
        client.close();
        server.forceShutdown();
    });

    it("sends a message and reads the reply, many calls at once", async () => {
        const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => client.call("/test.Echo/Echo", Buffer.from(`m${i}`), 5_000)));
        expect(replies.map((r) => Buffer.from(r).toString())).toEqual(Array.from({ length: 50 }, (_, i) => `echo:m${i}`));
        expect(Buffer.from(await client.call("/test.Echo/Echo", new Empty().serializeBinary(), 5_000)).toString()).toBe("echo:");
    });

    it("reports the server's status and message, decoded", async () => {
        await expect(client.call("/test.Echo/Fail", Buffer.from("x"), 5_000)).rejects.toMatchObject({
            code: 3,
            details: "policy 'x' failed: 100% wrong\nsecond line",
        });
    });

    it("gives up at the deadline", async () => {
        await expect(client.call("/test.Echo/Slow", Buffer.from("x"), 50)).rejects.toMatchObject({ code: GRPC_STATUS.DEADLINE_EXCEEDED });
    });

    it("refuses a message over the limit, and calls once closed", async () => {
        await expect(client.call("/test.Echo/Echo", Buffer.alloc(MAX + 1), 5_000)).rejects.toMatchObject({ code: GRPC_STATUS.RESOURCE_EXHAUSTED });
        const closed = new UnaryGrpcClient("127.0.0.1", 1, MAX);
        closed.close();
        await expect(closed.call("/test.Echo/Echo", Buffer.from("x"), 5_000)).rejects.toBeInstanceOf(GrpcCallError);
    });
});

describe("UnaryGrpcClient against peers that misbehave", () => {
    let server: http2.Http2Server;
    let client: UnaryGrpcClient;
    beforeAll(async () => {
        server = http2.createServer();
        server.on("stream", (stream, headers) => {
            const path = headers[":path"];
            stream.on("error", () => undefined);
            stream.on("data", () => undefined);
            stream.on("end", () => {
                if (path === "/missing") stream.respond({ ":status": 404 }, { endStream: true });
                else if (path === "/compressed") {
                    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
                    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
                    stream.end(frame(Buffer.from("zz"), true));
                } else if (path === "/short") {
                    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
                    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
                    stream.end(frame(Buffer.from("abcdef")).subarray(0, 7));
                } else if (path === "/huge") {
                    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
                    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
                    stream.end(frame(Buffer.alloc(MAX * 2)));
                } else if (path === "/reset") stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
                else if (path === "/trailers-only") stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "9", "grpc-message": "not%20now" }, { endStream: true });
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        client = new UnaryGrpcClient("127.0.0.1", (server.address() as AddressInfo).port, MAX);
    });
    afterAll(() => {
        client.close();
        server.close();
    });

    it.each([
        ["/missing", 12, "HTTP 404"],
        ["/compressed", GRPC_STATUS.INTERNAL, "compressed"],
        ["/short", GRPC_STATUS.INTERNAL, "not the 6 it declares"],
        ["/huge", GRPC_STATUS.RESOURCE_EXHAUSTED, "over the limit"],
        ["/reset", GRPC_STATUS.UNAVAILABLE, "NGHTTP2_INTERNAL_ERROR"],
        ["/trailers-only", 9, "not now"],
    ])("reports %s as status %i", async (route, code, details) => {
        const error = await client.call(route, Buffer.from("x"), 5_000).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GrpcCallError);
        expect(error).toMatchObject({ code });
        expect((error as GrpcCallError).details).toContain(details);
    });

    it("reports a peer that is not there", async () => {
        const nobody = new UnaryGrpcClient("127.0.0.1", 1, MAX);
        await expect(nobody.call("/x", Buffer.from("x"), 5_000)).rejects.toMatchObject({ code: GRPC_STATUS.UNAVAILABLE });
        nobody.close();
    });
});
