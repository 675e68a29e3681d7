// A test MCP server that gets stuck: it answers initialize, tools/list (one tool, `wait`) and ping,
// but never answers tools/call. It notes each notifications/cancelled on stderr. Used by the
// gateway's tests to prove that a stuck server holds up nobody but its own callers.
// MCP over stdio: one JSON-RPC message per line. No dependencies beyond node itself.
'use strict';

const readline = require('node:readline');

const waiting = new Set();

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function answer(id, result) {
  send({ jsonrpc: '2.0', id, result });
}

function handle(message) {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return;
  }
  const { id, method } = message;
  if (id === undefined) {
    if (method === 'notifications/cancelled') {
      const requestId = message.params && message.params.requestId;
      waiting.delete(requestId);
      process.stderr.write(`cancelled ${JSON.stringify(requestId)}; still waiting: ${waiting.size}\n`);
    }
    return;
  }
  switch (method) {
    case 'initialize':
      answer(id, {
        protocolVersion: (message.params && message.params.protocolVersion) || '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'mcp-stuck', version: '1.0.0' },
      });
      break;
    case 'ping':
      answer(id, {});
      break;
    case 'tools/list':
      answer(id, {
        tools: [{
          name: 'wait',
          description: 'Never answers.',
          inputSchema: { type: 'object', properties: {} },
        }],
      });
      break;
    case 'tools/call':
      waiting.add(id); // and never answered
      break;
    default:
      send({ jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method}` } });
  }
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  handle(message);
});
lines.on('close', () => process.exit(0));
