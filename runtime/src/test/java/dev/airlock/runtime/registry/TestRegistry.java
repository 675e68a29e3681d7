package dev.airlock.runtime.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** A real HTTP registry on 127.0.0.1 whose answers a test scripts, and which records what it was asked. */
final class TestRegistry implements AutoCloseable {

    /** What one request carried. */
    record Seen(String path, Map<String, String> query, String authorization, String ifNoneMatch) {
        String cursor() {
            return query.get("cursor");
        }
    }

    /** An answer: a status, headers and a body, or a body streamed in chunks, or no answer at all. */
    record Reply(int status, Map<String, String> headers, byte[] body, long streamed, boolean hangs) {

        static Reply json(String json) {
            return new Reply(200, Map.of("Content-Type", "application/json"), json.getBytes(UTF_8), 0, false);
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), "{\"error\": \"scripted\"}".getBytes(UTF_8), 0, false);
        }

        /** {@code bytes} of JSON-ish filler without a Content-Length, written as it goes. */
        static Reply streamed(long bytes) {
            return new Reply(200, Map.of(), new byte[0], bytes, false);
        }

        static Reply noAnswer() {
            return new Reply(200, Map.of(), new byte[0], 0, true);
        }

        Reply header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, streamed, hangs);
        }
    }

    @FunctionalInterface
    interface Script {
        /** @param number the request's number, counting from 1 */
        Reply reply(Seen request, int number);
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final List<Callback> hanging = new CopyOnWriteArrayList<>();
    private final AtomicLong streamedBytes = new AtomicLong();
    private volatile Script script;

    TestRegistry(Script script) throws Exception {
        this.script = script;
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                answer(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    /** The base address, with a path, as a company might serve its registry behind a prefix. */
    URI base() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/registry");
    }

    void script(Script next) {
        script = next;
    }

    List<Seen> requests() {
        return List.copyOf(requests);
    }

    long streamedBytes() {
        return streamedBytes.get();
    }

    private void answer(Request request, Response response, Callback callback) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, String> query = new LinkedHashMap<>();
        fields.forEach(field -> query.put(field.getName(), field.getValue()));
        Seen seen = new Seen(
                request.getHttpURI().getPath(),
                query,
                request.getHeaders().get(HttpHeader.AUTHORIZATION),
                request.getHeaders().get(HttpHeader.IF_NONE_MATCH));
        requests.add(seen);
        Reply reply = script.reply(seen, requests.size());
        if (reply.hangs()) {
            hanging.add(callback);
            return;
        }
        response.setStatus(reply.status());
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (reply.streamed() > 0) {
            stream(response, callback, reply.streamed());
            return;
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    private void stream(Response response, Callback callback, long total) {
        byte[] chunk = " ".repeat(64 * 1024).getBytes(UTF_8);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            for (long sent = 0; sent < total; sent += chunk.length) {
                out.write(chunk);
                out.flush();
                streamedBytes.addAndGet(chunk.length);
            }
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e); // the client stopped reading, as it should
        }
    }

    @Override
    public void close() throws Exception {
        for (Callback callback : new ArrayList<>(hanging)) {
            callback.failed(new IOException("test over"));
        }
        server.stop();
    }
}
