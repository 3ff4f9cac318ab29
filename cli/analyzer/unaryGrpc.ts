// A minimal gRPC client for unary calls, on Node's own HTTP/2: all the plan needs to drive a policy
// pack's Analyzer service, the way the engine drives it.
//
// Why not @grpc/grpc-js's client: a plan makes one Analyze call per resource, and grpc-js's per-call
// work (interceptors, resolver, load balancer, metadata, deadline filters) cost more CPU than the
// pack spends analyzing the resource; this client spends about a third of it (bench/CHANGES.md).
// The wire is the same gRPC over HTTP/2 the pack's grpc-js server speaks
// (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md): one length-prefixed, uncompressed message each way, the status in `grpc-status` and
// `grpc-message`, the deadline in `grpc-timeout` and enforced here too.
import * as http2 from "node:http2";
import * as net from "node:net";

/** gRPC status codes this client produces or callers test for. */
export const GRPC_STATUS = {
    OK: 0,
    CANCELLED: 1,
    UNKNOWN: 2,
    DEADLINE_EXCEEDED: 4,
    RESOURCE_EXHAUSTED: 8,
    INTERNAL: 13,
    UNAVAILABLE: 14,
} as const;

/** A failed call: the gRPC status code and the server's (or this client's) explanation. */
export class GrpcCallError extends Error {
    override readonly name = "GrpcCallError";
    constructor(
        readonly code: number,
        readonly details: string,
    ) {
        super(`${code}: ${details}`);
    }
}

const MESSAGE_HEADER_BYTES = 5;

/** The status of a reply that carries no gRPC status, by its HTTP status (gRPC's HTTP-to-gRPC mapping). */
const STATUS_FOR_HTTP: Readonly<Record<number, number>> = { 400: 13, 401: 16, 403: 7, 404: 12, 429: 14, 502: 14, 503: 14, 504: 14 };
const statusForHttp = (status: number): number => STATUS_FOR_HTTP[status] ?? GRPC_STATUS.UNKNOWN;

