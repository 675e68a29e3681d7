package dev.airlock.demo;

import dev.airlock.runtime.auth.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A scripted browser for the demo organization's sign-in page: picks a person, as a newcomer would
 * with a click, and follows the redirect back to Airlock's loopback listener.
 */
public final class ScriptedDemoBrowser implements Browser {

    static final String ALEX_CLAIMS =
            "{\"name\":\"Alex Rivera\",\"email\":\"alex.rivera@example.com\",\"groups\":[\"engineering\"]}";

    private final String username;
    private final String claims;
    public final CompletableFuture<Integer> done = new CompletableFuture<>();

    public ScriptedDemoBrowser(String username, String claims) {
        this.username = username;
        this.claims = claims;
    }

    public static ScriptedDemoBrowser alex() {
        return new ScriptedDemoBrowser("alex.rivera", ALEX_CLAIMS);
    }

    @Override
    public void open(URI address) {
        Thread.ofVirtual().start(() -> {
            try {
                HttpClient http = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
                HttpResponse<Void> login = http.send(
                        HttpRequest.newBuilder(address)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "username=" + encode(username) + "&claims=" + encode(claims)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                URI back = URI.create(login.headers().firstValue("Location").orElseThrow());
                done.complete(http.send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode());
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
