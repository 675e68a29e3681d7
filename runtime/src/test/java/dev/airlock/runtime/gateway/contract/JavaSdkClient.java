package dev.airlock.runtime.gateway.contract;

import dev.airlock.runtime.json.Json;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official MCP Java SDK's client ({@code io.modelcontextprotocol.sdk:mcp}) with its Streamable
 * HTTP transport: all scenarios in one session. The SDK has no cancel call and does not send
 * {@code notifications/cancelled}: an app "cancels" by disposing the call's subscription, and that is
 * what the cancel scenario does. The SDK then forgets the call but keeps its HTTP exchange open, so
 * the gateway (and the server) learn of it only when the session ends; the session stays usable
 * meanwhile, which is what the scenario checks.
 */
record JavaSdkClient() implements ContractClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "java-sdk";
    }

    @Override
    public Optional<String> cannot(Scenario scenario) {
        return Optional.empty();
    }

    /** The SDK tells nobody of a disposed call: the gateway ends it with the session. */
    @Override
    public String cancelRecordedAs() {
        return "the AI app ended the session";
    }

    @Override
    public Map<Scenario, Outcome> run(Target target, String url, String token, List<Scenario> scenarios) {
        var progress = new Progress();
        URI endpoint = URI.create(url);
        var transport = HttpClientStreamableHttpTransport.builder(
                        endpoint.getScheme() + "://" + endpoint.getAuthority())
                .endpoint(endpoint.getPath())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("airlock-contract-java-sdk", "1.0.0"))
                .requestTimeout(TIMEOUT)
                .progressConsumer(notification -> {
                    progress.add(notification);
                    return reactor.core.publisher.Mono.empty();
                })
                .build();
        Map<Scenario, Outcome> outcomes = new EnumMap<>(Scenario.class);
        try {
            client.initialize().block(TIMEOUT);
            for (Scenario scenario : scenarios) {
                progress.clear();
                try {
                    outcomes.put(
                            scenario,
                            new Outcome(true, run(client, scenario, scenario.params(target), progress), null));
                } catch (RuntimeException e) {
                    outcomes.put(scenario, new Outcome(false, null, describe(e)));
                }
            }
        } finally {
            client.closeGracefully().block(TIMEOUT);
        }
        return outcomes;
    }

    private static JsonNode run(McpAsyncClient client, Scenario scenario, ObjectNode params, Progress progress) {
        ObjectNode seen = Json.mapper().createObjectNode();
        switch (scenario.kind()) {
            case "initialize" -> {
                McpSchema.InitializeResult result = client.getCurrentInitializationResult();
                seen.set("serverInfo", tree(result.serverInfo()));
                seen.set("capabilities", tree(result.capabilities()));
                seen.put("protocolVersion", result.protocolVersion());
                seen.put("instructions", result.instructions());
            }
            case "tools-list" ->
                seen.set("tools", tree(client.listTools().block(TIMEOUT).tools()));
            case "call" -> {
                try {
                    seen.set(
                            "result",
                            tree(client.callTool(request(params, null)).block(TIMEOUT)));
                } catch (McpError e) {
                    seen.set("error", describe(e));
                }
            }
            case "prompts" -> {
                seen.set("prompts", tree(client.listPrompts().block(TIMEOUT).prompts()));
                seen.set(
                        "get",
                        tree(client.getPrompt(new McpSchema.GetPromptRequest(
                                        params.path("name").asString(), Map.of()))
                                .block(TIMEOUT)));
            }
            case "resources" -> {
                seen.set("resources", tree(client.listResources().block(TIMEOUT).resources()));
                seen.set(
                        "read",
                        tree(client.readResource(new McpSchema.ReadResourceRequest(
                                        params.path("uri").asString()))
                                .block(TIMEOUT)));
            }
            case "ping" -> seen.set("result", tree(client.ping().block(TIMEOUT)));
            case "progress" -> {
                McpSchema.CallToolResult result =
                        client.callTool(request(params, "progress-1")).block(TIMEOUT);
                seen.set("progress", progress(progress.seen()));
                seen.set("result", tree(result));
            }
            case "cancel" -> {
                var ended = new CompletableFuture<McpSchema.CallToolResult>();
                Disposable call = client.callTool(request(params, "cancel-1"))
                        .subscribe(ended::complete, ended::completeExceptionally);
                // cancel once the server is at work: its first progress has come
                try {
                    CompletableFuture.anyOf(progress.first(), ended).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // no progress in time, or the call failed: the check sees it and says so
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                call.dispose();
                seen.set("progress", progress(progress.seen()));
                ObjectNode cancelled = seen.putObject("cancelled");
                if (!ended.isDone()) {
                    cancelled.putObject("error").put("message", "disposed by the app");
                } else if (ended.isCompletedExceptionally()) {
                    cancelled
                            .putObject("error")
                            .put("message", ended.exceptionNow().toString());
                } else {
                    cancelled.set("completed", tree(ended.join()));
                }
                seen.set(
                        "after",
                        tree(client.callTool(request(params.path("after"), null))
                                .block(TIMEOUT)));
            }
            default -> throw new IllegalArgumentException("no such scenario kind: " + scenario.kind());
        }
        return seen;
    }

    /** The progress notifications of the current scenario, and the first one's arrival. */
    private static final class Progress {
        private final List<McpSchema.ProgressNotification> seen = new CopyOnWriteArrayList<>();
        private volatile CompletableFuture<Void> first = new CompletableFuture<>();

        void add(McpSchema.ProgressNotification notification) {
            seen.add(notification);
            first.complete(null);
        }

        void clear() {
            seen.clear();
            first = new CompletableFuture<>();
        }

        CompletableFuture<Void> first() {
            return first;
        }

        List<McpSchema.ProgressNotification> seen() {
            return seen;
        }
    }

    private static McpSchema.CallToolRequest request(JsonNode params, String progressToken) {
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = Json.mapper().convertValue(params.path("arguments"), Map.class);
        return new McpSchema.CallToolRequest(
                params.path("name").asString(),
                arguments,
                progressToken == null ? null : Map.of("progressToken", progressToken));
    }

    private static JsonNode progress(List<McpSchema.ProgressNotification> progress) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (McpSchema.ProgressNotification step : progress) {
            steps.add(Map.of("progress", step.progress(), "total", step.total()));
        }
        return tree(steps);
    }

    private static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }

    private static ObjectNode describe(RuntimeException e) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("name", e.getClass().getSimpleName());
        if (e instanceof McpError mcp && mcp.getJsonRpcError() != null) {
            error.put("code", mcp.getJsonRpcError().code());
        }
        error.put("message", String.valueOf(e.getMessage()));
        return error;
    }
}