function decodeGrpcMessage(value: string | string[] | undefined): string {
    const text = Array.isArray(value) ? value.join(",") : (value ?? "");
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

export class UnaryGrpcClient {
    private session: http2.ClientHttp2Session | undefined;
    private closed = false;

    constructor(
        private readonly host: string,
        private readonly port: number,
        private readonly maxMessageBytes: number,
    ) {}

    private connect(): http2.ClientHttp2Session {
        if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
        const session = http2.connect(`http://${this.host}:${this.port}`, {
            // Small requests and replies, many in flight: don't let Nagle's algorithm hold them back.
            createConnection: () => net.connect({ host: this.host, port: this.port, noDelay: true }),
            maxSendHeaderBlockLength: 64 * 1024,
        });
        // Errors reach the calls through their streams; an unhandled session error must not crash the plan.
        session.on("error", () => undefined);
        // An idle session must not hold the plan's event loop open.
        session.unref();
        this.session = session;
        return session;
    }

    /** One unary call: `request` is the encoded message; resolves to the encoded reply. */
    call(path: string, request: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
        if (this.closed) return Promise.reject(new GrpcCallError(GRPC_STATUS.CANCELLED, "the client is closed"));
        if (request.length > this.maxMessageBytes) {
            return Promise.reject(
                new GrpcCallError(GRPC_STATUS.RESOURCE_EXHAUSTED, `the request is ${request.length} bytes, over the limit of ${this.maxMessageBytes}`),
            );
        }
        return new Promise<Uint8Array>((resolve, reject) => {
            let stream: http2.ClientHttp2Stream;
            try {
                stream = this.connect().request({
                    ":method": "POST",
                    ":path": path,
                    "content-type": "application/grpc",
                    te: "trailers",
                    "grpc-timeout": `${Math.max(1, Math.ceil(timeoutMs))}m`,
                });
            } catch (error) {
                reject(new GrpcCallError(GRPC_STATUS.UNAVAILABLE, (error as Error).message));
                return;
            }
            let settled = false;
            const settle = (error: GrpcCallError | undefined, reply?: Uint8Array) => {
                if (settled) return;
                settled = true;
                clearTimeout(timer);
                if (error) {
                    if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
                    reject(error);
                } else resolve(reply!);
            };
            const timer = setTimeout(
                () => settle(new GrpcCallError(GRPC_STATUS.DEADLINE_EXCEEDED, `no reply within ${timeoutMs} ms`)),
                timeoutMs,
            );

            let httpStatus = 0;
            let grpcStatus: number | undefined;
            let grpcMessage = "";
            const readStatus = (headers: http2.IncomingHttpHeaders) => {
                const status = headers["grpc-status"];
                if (status !== undefined) {
                    grpcStatus = Number(status);
                    grpcMessage = decodeGrpcMessage(headers["grpc-message"]);
                }
            };
            stream.on("response", (headers) => {
                httpStatus = Number(headers[":status"]);
                // A trailers-only reply (an error) carries its status in these headers.
                readStatus(headers);
            });
            stream.on("trailers", readStatus);

            const chunks: Buffer[] = [];
            let received = 0;
            stream.on("data", (chunk: Buffer) => {
                received += chunk.length;
                if (received > this.maxMessageBytes + MESSAGE_HEADER_BYTES) {
                    settle(new GrpcCallError(GRPC_STATUS.RESOURCE_EXHAUSTED, `the reply is over the limit of ${this.maxMessageBytes} bytes`));
                    return;
                }
                chunks.push(chunk);
            });
            stream.on("error", (error) => settle(new GrpcCallError(GRPC_STATUS.UNAVAILABLE, error.message)));
            stream.on("close", () => {
                if (settled) return;
                if (grpcStatus === undefined) {
                    if (httpStatus !== 200 && httpStatus !== 0) {
                        settle(new GrpcCallError(statusForHttp(httpStatus), `the server answered HTTP ${httpStatus}`));
                    } else if (stream.rstCode !== undefined && stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) {
                        settle(new GrpcCallError(GRPC_STATUS.UNAVAILABLE, `the stream was reset (HTTP/2 error ${stream.rstCode})`));
                    } else {
                        settle(new GrpcCallError(GRPC_STATUS.UNAVAILABLE, "the connection closed before the server replied"));
                    }
                    return;
                }
                if (grpcStatus !== GRPC_STATUS.OK) {
                    settle(new GrpcCallError(grpcStatus, grpcMessage || `the call failed with gRPC status ${grpcStatus}`));
                    return;
                }
                const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
                if (body.length < MESSAGE_HEADER_BYTES) {
                    settle(new GrpcCallError(GRPC_STATUS.INTERNAL, "the server replied without a message"));
                    return;
                }
                if (body[0] !== 0) {
                    settle(new GrpcCallError(GRPC_STATUS.INTERNAL, "the server replied with a compressed message, which was not asked for"));
                    return;
                }
                const length = body.readUInt32BE(1);
                if (body.length !== MESSAGE_HEADER_BYTES + length) {
                    settle(new GrpcCallError(GRPC_STATUS.INTERNAL, `the reply's length is ${body.length - MESSAGE_HEADER_BYTES} bytes, not the ${length} it declares`));
                    return;
                }
                settle(undefined, body.subarray(MESSAGE_HEADER_BYTES));
            });

            const frame = Buffer.allocUnsafe(MESSAGE_HEADER_BYTES + request.length);
            frame[0] = 0;
            frame.writeUInt32BE(request.length, 1);
            frame.set(request, MESSAGE_HEADER_BYTES);
            stream.end(frame);
        });
    }

    /** Closes the connection; calls still in flight fail. Idempotent. */
    close(): void {
        this.closed = true;
        const session = this.session;
        this.session = undefined;
        if (session && !session.destroyed) session.destroy();
    }
}
