/**
 * MCP servers that run somewhere else (the registry's {@code remotes[]}), reached over Streamable
 * HTTP or the older HTTP+SSE transport with the user's own identity. Each transport feeds the same
 * {@link dev.airlock.runtime.server.ServerConnection} a container's stdio does, so everything above
 * it — sessions, the aggregate, limits, activity — treats both alike. See docs/adr/0017-remote-servers.md.
 */
package dev.airlock.runtime.remote;
