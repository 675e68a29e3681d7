package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopbackReceiverTest {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HttpResponse<String> get(URI address) throws Exception {
        return http.send(HttpRequest.newBuilder(address).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnTheLoopbackLiteralWithAnEphemeralPort() throws Exception {
        try (var receiver = LoopbackReceiver.start()) {
            URI redirect = receiver.redirectUri();
            assertThat(redirect.getScheme()).isEqualTo("http");
            assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
            assertThat(redirect.getPort()).isEqualTo(receiver.port()).isPositive();
            assertThat(redirect.getPath()).isEqualTo("/callback");
            assertThat(Addresses.portClosed(receiver.port())).isFalse();
        }
    }

    @Test
    void completesWithTheAnswerAndShowsWhatAirlockSays() throws Exception {
        try (var receiver = LoopbackReceiver.start()) {
            URI answer = URI.create(receiver.redirectUri() + "?code=abc&state=xyz");
            CompletableFuture<HttpResponse<String>> tab = CompletableFuture.supplyAsync(() -> uncheckedGet(answer));

            assertThat(receiver.callback().get(30, TimeUnit.SECONDS)).isEqualTo(answer);
            assertThat(tab).as("the tab waits for Airlock's verdict").isNotDone();
            receiver.answer(CallbackPage.signedIn());

            HttpResponse<String> page = tab.get(30, TimeUnit.SECONDS);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.body()).contains("You are signed in to Airlock", "You can close this tab.");
        }
    }

    @Test
    void showsAFailureInPlainWordsAndEscaped() throws Exception {
        try (var receiver = LoopbackReceiver.start()) {
            URI answer = URI.create(receiver.redirectUri() + "?error=access_denied&state=xyz");
            CompletableFuture<HttpResponse<String>> tab = CompletableFuture.supplyAsync(() -> uncheckedGet(answer));
            receiver.callback().get(30, TimeUnit.SECONDS);

            receiver.answer(CallbackPage.failed("Sign-in was declined <script>."));

            HttpResponse<String> page = tab.get(30, TimeUnit.SECONDS);
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body())
                    .contains("Sign-in did not complete", "Sign-in was declined &lt;script&gt;.")
                    .doesNotContain("<script>");
        }
    }

    @Test
    void ignoresUnrelatedRequests() throws Exception {
        try (var receiver = LoopbackReceiver.start()) {
            URI base = receiver.redirectUri();

            assertThat(get(base.resolve("/favicon.ico")).statusCode()).isEqualTo(404);
            assertThat(get(base).statusCode())
                    .as("no authorization answer in it")
                    .isEqualTo(404);
            assertThat(get(base.resolve("/other?code=abc&state=xyz")).statusCode())
                    .isEqualTo(404);
            var localhost = URI.create("http://localhost:%d/callback?code=abc&state=xyz".formatted(receiver.port()));
            assertThat(get(localhost).statusCode()).as("another Host header").isEqualTo(404);

            assertThat(receiver.callback()).isNotDone();
        }
    }

    @Test
    void takesOnlyOneAnswer() throws Exception {
        try (var receiver = LoopbackReceiver.start()) {
            URI first = URI.create(receiver.redirectUri() + "?code=first&state=xyz");
            CompletableFuture<HttpResponse<String>> tab = CompletableFuture.supplyAsync(() -> uncheckedGet(first));
            receiver.callback().get(30, TimeUnit.SECONDS);

            HttpResponse<String> second = get(URI.create(receiver.redirectUri() + "?code=second&state=xyz"));

            assertThat(second.body()).contains("This sign-in is already finished");
            assertThat(receiver.callback().get()).isEqualTo(first);
            receiver.answer(CallbackPage.signedIn());
            assertThat(tab.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closingFreesThePortAndReleasesAWaitingTab() throws Exception {
        var receiver = LoopbackReceiver.start();
        int port = receiver.port();
        URI answer = URI.create(receiver.redirectUri() + "?code=abc&state=xyz");
        CompletableFuture<HttpResponse<String>> tab = CompletableFuture.supplyAsync(() -> uncheckedGet(answer));
        receiver.callback().get(30, TimeUnit.SECONDS);

        receiver.close();

        assertThat(tab.get(30, TimeUnit.SECONDS).body()).contains("The sign-in was stopped.");
        await().atMost(Duration.ofSeconds(30)).until(() -> Addresses.portClosed(port));
    }

    @Test
    void closingBeforeAnyAnswerCancelsTheWait() throws Exception {
        var receiver = LoopbackReceiver.start();
        int port = receiver.port();

        receiver.close();

        assertThat(receiver.callback()).isCancelled();
        await().atMost(Duration.ofSeconds(30)).until(() -> Addresses.portClosed(port));
    }

    private HttpResponse<String> uncheckedGet(URI address) {
        try {
            return get(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
