package dev.airlock.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo company's MCP registry on 127.0.0.1: the official Registry API's list endpoint, answering
 * each caller with the servers their groups may use, as a company registry would. It also publishes
 * {@code /.well-known/airlock.json}, so that typing its address is all a first-run setup needs.
 */
final class DemoRegistry implements AutoCloseable {

    private static final int PAGE_SIZE = 30;

    private final List<JsonNode> entries;
    private final DefaultJWTProcessor<SecurityContext> tokens = new DefaultJWTProcessor<>();
    private final ObjectNode wellKnown;
    private Server server;

    /** The demo company's registry, serving the demo catalog. */
    DemoRegistry(URI issuer, URI jwks, String clientId, List<String> scopes) throws IOException {
        this(demoCatalog(), issuer, jwks, clientId, scopes);
    }

    /**
     * A registry serving the given catalog document ({@code {"servers":[…]}}) to callers with a valid
     * token from {@code issuer}, each entry only to the groups its policy names.
     */
    DemoRegistry(JsonNode catalog, URI issuer, URI jwks, String clientId, List<String> scopes) throws IOException {
        entries = new ArrayList<>();
        catalog.path("servers").forEach(entries::add);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwks.toURL()).build();
        tokens.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        tokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("exp", "sub")));
        wellKnown = Json.mapper().createObjectNode();
        wellKnown.put("issuer", issuer.toString());
        wellKnown.put("clientId", clientId);
        scopes.forEach(wellKnown.putArray("scopes")::add);
    }

    private static JsonNode demoCatalog() throws IOException {
        try (InputStream catalog = DemoRegistry.class.getResourceAsStream("demo-catalog.json")) {
            return Json.mapper().readTree(catalog);
        }
    }

    void start() throws Exception {
        server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                switch (path) {
                    case "/.well-known/airlock.json" -> send(response, callback, 200, wellKnown);
                    case "/v0.1/servers" -> listServers(request, response, callback);
                    default -> send(response, callback, 404, error("Not found"));
                }
                return true;
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    private void listServers(Request request, Response response, Callback callback) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        Set<String> groups;
        try {
            groups = groups(authorization);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            send(response, callback, 401, error("Sign in to see your company's servers."));
            return;
        }
        List<JsonNode> visible =
                entries.stream().filter(entry -> allowed(entry, groups)).toList();
        Fields query = Request.extractQueryParameters(request);
        int start = parseCursor(query.getValue("cursor"));
        int end = Math.min(visible.size(), start + PAGE_SIZE);
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode servers = body.putArray("servers");
        visible.subList(Math.min(start, end), end).forEach(servers::add);
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("count", end - Math.min(start, end));
        if (end < visible.size()) {
            metadata.put("nextCursor", String.valueOf(end));
        }
        send(response, callback, 200, body);
    }

    private Set<String> groups(String authorization) throws ParseException, BadJOSEException, JOSEException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new IllegalArgumentException("no bearer token");
        }
        JWTClaimsSet claims = tokens.process(authorization.substring("Bearer ".length()), null);
        List<String> list = claims.getStringListClaim("groups");
        return list == null ? Set.of() : new HashSet<>(list);
    }

    private static boolean allowed(JsonNode entry, Set<String> groups) {
        JsonNode roles = entry.path("_meta").path("dev.airlock/policy").path("roles");
        for (JsonNode role : roles) {
            if (groups.contains(role.asString())) {
                return true;
            }
        }
        return false;
    }

    private static int parseCursor(String cursor) {
        try {
            return cursor == null ? 0 : Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ObjectNode error(String message) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("title", message);
        return node;
    }

    private static void send(Response response, Callback callback, int status, JsonNode body) {
        byte[] bytes = Json.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                // shutting down: nothing to do
            }
        }
    }
}
