package dev.airlock.runtime.inspection;

import dev.airlock.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What MCP tools return, for the inspection benchmark: JSON-RPC {@code tools/call} results whose
 * content is log lines, JSON records written as text, source code, CSV tables, prose, base64 images
 * and embedded resources, with secrets and personal data planted at a realistic, small density (a few
 * dozen per megabyte). Made from a fixed seed, so every run and every machine scans the same text.
 *
 * <p>The planted values are made up on the spot from random characters in each format's shape, the
 * same way the rule examples are: nothing here is, or was, a live credential.
 */
public final class MixedToolOutput {

    private final Random random;

    private MixedToolOutput(long seed) {
        this.random = new Random(seed);
    }

    /** A {@code tools/call} result whose string values add up to at least {@code chars} characters. */
    public static JsonNode toolResult(int chars, long seed) {
        MixedToolOutput out = new MixedToolOutput(seed);
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode content = result.putArray("content");
        long total = 0;
        int block = 0;
        while (total < chars) {
            ObjectNode item = out.item(block++);
            content.add(item);
            total += stringChars(item);
        }
        result.putObject("structuredContent")
                .put("status", "ok")
                .put("items", block)
                .put("nextCursor", out.hex(32));
        return result;
    }

    /** The characters of all string values in a message, which is what the scanner reads. */
    public static long stringChars(JsonNode node) {
        if (node.isString()) {
            return node.stringValue().length();
        }
        long sum = 0;
        for (JsonNode child : node) {
            sum += stringChars(child);
        }
        return sum;
    }

