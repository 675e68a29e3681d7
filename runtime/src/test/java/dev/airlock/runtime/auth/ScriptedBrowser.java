package dev.airlock.runtime.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A browser double that does what a real one does when the provider signs the user in at once: GET
 * the authorization address, take the provider's redirect and GET it on Airlock's loopback listener.
 * Redirects are followed by hand, so a test can alter the one back to Airlock, as an attacker might.
 * It runs on its own thread, as a browser is its own process.
 */
final class ScriptedBrowser implements Browser {

    enum Behaviour {
        /** The user signs in. */
        SIGN_IN,
        /** The tab opens and the user walks away. */
        IGNORE,
        /** No browser can be started. */
        FAIL
    }

    /** What the browser tab ended up showing. */
    record Tab(int status, String body) {}

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Behaviour behaviour;
    private final UnaryOperator<URI> redirectBack;
    private final BlockingQueue<URI> opened = new LinkedBlockingQueue<>();
    private final List<URI> openedSoFar = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Tab> tab = new CompletableFuture<>();
    private final CompletableFuture<URI> providerRedirect = new CompletableFuture<>();

    ScriptedBrowser(Behaviour behaviour, UnaryOperator<URI> redirectBack) {
        this.behaviour = behaviour;
        this.redirectBack = redirectBack;
    }

    static ScriptedBrowser signingIn() {
        return new ScriptedBrowser(Behaviour.SIGN_IN, UnaryOperator.identity());
    }

    /** Signs in, but the redirect back to Airlock is altered on the way. */
    static ScriptedBrowser signingInWithRedirect(UnaryOperator<URI> alteration) {
        return new ScriptedBrowser(Behaviour.SIGN_IN, alteration);
    }

    static ScriptedBrowser ignoring() {
        return new ScriptedBrowser(Behaviour.IGNORE, UnaryOperator.identity());
    }

    static ScriptedBrowser failing() {
        return new ScriptedBrowser(Behaviour.FAIL, UnaryOperator.identity());
    }

    @Override
    public void open(URI address) throws BrowserException {
        if (behaviour == Behaviour.FAIL) {
            throw new BrowserException("No web browser could be started (tried the test double).");
        }
        openedSoFar.add(address);
        opened.add(address);
        if (behaviour == Behaviour.SIGN_IN && Addresses.query(address).containsKey("response_type")) {
            Thread.ofVirtual().start(() -> signInAt(address));
        }
    }

    /** What a user does with an address they were asked to open themselves. */
    void signInAt(URI authorizationAddress) {
        try {
            HttpResponse<String> atProvider = http.send(
                    HttpRequest.newBuilder(authorizationAddress).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (atProvider.statusCode() != 302) {
                throw new AssertionError("The provider answered " + atProvider.statusCode() + ": " + atProvider.body());
            }
            URI back = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
            providerRedirect.complete(back);
            HttpResponse<String> atAirlock = http.send(
                    HttpRequest.newBuilder(redirectBack.apply(back)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            tab.complete(new Tab(atAirlock.statusCode(), atAirlock.body()));
        } catch (Exception | AssertionError e) {
            tab.completeExceptionally(e);
        }
    }

    /** The next address opened, waiting for it. */
    URI nextOpened() throws InterruptedException {
        URI next = opened.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("No address was opened in the browser within " + WAIT);
        }
        return next;
    }

    List<URI> openedSoFar() {
        return List.copyOf(openedSoFar);
    }

    /** The page the sign-in tab showed at the end. */
    Tab tab() throws Exception {
        return tab.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Where the provider redirected the browser, unaltered (it holds the authorization code). */
    URI providerRedirect() throws Exception {
        return providerRedirect.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
