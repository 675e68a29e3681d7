package dev.airlock.runtime.control;

import java.util.Map;

/** What an AI app needs to reach the gateway: the URL and the headers to send. */
public record ClientConnection(String client, String url, Map<String, String> headers) {

    public ClientConnection {
        headers = Map.copyOf(headers);
    }
}
