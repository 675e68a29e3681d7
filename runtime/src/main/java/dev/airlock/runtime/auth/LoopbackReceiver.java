package dev.airlock.runtime.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the provider's redirect once, on {@code http://127.0.0.1:<ephemeral port>/callback} (RFC
 * 8252 §7.3: the loopback literal, not {@code localhost}, so no resolver or other interface is
 * involved). The browser's request is held open until {@link #answer} says how the sign-in ended, so
 * the tab tells the truth. Anything else — a favicon, a request without an authorization answer, a
 * foreign {@code Host} — is refused without completing. Closing stops the listener and frees the port.
 */
final class LoopbackReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackReceiver.class);
    static final String HOST = "127.0.0.1";
    static final String CALLBACK_PATH = "/callback";
    // how long the browser tab waits for the token exchange before it is told to look in Airlock
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);
    // how long closing waits for the tab's page to be sent
    private static final Duration SEND_WAIT = Duration.ofSeconds(5);

    private final Server server;
    private final int port;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();
    private final CompletableFuture<CallbackPage> page = new CompletableFuture<>();
    private final CompletableFuture<Void> pageSent = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    private LoopbackReceiver(Server server, ServerConnector connector) throws Exception {
        this.server = server;
        server.setHandler(new CallbackHandler());
        server.start();
        this.port = connector.getLocalPort();
    }

    /** Listens on 127.0.0.1 on a port the system picks. */
    static LoopbackReceiver start() throws IOException {
        var threads = new QueuedThreadPool(8, 2);
        threads.setName("sign-in-callback");
        var virtualThreads = new VirtualThreadPool();
        virtualThreads.setName("sign-in-callback-request");
        threads.setVirtualThreadsExecutor(virtualThreads);
        var server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        var connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(HOST);
        connector.setPort(0);
        server.addConnector(connector);
        try {
            return new LoopbackReceiver(server, connector);
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw new IOException("Could not listen on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** The redirect URI to register with the authorization request. */
    URI redirectUri() {
        return URI.create("http://%s:%d%s".formatted(HOST, port, CALLBACK_PATH));
    }

    int port() {
        return port;
    }

    /** Completes with the full address the browser was sent to, query included. */
    CompletableFuture<URI> callback() {
        return callback;
    }

    /** What the waiting browser tab shows; only the first answer counts. */
    void answer(CallbackPage answer) {
        page.complete(answer);
    }

    @Override
    public void close() {
        callback.cancel(false);
        page.complete(CallbackPage.failed("The sign-in was stopped."));
        if (taken.get()) {
            try {
                pageSent.get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                LOG.debug("The sign-in page was not sent before closing: {}", e.toString());
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("Stopping the sign-in callback listener failed", e);
        }
    }

    private final class CallbackHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback done) {
            if (!isAuthorizationAnswer(request)) {
                Response.writeError(request, response, done, 404);
                return true;
            }
            URI address;
            try {
                address = URI.create(redirectUri() + "?" + request.getHttpURI().getQuery());
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignored an unreadable answer on the sign-in listener");
                Response.writeError(request, response, done, 400);
                return true;
            }
            if (!taken.compareAndSet(false, true)) {
                send(response, done, CallbackPage.alreadyUsed(), null);
                return true;
            }
            callback.complete(address);
            CallbackPage answer;
            try {
                answer = page.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = CallbackPage.failed("Airlock stopped waiting.");
            } catch (ExecutionException | TimeoutException e) {
                answer = CallbackPage.failed("Airlock is still working on the sign-in; look there for the result.");
            }
            send(response, done, answer, pageSent);
            return true;
        }

        private boolean isAuthorizationAnswer(Request request) {
            if (!"GET".equals(request.getMethod()) || !CALLBACK_PATH.equals(Request.getPathInContext(request))) {
                return false;
            }
            // a page elsewhere could point the browser at this port; the real redirect names it exactly
            if (!(HOST + ":" + port).equals(request.getHeaders().get(HttpHeader.HOST))) {
                LOG.info("Ignored a request to the sign-in listener for another host name");
                return false;
            }
            Fields parameters = Request.extractQueryParameters(request);
            return parameters.get("code") != null || parameters.get("error") != null || parameters.get("state") != null;
        }

        private static void send(Response response, Callback done, CallbackPage answer, CompletableFuture<Void> sent) {
            response.setStatus(answer.success() ? 200 : 400);
            var headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            response.write(
                    true,
                    ByteBuffer.wrap(answer.html()),
                    Callback.from(
                            () -> {
                                done.succeeded();
                                if (sent != null) {
                                    sent.complete(null);
                                }
                            },
                            failure -> {
                                done.failed(failure);
                                if (sent != null) {
                                    sent.complete(null);
                                }
                            }));
        }
    }
}
