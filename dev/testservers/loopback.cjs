// Preloaded (node --require) into server-everything, whose HTTP modes listen on every interface
// with no option to change that: any listen(port[, callback]) call binds 127.0.0.1 instead, so a
// test server is never reachable from the network.
"use strict";
const net = require("node:net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const port = args[0];
  const isPort = typeof port === "number" || (typeof port === "string" && /^\d+$/.test(port));
  if (isPort && typeof args[1] !== "string") {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
