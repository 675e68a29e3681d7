package dev.airlock.runtime.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Query strings and ports, for tests. */
final class Addresses {

    private Addresses() {}

    /** The decoded parameters of a query or form body. */
    static Map<String, String> parameters(String encoded) {
        var parameters = new LinkedHashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static Map<String, String> query(URI address) {
        return parameters(address.getRawQuery());
    }

    /** The same address with its query replaced. */
    static URI withQuery(URI address, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = address.toString();
        int question = base.indexOf('?');
        return URI.create((question < 0 ? base : base.substring(0, question)) + "?" + query);
    }

    /** The same address with one parameter set. */
    static URI withParameter(URI address, String name, String value) {
        var parameters = query(address);
        parameters.put(name, value);
        return withQuery(address, parameters);
    }

    /** Whether nothing listens on this loopback port. */
    static boolean portClosed(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int unusedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
