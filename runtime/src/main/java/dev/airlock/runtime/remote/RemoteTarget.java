package dev.airlock.runtime.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * One remote server as people know it, and the sentences that explain what went wrong with it. The
 * sentences name the server's title and host, never a token or a full URL with its query.
 *
 * @param title the catalog's title, such as "Weather"
 * @param url the endpoint from the registry (https, or http to this computer)
 */
public record RemoteTarget(String title, URI url) {

    /** The host (and port, when the URL names one) for messages: {@code weather.example.com}. */
    public String host() {
        return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    RemoteFailure unreachable(Throwable cause) {
        String detail = describe(cause);
        return new RemoteFailure(
                "Airlock could not reach it at %s (%s)".formatted(host(), detail),
                "Airlock could not reach the %s server at %s: %s. Check your network or ask IT."
                        .formatted(title, host(), detail));
    }

    RemoteFailure lost(Throwable cause) {
        String detail = describe(cause);
        return new RemoteFailure(
                "the connection to %s was lost (%s)".formatted(host(), detail),
                "The connection to the %s server at %s was lost (%s). Turn it on again to reconnect; if it keeps happening, check your network or ask IT."
                        .formatted(title, host(), detail));
    }

    RemoteFailure refused(int status) {
        return new RemoteFailure(
                "%s refused your sign-in (HTTP %d)".formatted(host(), status),
                "The %s server at %s refused your sign-in (HTTP %d). Sign in to Airlock again; if it keeps happening, ask IT whether your role may use this server."
                        .formatted(title, host(), status));
    }

    RemoteFailure garbage(String detail) {
        return new RemoteFailure(
                "%s gave an answer Airlock cannot use (%s)".formatted(host(), detail),
                "The %s server at %s gave an answer Airlock cannot use (%s). Ask IT to check the server."
                        .formatted(title, host(), detail));
    }

    RemoteFailure closed() {
        return new RemoteFailure("it was turned off", "The %s server was turned off.".formatted(title));
    }

    /** A few plain words for a network failure; the exception itself goes to the log. */
    static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            switch (t) {
                case HttpConnectTimeoutException e -> {
                    return "no answer in time";
                }
                case ConnectException e -> {
                    return "connection refused";
                }
                case UnknownHostException e -> {
                    return "unknown host name";
                }
                case UnresolvedAddressException e -> {
                    return "unknown host name";
                }
                case SSLException e -> {
                    return "its certificate is not trusted or the secure connection failed";
                }
                case HttpTimeoutException e -> {
                    return "no answer in time";
                }
                default -> {}
            }
        }
        return cause instanceof IOException
                        && cause.getMessage() != null
                        && cause.getMessage().contains("closed")
                ? "the connection was closed"
                : "the connection failed";
    }
}
