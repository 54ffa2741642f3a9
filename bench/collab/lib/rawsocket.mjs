// A minimal WebSocket client (RFC 6455) over a plain TCP socket, for the protocol-level driver.
//
// Why not `ws`: at a few hundred editors the driver receives hundreds of thousands of small frames a second, and
// `ws` spends about half of the driver's CPU per frame (a Writable stream, a Buffer view and an event per message).
// Here a received chunk is scanned in place: each complete frame is handed to the listener as (chunk, start, end),
// without a copy or a view. What a load generator on loopback does not need is left out: extensions (no
// permessage-deflate is offered), subprotocols, TLS, redirects. What the servers may send is handled: fragmented
// messages, pings (answered), close (answered, then the socket ends).
import crypto from "node:crypto";
import net from "node:net";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa };

// Client frames must be masked with an unpredictable key (RFC 6455 §5.3); keys come from a pool refilled in bulk.
const maskPool = Buffer.alloc(4096);
let maskAt = maskPool.length;
function nextMask() {
  if (maskAt + 4 > maskPool.length) {
    crypto.randomFillSync(maskPool);
    maskAt = 0;
  }
  maskAt += 4;
  return maskAt - 4;
}

/** One client frame: FIN set, masked. */
function clientFrame(opcode, payload) {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) {
    frame[1] = 0x80 | length;
  } else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const m = nextMask();
  maskPool.copy(frame, headerLength, m, m + 4);
  const at = headerLength + 4;
  for (let i = 0; i < length; i++) frame[at + i] = payload[i] ^ maskPool[m + (i & 3)];
  return frame;
}

/**
 * Opens a WebSocket to `url` (ws://host:port/path). Resolves once the server accepted the upgrade with an object:
 *   onMessage(fn)     fn(chunk, start, end, isText) per message; the bytes are valid only during the call
 *   onClose(fn)       fn() once, when the connection ends for any reason
 *   send(data)        a Buffer/Uint8Array (binary frame) or a string (text frame)
 *   close()
 */
export function connectRaw(url) {
  const { hostname, port, pathname, search } = new URL(url);
  const key = crypto.randomBytes(16).toString("base64");
  const expectedAccept = crypto
    .createHash("sha1")
    .update(key + GUID)
    .digest("base64");
  const socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
  let onMessage = () => {};
  let onClose = () => {};
  let closed = false;
  let pending = null; // bytes of an incomplete frame, kept for the next chunk
  let fragments = null; // a fragmented message's payloads so far
  let fragmentsText = false;

  const end = () => {
    if (closed) return;
    closed = true;
    socket.destroy();
    onClose();
  };

  const handleControl = (opcode, payload) => {
    if (opcode === OPCODE.ping) socket.write(clientFrame(OPCODE.pong, payload));
    else if (opcode === OPCODE.close) {
      if (!closed) socket.write(clientFrame(OPCODE.close, payload.subarray(0, 2)));
      end();
    }
  };

  /** Scans complete frames in `chunk` from `at`; returns where the first incomplete one starts. */
  const scan = (chunk, at) => {
    const total = chunk.length;
    while (total - at >= 2) {
      const b0 = chunk[at];
      const b1 = chunk[at + 1];
      let length = b1 & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (total - at < 4) break;
        length = chunk.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        if (total - at < 10) break;
        length = Number(chunk.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (b1 & 0x80) throw new Error("a server frame must not be masked");
      if (total - start < length) break;
      const stop = start + length;
      const opcode = b0 & 0x0f;
      const fin = (b0 & 0x80) !== 0;
      if (opcode >= 0x8) {
        handleControl(opcode, chunk.subarray(start, stop));
      } else if (opcode !== OPCODE.continuation && fin) {
        onMessage(chunk, start, stop, opcode === OPCODE.text);
      } else {
        // a fragmented message: gathered until its last fragment (rare: the servers send whole messages)
        if (opcode !== OPCODE.continuation) {
          fragments = [];
          fragmentsText = opcode === OPCODE.text;
        }
        fragments.push(Buffer.from(chunk.subarray(start, stop)));
        if (fin) {
          const whole = Buffer.concat(fragments);
          fragments = null;
          onMessage(whole, 0, whole.length, fragmentsText);
        }
      }
      at = stop;
      if (closed) return total;
    }
    return at;
  };

  const onData = (data) => {
    let chunk = data;
    if (pending) {
      chunk = Buffer.concat([pending, data]);
      pending = null;
    }
    const at = scan(chunk, 0);
    if (at < chunk.length) pending = Buffer.from(chunk.subarray(at)); // a copy: the chunk's memory is reused
  };

  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onHandshake = (data) => {
      head = Buffer.concat([head, data]);
      const endOfHead = head.indexOf("\r\n\r\n");
      if (endOfHead < 0) return;
      socket.off("data", onHandshake);
      const lines = head.subarray(0, endOfHead).toString("latin1").split("\r\n");
      const accept = lines.find((l) => /^sec-websocket-accept:/i.test(l));
      if (!/^HTTP\/1\.1 101/.test(lines[0]) || !accept || accept.split(":")[1].trim() !== expectedAccept) {
        socket.destroy();
        reject(new Error(`WebSocket upgrade refused by ${url}: ${lines[0]}`));
        return;
      }
      socket.on("data", onData);
      socket.on("close", end);
      socket.on("error", end);
      const rest = head.subarray(endOfHead + 4);
      if (rest.length) onData(Buffer.from(rest));
      resolve({
        onMessage(fn) {
          onMessage = fn;
        },
        onClose(fn) {
          onClose = fn;
        },
        send(data) {
          if (closed) return;
          if (typeof data === "string") socket.write(clientFrame(OPCODE.text, Buffer.from(data)));
          else socket.write(clientFrame(OPCODE.binary, data));
        },
        close() {
          if (closed) return;
          socket.write(clientFrame(OPCODE.close, Buffer.from([0x03, 0xe8]))); // 1000: normal closure
          socket.end();
          closed = true;
          onClose();
        },
      });
    };
    socket.on("data", onHandshake);
    socket.once("close", () => reject(new Error(`${url} closed before the WebSocket upgrade`)));
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      socket.once("error", (e) => reject(e)); // before the upgrade: the open fails
      socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
  });
}
