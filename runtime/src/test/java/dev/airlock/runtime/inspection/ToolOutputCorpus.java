package dev.airlock.runtime.inspection;

import dev.airlock.runtime.json.Json;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * About a megabyte of what MCP tools return, for measuring the scanner: log lines with timestamps and
 * addresses, JSON records, source code, file listings, prose, with a few planted secrets and personal
 * data. Made from a fixed seed, so every run measures the same text.
 */
final class ToolOutputCorpus {

    private ToolOutputCorpus() {}

    /** A tools/call result whose text content adds up to about {@code chars} characters. */
    static JsonNode toolResult(int chars) {
        Random random = new Random(42);
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode content = result.putArray("content");
        int total = 0;
        int block = 0;
        while (total < chars) {
            String text = switch (block++ % 5) {
                case 0 -> logLines(random);
                case 1 -> jsonRecords(random);
                case 2 -> sourceCode(random);
                case 3 -> fileListing(random);
                default -> prose(random);
            };
            content.addObject().put("type", "text").put("text", text);
            total += text.length();
        }
        ObjectNode structured = result.putObject("structuredContent");
        structured.put("status", "ok").put("items", block);
        return result;
    }

    /** The characters of all string values in a message, which is what the scanner reads. */
    static long stringChars(JsonNode node) {
        if (node.isString()) {
            return node.stringValue().length();
        }
        long sum = 0;
        for (JsonNode child : node) {
            sum += stringChars(child);
        }
        return sum;
    }

    private static String logLines(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            out.append("2026-11-22T09:")
                    .append(10 + random.nextInt(50))
                    .append(':')
                    .append(10 + random.nextInt(50))
                    .append('.')
                    .append(100 + random.nextInt(900))
                    .append("Z INFO  [worker-")
                    .append(random.nextInt(16))
                    .append("] request id=")
                    .append(Long.toHexString(random.nextLong()))
                    .append(" from 10.")
                    .append(random.nextInt(256))
                    .append('.')
                    .append(random.nextInt(256))
                    .append('.')
                    .append(random.nextInt(256))
                    .append(" GET /api/v2/orders/")
                    .append(random.nextInt(100_000))
                    .append(" status=200 duration_ms=")
                    .append(random.nextInt(900))
                    .append(" bytes=")
                    .append(random.nextInt(90_000))
                    .append('\n');
            if (random.nextInt(200) == 0) {
                out.append("DEBUG auth header Bearer ghp_")
                        .append(token(random, 36))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String jsonRecords(Random random) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            out.append("{\"id\": ")
                    .append(random.nextInt(1_000_000))
                    .append(", \"name\": \"Order ")
                    .append(random.nextInt(10_000))
                    .append("\", \"customer\": \"customer-")
                    .append(random.nextInt(500))
                    .append("\", \"total\": ")
                    .append(random.nextInt(100_000) / 100.0)
                    .append(", \"currency\": \"EUR\", \"created\": \"2026-0")
                    .append(1 + random.nextInt(9))
                    .append("-1")
                    .append(random.nextInt(10))
                    .append("\", \"tags\": [\"priority\", \"retail\"], \"uuid\": \"")
                    .append(new java.util.UUID(random.nextLong(), random.nextLong()))
                    .append("\"}");
            if (random.nextInt(50) == 0) {
                out.append(", {\"email\": \"someone").append(random.nextInt(99)).append("@acme-corp.de\"}");
            }
            out.append(i < 24 ? ",\n" : "");
        }
        return out.append("]").toString();
    }

    private static String sourceCode(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            out.append("    public Response handle")
                    .append(i)
                    .append("(Request request) throws IOException {\n")
                    .append("        String path = request.path();\n")
                    .append("        if (path == null || path.isBlank()) {\n")
                    .append("            return Response.badRequest(\"path is required\");\n")
                    .append("        }\n")
                    .append("        int limit = request.intParam(\"limit\", ")
                    .append(random.nextInt(100))
                    .append(");\n")
                    .append("        var token = request.header(\"Authorization\");\n")
                    .append("        return service.list(path, limit, token);\n")
                    .append("    }\n\n");
        }
        if (random.nextInt(10) == 0) {
            out.append("    // config: password = \"").append(token(random, 20)).append("\"\n");
        }
        return out.toString();
    }

    private static String fileListing(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            out.append("-rw-r--r--  1 app  staff  ")
                    .append(random.nextInt(1_000_000))
                    .append(" Nov ")
                    .append(1 + random.nextInt(28))
                    .append(" 10:")
                    .append(10 + random.nextInt(50))
                    .append(" src/main/java/com/acme/service/Module")
                    .append(random.nextInt(400))
                    .append(".java\n");
        }
        return out.toString();
    }

    private static final String[] WORDS =
            ("the a report shows that sales in the northern region grew by percent while costs"
                            + " stayed flat and the team plans to expand the pilot next quarter pending review by finance and"
                            + " legal who asked for more detail on the vendor contracts and the migration timeline")
                    .split(" ");

    private static String prose(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            out.append(WORDS[random.nextInt(WORDS.length)]).append(i % 17 == 16 ? ".\n" : " ");
        }
        if (random.nextInt(20) == 0) {
            out.append("Call Jane on +44 20 7946 0958 or pay 4111 1111 1111 1111.\n");
        }
        return out.toString();
    }

    private static String token(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
