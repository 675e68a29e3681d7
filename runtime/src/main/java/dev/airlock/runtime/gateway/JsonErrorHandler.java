package dev.airlock.runtime.gateway;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before the gateway sees them (an ambiguous path such as
 * {@code /mcp//weather}, a malformed request line, headers too large, ...) with a JSON-RPC error
 * object, as the gateway answers its own refusals, instead of Jetty's HTML page: an AI app reads
 * every error from the gateway the same way. Found by fuzzing (ADR 0019).
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        String reason = request.getAttribute(ERROR_MESSAGE) instanceof String message ? message : null;
        byte[] body = body(status, reason);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String reason) {
        int code = switch (status) {
            case 413, 414, 431 -> JsonRpc.LIMIT_EXCEEDED;
            default -> status >= 500 ? JsonRpc.INTERNAL_ERROR : JsonRpc.INVALID_REQUEST;
        };
        String detail = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        String message = status >= 500
                ? "The gateway failed to handle this request; see Airlock's log."
                : "The gateway could not accept this HTTP request (%d: %s). Check the address and headers your app sends."
                        .formatted(status, McpHandler.printable(detail));
        return Json.mapper().writeValueAsBytes(JsonRpc.error(null, code, message));
    }
}
