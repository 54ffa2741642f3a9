// A ShareDB 7 server as its documentation sets it up: in-memory database, one WebSocket per client
// (@teamwork/websocket-json-stream), json0 (ShareDB's default type). Run as a child process so its CPU and memory
// are measured apart from the load driver:
//   node --expose-gc lib/sharedb-server.mjs <port>
// GET /stats answers the process's memory after a full GC, for the idle-session workload.
import http from "node:http";
import ShareDB from "sharedb";
import WebSocketJSONStream from "@teamwork/websocket-json-stream";
import { WebSocketServer } from "ws";

const port = Number(process.argv[2] || 0);
const backend = new ShareDB();
let sessions = 0;

const server = http.createServer((request, response) => {
  if (request.url === "/stats") {
    if (global.gc) global.gc();
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ sessions, ...process.memoryUsage() }));
  } else {
    response.statusCode = 404;
    response.end();
  }
});
const sockets = new WebSocketServer({ server });
sockets.on("connection", (socket) => {
  sessions++;
  socket.on("close", () => sessions--);
  const stream = new WebSocketJSONStream(socket);
  // ShareDB may still write to a socket its client has just closed (a backlog of ops after an overloaded step);
  // the stream reports that as an error event, which would end the process if nobody listened
  stream.on("error", () => {});
  backend.listen(stream);
});
server.listen(port, "127.0.0.1", () => console.log(`ShareDB ready on ${server.address().port}`));
