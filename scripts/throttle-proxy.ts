/**
 * A slow rural link in front of a local server: a TCP proxy on 127.0.0.1 that gives every connection a round-trip
 * time and shares a fixed bandwidth between all of them, in each direction. Unlike CDP's network emulation, it
 * slows down everything that reaches the server, the service worker's own requests included.
 *
 * The model: opening a connection costs one round trip (the TCP handshake) before the first request leaves; every
 * chunk of bytes then waits for the link to be free, takes `size / bandwidth` to send, and arrives half a
 * round trip later. Bytes stay in order per connection and per direction.
 */
import { type Server, type Socket, createConnection, createServer } from "node:net";

export interface ThrottleOptions {
  /** Where the real server listens. */
  targetPort: number;
  targetHost?: string;
  /** Bits per second, each direction (e.g. 400_000). */
  bitsPerSecond: number;
  /** Round-trip time in ms (e.g. 400). */
  rttMs: number;
}

/** A TCP segment's payload. */
const MSS = 1460;

/** One connection's packets in one direction: waiting for the link, then on their way. */
interface Flow {
  queue: Array<{ packet: Buffer; notBefore: number; deliver: (packet: Buffer) => void }>;
  inFlight: Array<{ packet: Buffer; at: number; deliver: (packet: Buffer) => void }>;
  flushTimer: ReturnType<typeof setTimeout> | null;
}

/** A new flow (one per connection and direction). */
function newFlow(): Flow {
  return { queue: [], inFlight: [], flushTimer: null };
}

/**
 * Hands over the packets of `flow` that have arrived, strictly in order. (Node's timers count from the event loop's
 * cached time, to the millisecond, while arrival times come from performance.now(): two packets a fraction of a
 * millisecond apart could fire in the wrong order and corrupt the stream. So timers only say "look now", and the
 * flow's own queue decides the order.)
 */
function flush(flow: Flow): void {
  const now = performance.now();
  while (flow.inFlight.length && (flow.inFlight[0] as { at: number }).at <= now + 1) {
    const p = flow.inFlight.shift() as { packet: Buffer; deliver: (packet: Buffer) => void };
    p.deliver(p.packet);
  }
  const head = flow.inFlight[0];
  if (head && !flow.flushTimer) {
    flow.flushTimer = setTimeout(
      () => {
        flow.flushTimer = null;
        flush(flow);
      },
      Math.max(1, head.at - now),
    );
  }
}

/** One direction of the shared link. */
class Link {
  private freeAt = 0;
  constructor(
    private readonly bytesPerMs: number,
    private readonly delayMs: number,
  ) {}

  /**
   * Schedules `chunk` on the link, not before `notBefore` (ms, performance.now()); `deliver` runs on arrival of
   * each packet. Chunks are cut into packets of one TCP segment, and every connection queues its packets
   * separately: the link serves the connections in turn, so that a large script does not hold up a small
   * stylesheet that was asked for at the same time (as TCP flows share a real link).
   */
  send(flow: Flow, chunk: Buffer, notBefore: number, deliver: (packet: Buffer) => void): void {
    for (let i = 0; i < chunk.length; i += MSS)
      flow.queue.push({ packet: chunk.subarray(i, i + MSS), notBefore, deliver });
    if (!this.flows.includes(flow)) this.flows.push(flow);
    this.pump();
  }

  private flows: Flow[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Sends the next packet of the next flow (round robin) when the link is free. */
  private pump(): void {
    if (this.timer) return;
    const now = performance.now();
    if (this.freeAt > now) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, this.freeAt - now);
      return;
    }
    // the next flow whose first packet may leave now; otherwise wait for the earliest one
    let wait = Infinity;
    for (let k = 0; k < this.flows.length; k++) {
      const flow = this.flows[k] as Flow;
      const head = flow.queue[0];
      if (!head) continue;
      if (head.notBefore > now) {
        wait = Math.min(wait, head.notBefore - now);
        continue;
      }
      flow.queue.shift();
      // round robin: this flow goes to the back
      this.flows.splice(k, 1);
      if (flow.queue.length) this.flows.push(flow);
      this.freeAt = now + head.packet.length / this.bytesPerMs;
      const at = this.freeAt + this.delayMs;
      flow.inFlight.push({ packet: head.packet, at, deliver: head.deliver });
      setTimeout(() => flush(flow), at - now);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, this.freeAt - now);
      return;
    }
    this.flows = this.flows.filter((f) => f.queue.length > 0);
    if (wait < Infinity) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
    }
  }
}

export interface ThrottleProxy {
  port: number;
  url: string;
  /** Bytes sent to the browser so far. */
  bytesDown(): number;
  close(): Promise<void>;
}

/** Starts the proxy on a free port of 127.0.0.1. */
export function startThrottleProxy(opts: ThrottleOptions): Promise<ThrottleProxy> {
  const bytesPerMs = opts.bitsPerSecond / 8 / 1000;
  const oneWay = opts.rttMs / 2;
  const up = new Link(bytesPerMs, oneWay);
  const down = new Link(bytesPerMs, oneWay);
  const sockets = new Set<Socket>();
  let downBytes = 0;

  const server: Server = createServer((client) => {
    // The browser may send its request one round trip after it asked to connect (SYN, SYN-ACK, ACK).
    const readyAt = performance.now() + opts.rttMs;
    const upstream = createConnection({ port: opts.targetPort, host: opts.targetHost ?? "127.0.0.1" });
    sockets.add(client);
    sockets.add(upstream);
    let clientEnded = false;
    let upstreamEnded = false;
    let pendingUp = 0;
    let pendingDown = 0;
    const upFlow = newFlow();
    const downFlow = newFlow();
    const maybeEnd = () => {
      if (clientEnded && pendingUp === 0) upstream.end();
      if (upstreamEnded && pendingDown === 0) client.end();
    };
    client.on("data", (chunk) => {
      pendingUp += Math.ceil(chunk.length / MSS);
      up.send(upFlow, chunk, readyAt, (c) => {
        pendingUp--;
        if (!upstream.destroyed) upstream.write(c);
        maybeEnd();
      });
    });
    upstream.on("data", (chunk) => {
      pendingDown += Math.ceil(chunk.length / MSS);
      downBytes += chunk.length;
      down.send(downFlow, chunk, 0, (c) => {
        pendingDown--;
        if (!client.destroyed) client.write(c);
        maybeEnd();
      });
    });
    client.on("end", () => {
      clientEnded = true;
      maybeEnd();
    });
    upstream.on("end", () => {
      upstreamEnded = true;
      maybeEnd();
    });
    const kill = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", kill);
    upstream.on("error", kill);
    client.on("close", () => sockets.delete(client));
    upstream.on("close", () => sockets.delete(upstream));
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      if (!addr || typeof addr !== "object") return reject(new Error("no port"));
      resolve({
        port: addr.port,
        url: `http://127.0.0.1:${addr.port}`,
        bytesDown: () => downBytes,
        close: () =>
          new Promise<void>((res) => {
            for (const s of sockets) s.destroy();
            server.close(() => res());
          }),
      });
    });
  });
}
