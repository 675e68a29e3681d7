package dev.airlock.demo;

import dev.airlock.runtime.auth.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser for Keycloak's own sign-in page: loads it, fills in the user name and password,
 * submits the form and follows the redirect back to Airlock's loopback listener, keeping cookies as
 * a browser does. What a person does, without a person.
 */
final class KeycloakBrowser implements Browser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>", Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private final String username;
    private final String password;
    /*
     * Keycloak marks its session cookies Secure. Browsers treat 127.0.0.1 as a secure context and send
     * them anyway; java.net's CookieManager does not, so this jar keeps them the browser's way.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();
    /** Completes with the loopback page's status once the flow ran; fails with what went wrong. */
    final CompletableFuture<Integer> done = new CompletableFuture<>();

    KeycloakBrowser(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public void open(URI address) {
        Thread.ofVirtual().start(() -> {
            try {
                done.complete(signIn(address));
            } catch (Exception | AssertionError e) {
                done.completeExceptionally(e);
            }
        });
    }

    private int signIn(URI authorize) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> page = send(http, HttpRequest.newBuilder(authorize));
        Matcher form = LOGIN_FORM.matcher(page.body());
        if (page.statusCode() != 200 || !form.find()) {
            throw new AssertionError("No Keycloak sign-in form (HTTP " + page.statusCode() + "): " + text(page.body()));
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new AssertionError("The sign-in form has no action");
        }
        URI submit = URI.create(action.group(1).replace("&amp;", "&"));
        String body = "username=" + encode(username) + "&password=" + encode(password) + "&credentialId=";
        HttpResponse<String> login = send(
                http,
                HttpRequest.newBuilder(submit)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        String location = login.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("Keycloak did not redirect after sign-in (HTTP "
                        + login.statusCode() + "): " + text(login.body())));
        // back to Airlock's loopback listener, as the browser would go
        return send(http, HttpRequest.newBuilder(URI.create(location))).statusCode();
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(c -> c.getKey() + "=" + c.getValue())
                            .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(
                        pair.substring(0, equals).strip(),
                        pair.substring(equals + 1).strip());
            }
        }
        return response;
    }

    private static String text(String html) {
        String plain = html.replaceAll("(?s)<script.*?</script>|<style.*?</style>|<[^>]+>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return plain.length() > 300 ? plain.substring(0, 300) : plain;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