    private ObjectNode item(int block) {
        ObjectNode item = Json.mapper().createObjectNode();
        switch (block % 8) {
            case 0, 4 -> item.put("type", "text").put("text", logLines());
            case 1 -> item.put("type", "text").put("text", jsonRecords());
            case 2 -> item.put("type", "text").put("text", sourceCode());
            case 3 -> item.put("type", "text").put("text", csvTable());
            case 5 -> item.put("type", "text").put("text", prose());
            case 6 -> item.put("type", "image").put("mimeType", "image/png").put("data", imageBlob());
            default -> {
                item.put("type", "resource");
                ObjectNode resource = item.putObject("resource");
                resource.put("uri", "file:///srv/app/config/" + word() + ".env").put("mimeType", "text/plain");
                if (random.nextBoolean()) {
                    resource.put("text", configFile());
                } else {
                    resource.put(
                            "blob",
                            Base64.getEncoder().encodeToString(configFile().getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return item;
    }

    private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
    private static final String[] PATHS = {
        "/api/v2/orders/", "/api/v2/customers/", "/healthz?probe=", "/api/v2/invoices/", "/static/app.js?v="
    };

    private String logLines() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            out.append(String.format(
                    "2026-11-22T%02d:%02d:%02d.%03dZ %s [worker-%d] ",
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60),
                    random.nextInt(1000),
                    LEVELS[random.nextInt(LEVELS.length)],
                    random.nextInt(16)));
            switch (random.nextInt(6)) {
                case 0 ->
                    out.append("GET ")
                            .append(PATHS[random.nextInt(PATHS.length)])
                            .append(random.nextInt(100_000))
                            .append(" status=200 duration_ms=")
                            .append(random.nextInt(900))
                            .append(" bytes=")
                            .append(random.nextInt(90_000))
                            .append(" trace=")
                            .append(hex(16));
                case 1 ->
                    out.append("cache miss for key order:")
                            .append(random.nextInt(1_000_000))
                            .append(", loading from primary (pool active=")
                            .append(random.nextInt(20))
                            .append(" idle=")
                            .append(random.nextInt(20))
                            .append(')');
                case 2 ->
                    out.append("job ")
                            .append(UUID.nameUUIDFromBytes(bytes(8)))
                            .append(" finished in ")
                            .append(random.nextInt(5000))
                            .append(" ms, ")
                            .append(random.nextInt(300))
                            .append(" rows written");
                case 3 ->
                    out.append(
                                    "java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:")
                            .append(200 + random.nextInt(200))
                            .append(")\n\tat com.acme.client.HttpClient.send(HttpClient.java:")
                            .append(random.nextInt(400))
                            .append(')');
                case 4 ->
                    out.append("user session refreshed, expires in ")
                            .append(random.nextInt(3600))
                            .append(" s");
                default ->
                    out.append("POST /api/v2/payments status=")
                            .append(random.nextBoolean() ? 201 : 409)
                            .append(" amount=")
                            .append(random.nextInt(100_000) / 100.0)
                            .append(" currency=EUR");
            }
            if (random.nextInt(150) == 0) {
                out.append(" client=").append(publicIp());
            }
            if (random.nextInt(700) == 0) {
                out.append(" Authorization: Bearer ghp_").append(alnum(36));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private String jsonRecords() {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < 30; i++) {
            out.append("  {\"id\": ")
                    .append(random.nextInt(1_000_000))
                    .append(", \"sku\": \"SKU-")
                    .append(random.nextInt(100_000))
                    .append("\", \"name\": \"")
                    .append(word())
                    .append(' ')
                    .append(word())
                    .append("\", \"total\": ")
                    .append(random.nextInt(100_000) / 100.0)
                    .append(", \"currency\": \"EUR\", \"created\": \"2026-")
                    .append(String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
                    .append("\", \"tags\": [\"")
                    .append(word())
                    .append("\", \"")
                    .append(word())
                    .append("\"], \"ref\": \"")
                    .append(UUID.nameUUIDFromBytes(bytes(8)))
                    .append('"');
            if (random.nextInt(120) == 0) {
                out.append(", \"contact\": \"").append(email()).append('"');
            }
            out.append(i < 29 ? "},\n" : "}\n");
        }
        return out.append("]").toString();
    }

    private String sourceCode() {
        StringBuilder out = new StringBuilder("package com.acme.orders;\n\nimport java.util.List;\n\n");
        for (int i = 0; i < 10; i++) {
            String name = word();
            out.append("    /** Loads the ")
                    .append(name)
                    .append(" for a request; returns an empty list when there is none. */\n")
                    .append("    public List<Order> ")
                    .append(name)
                    .append(i)
                    .append("(Request request) throws IOException {\n")
                    .append("        String path = request.path();\n")
                    .append("        if (path == null || path.isBlank()) {\n")
                    .append("            return List.of();\n")
                    .append("        }\n")
                    .append("        int limit = request.intParam(\"limit\", ")
                    .append(random.nextInt(100))
                    .append(");\n")
                    .append("        var token = request.header(\"Authorization\");\n")
                    .append("        for (int i = 0; i < limit; i++) {\n")
                    .append("            cache.put(path + i, service.load(path, i, token));\n")
                    .append("        }\n")
                    .append("        return service.list(path, limit);\n")
                    .append("    }\n\n");
        }
        if (random.nextInt(8) == 0) {
            out.append("    // TODO remove: password = \"").append(alnum(20)).append("\"\n");
        }
        return out.toString();
    }

    private String csvTable() {
        StringBuilder out = new StringBuilder("id,date,sku,qty,unit_price,region,status,contact\n");
        for (int i = 0; i < 45; i++) {
            out.append(random.nextInt(1_000_000))
                    .append(",2026-")
                    .append(String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
                    .append(",SKU-")
                    .append(random.nextInt(100_000))
                    .append(',')
                    .append(random.nextInt(50))
                    .append(',')
                    .append(random.nextInt(10_000) / 100.0)
                    .append(',')
                    .append(new String[] {"north", "south", "east", "west"}[random.nextInt(4)])
                    .append(',')
                    .append(random.nextInt(5) == 0 ? "returned" : "shipped")
                    .append(',');
            int contact = random.nextInt(240);
            if (contact == 0) {
                out.append(email());
            } else if (contact == 1) {
                out.append("+44 20 7946 0").append(100 + random.nextInt(900));
            } else {
                out.append("team-").append(random.nextInt(40));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static final String[] WORDS =
            ("the a an report shows that sales in northern southern region grew by percent"
                            + " while costs stayed flat and team plans to expand pilot next quarter pending review finance legal"
                            + " who asked for more detail on vendor contracts migration timeline customer order invoice shipment"
                            + " warehouse delivery schedule risk budget forecast meeting notes action items owner deadline"
                            + " release version deploy service latency error rate dashboard alert incident postmortem summary"
                            + " because however therefore although since after before during between across within without")
                    .split(" ");

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private String prose() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            String w = word();
            out.append(i % 14 == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w)
                    .append(i % 14 == 13 ? ".\n" : i % 5 == 4 ? ", " : " ");
        }
        if (random.nextInt(6) == 0) {
            out.append("Please wire the refund to IBAN DE89 3704 0044 0532 0130 00 and card 4111 1111 1111 1111.\n");
        }
        return out.toString();
    }

    private String imageBlob() {
        return Base64.getEncoder().encodeToString(bytes(3000 + random.nextInt(6000)));
    }

    private String configFile() {
        StringBuilder out = new StringBuilder();
        out.append("# ")
                .append(word())
                .append(" service\n")
                .append("APP_ENV=production\nLOG_LEVEL=info\nPORT=")
                .append(8000 + random.nextInt(1000))
                .append("\nDB_HOST=db.internal\nDB_POOL_SIZE=")
                .append(random.nextInt(50))
                .append("\nFEATURE_FLAGS=")
                .append(word())
                .append(',')
                .append(word())
                .append('\n');
        switch (random.nextInt(4)) {
            case 0 -> out.append("AWS_ACCESS_KEY_ID=AKIA").append(base32(16)).append('\n');
            case 1 ->
                out.append("SLACK_BOT_TOKEN=xoxb-")
                        .append(digits(12))
                        .append('-')
                        .append(digits(13))
                        .append('-')
                        .append(alnum(24))
                        .append('\n');
            case 2 -> out.append("STRIPE_KEY=sk_live_").append(alnum(24)).append('\n');
            default ->
                out.append("CACHE_TTL_SECONDS=").append(random.nextInt(3600)).append('\n');
        }
        return out.toString();
    }

    private String publicIp() {
        return (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    private String email() {
        return word() + "." + word() + random.nextInt(100) + "@acme-corp.de";
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String hex(int n) {
        return from("0123456789abcdef", n);
    }

    private String alnum(int n) {
        return from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
    }

    private String base32(int n) {
        return from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", n);
    }

    private String digits(int n) {
        return from("0123456789", n);
    }

    private String from(String alphabet, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
