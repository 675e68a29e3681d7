// The TypeScript SDK's client (@modelcontextprotocol/sdk, pinned in package.json) running the
// gateway's contract scenarios, for ContractIT. It only drives the client and reports what the
// client saw: one JSON line per scenario on stdout. The assertions live in Java, shared by all
// clients, so this script judges nothing.
//
//   AIRLOCK_GATEWAY_TOKEN=alk_... node ts-sdk-client.mjs URL SCENARIO...
//
// A SCENARIO is either a bare kind (`initialize`, `tools-list`, `ping`) or a JSON object
// {"id": "...", "kind": "...", "params": {...}}; the test passes JSON with every non-ASCII character
// escaped, so the command line stays ASCII whatever the locale. Kinds:
//
//   initialize   what the handshake returned (server info, capabilities, protocol version)
//   tools-list   tools/list
//   call         tools/call of params {name, arguments}: the result, or the error the client raised
//   prompts      prompts/list, then prompts/get of params {name}
//   resources    resources/list, then resources/read of params {uri}
//   ping         ping
//   progress     tools/call of params {name, arguments} with a progress callback: progress seen, result
//   cancel       tools/call of params {name, arguments}, aborted (AbortSignal) at its first progress,
//                then tools/call of params.after {name, arguments} on the same session
//
// Each line: {"id", "ok": true, "observation": {...}} or {"id", "ok": false, "error": {...}}.
// The token comes from the environment, not the command line, where other users could read it.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, ...scenarios] = process.argv.slice(2);
const token = process.env.AIRLOCK_GATEWAY_TOKEN;
if (!url || scenarios.length === 0 || !token) {
  console.error("usage: AIRLOCK_GATEWAY_TOKEN=alk_... node ts-sdk-client.mjs URL SCENARIO...");
  process.exit(2);
}

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "airlock-contract-ts-sdk", version: "1.0.0" });
const timeout = 30_000;

function describe(error) {
  return {
    name: error?.constructor?.name ?? typeof error,
    code: error?.code ?? null,
    message: String(error?.message ?? error),
  };
}

const kinds = {
  async initialize() {
    return {
      serverInfo: client.getServerVersion(),
      capabilities: client.getServerCapabilities(),
      protocolVersion: transport.protocolVersion ?? null,
      instructions: client.getInstructions() ?? null,
    };
  },
  async "tools-list"() {
    return await client.listTools(undefined, { timeout });
  },
  async call({ name, arguments: args }) {
    try {
      return { result: await client.callTool({ name, arguments: args }, undefined, { timeout }) };
    } catch (error) {
      return { error: describe(error) };
    }
  },
  async prompts({ name }) {
    const list = await client.listPrompts(undefined, { timeout });
    const get = await client.getPrompt({ name }, { timeout });
    return { prompts: list.prompts, get };
  },
  async resources({ uri }) {
    const list = await client.listResources(undefined, { timeout });
    const read = await client.readResource({ uri }, { timeout });
    return { resources: list.resources, read };
  },
  async ping() {
    return { result: await client.ping({ timeout }) };
  },
  async progress({ name, arguments: args }) {
    const progress = [];
    const result = await client.callTool({ name, arguments: args }, undefined, {
      timeout,
      onprogress: (p) => progress.push(p),
    });
    return { progress, result };
  },
  async cancel({ name, arguments: args, after }) {
    const abort = new AbortController();
    const progress = [];
    let cancelled;
    try {
      const result = await client.callTool({ name, arguments: args }, undefined, {
        timeout,
        signal: abort.signal,
        onprogress: (p) => {
          progress.push(p);
          abort.abort("the contract test cancels the call");
        },
      });
      cancelled = { completed: result };
    } catch (error) {
      cancelled = { error: describe(error) };
    }
    const next = await client.callTool({ name: after.name, arguments: after.arguments }, undefined, {
      timeout,
    });
    return { progress, cancelled, after: next };
  },
};

try {
  await client.connect(transport);
} catch (error) {
  for (const scenario of scenarios) {
    console.log(JSON.stringify({ id: parse(scenario).id, ok: false, error: describe(error) }));
  }
  process.exit(1);
}

function parse(scenario) {
  return scenario.startsWith("{") ? JSON.parse(scenario) : { id: scenario, kind: scenario, params: {} };
}

for (const scenario of scenarios) {
  const { id, kind, params } = parse(scenario);
  try {
    if (!kinds[kind]) throw new Error(`unknown scenario kind ${kind}`);
    const observation = await kinds[kind](params ?? {});
    console.log(JSON.stringify({ id, ok: true, observation }));
  } catch (error) {
    console.log(JSON.stringify({ id, ok: false, error: describe(error) }));
  }
}
await transport.terminateSession().catch(() => {});
await client.close();
