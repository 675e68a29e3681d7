/*
 * The gateway benchmark's load client: one scenario per run, one JSON line of results.
 *
 * Run with the JDK's single-file launcher and Jackson 3 (the project's JSON library, ADR 0006)
 * from the app's build; dev/bench/gateway.sh does this for every path:
 *
 *   java -cp 'app/target/lib/*' dev/bench/GatewayBench.java --target NAME
 *        (--stdio CMD... -- | --url URL [--header 'Name: value']...)
 *        [--clients N] [--warmup N] [--calls N] [--max-seconds S] [--rss-pid PID] [--out FILE]
 *   java -cp 'app/target/lib/*' dev/bench/GatewayBench.java --report FILE
 *
 * Each client opens ONE TCP connection (TCP_NODELAY) and keeps it for the whole run: requests are
 * written and responses parsed by hand (HTTP/1.1, Content-Length or chunked bodies, JSON or SSE),
 * so there is no connection pool, no hidden reconnect and no client-side queueing to blur the
 * latency. A connection the server closes is reopened and counted under "reconnects".
 *
 * Every client sends initialize, notifications/initialized, then --warmup and --calls sequential
 * tools/call echo requests, each with an id unique across all clients and a 1 KiB message unique
 * to that call. A reply counts as "misrouted" when it carries another call's id or another call's
 * message, "errors" when it is an HTTP or JSON-RPC error. Latency is from the first byte written
 * to the last byte of the reply read (System.nanoTime). Throughput is all measured calls over the
 * wall time from the moment every client finished its warm-up to the moment the last one is done.
 */

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

static final ObjectMapper JSON = new ObjectMapper();
static final String PROTOCOL_VERSION = "2025-06-18";
static final int MESSAGE_BYTES = 1024;

/** Options of one run. */
record Options(String target, List<String> stdio, URI url, List<String> headers, int clients, int warmup,
        int calls, int maxSeconds, long rssPid, Path out) {}

/** What one client counted. */
static final class Tally {
    long[] latencies;
    int measured;
    long misrouted;
    long errors;
    long reconnects;
    String firstProblem;

    void problem(String what) {
        if (firstProblem == null) firstProblem = what;
    }
}

/** One MCP connection: send a JSON-RPC message, get back the response with that id (or null for notifications). */
interface Channel extends AutoCloseable {
    JsonNode request(ObjectNode message, Tally tally) throws IOException;

    void notify(ObjectNode message, Tally tally) throws IOException;

    @Override
    void close() throws IOException;
}

void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--report")) {
        report(Path.of(args[1]));
        return;
    }
    Options options = parse(args);
    Map<String, Object> result = run(options);
    String line = JSON.writeValueAsString(result);
    System.out.println(line);
    if (options.out() != null) {
        Files.writeString(options.out(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

Options parse(String[] args) {
    String target = null;
    List<String> stdio = null;
    URI url = null;
    List<String> headers = new ArrayList<>();
    int clients = 1, warmup = 2000, calls = 10000, maxSeconds = 120;
    long rssPid = 0;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
            case "--target" -> target = args[++i];
            case "--url" -> url = URI.create(args[++i]);
            case "--header" -> headers.add(args[++i]);
            case "--clients" -> clients = Integer.parseInt(args[++i]);
            case "--warmup" -> warmup = Integer.parseInt(args[++i]);
            case "--calls" -> calls = Integer.parseInt(args[++i]);
            case "--max-seconds" -> maxSeconds = Integer.parseInt(args[++i]);
            case "--rss-pid" -> rssPid = Long.parseLong(args[++i]);
            case "--out" -> out = Path.of(args[++i]);
            case "--stdio" -> {
                stdio = new ArrayList<>();
                while (++i < args.length && !args[i].equals("--")) stdio.add(args[i]);
            }
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
    }
    if (target == null || (stdio == null) == (url == null)) {
        throw new IllegalArgumentException("need --target and one of --stdio CMD... -- or --url URL");
    }
    if (stdio != null && clients != 1) {
        throw new IllegalArgumentException("stdio is one pipe: one client only");
    }
    return new Options(target, stdio, url, headers, clients, warmup, calls, maxSeconds, rssPid, out);
}

Map<String, Object> run(Options options) throws Exception {
    int clients = options.clients();
    int warmupEach = Math.max(0, options.warmup() / clients);
    int callsEach = Math.max(1, options.calls() / clients);
    // each phase (sessions and warm-up, then the measured calls) gets --max-seconds of its own
    long warmupDeadline = System.nanoTime() + options.maxSeconds() * 1_000_000_000L;
    var deadline = new AtomicLong(Long.MAX_VALUE);
    var tallies = new Tally[clients];
    var failures = new Throwable[clients];
    var start = new AtomicLong();
    var ends = new long[clients];
    var rss = new RssSampler(options.rssPid());
    var barrier = new CyclicBarrier(clients, () -> {
        rss.start();
        start.set(System.nanoTime());
        deadline.set(start.get() + options.maxSeconds() * 1_000_000_000L);
    });
    var threads = new ArrayList<Thread>();
    for (int c = 0; c < clients; c++) {
        int client = c;
        threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
            var tally = new Tally();
            tallies[client] = tally;
            tally.latencies = new long[callsEach];
            try (Channel channel = open(options)) {
                initialize(channel, tally);
                for (int i = 0; i < warmupEach && System.nanoTime() < warmupDeadline; i++) {
                    call(channel, client, i, tally, false);
                }
                barrier.await();
                for (int i = 0; i < callsEach && System.nanoTime() < deadline.get(); i++) {
                    tally.latencies[i] = call(channel, client, warmupEach + i, tally, true);
                    tally.measured++;
                }
                ends[client] = System.nanoTime();
            } catch (Throwable e) {
                failures[client] = e;
                ends[client] = System.nanoTime();
                barrier.reset();
            }
        }));
    }
    for (Thread thread : threads) thread.join();
    rss.stop();
    for (int c = 0; c < clients; c++) {
        if (failures[c] != null) {
            throw new IllegalStateException("client " + c + " failed: " + failures[c], failures[c]);
        }
    }
    long wall = Arrays.stream(ends).max().orElseThrow() - start.get();
    long total = 0, misrouted = 0, errors = 0, reconnects = 0;
    String problem = null;
    List<long[]> all = new ArrayList<>();
    for (Tally t : tallies) {
        total += t.measured;
        misrouted += t.misrouted;
        errors += t.errors;
        reconnects += t.reconnects;
        all.add(Arrays.copyOf(t.latencies, t.measured));
        if (problem == null) problem = t.firstProblem;
    }
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    var result = new LinkedHashMap<String, Object>();
    result.put("target", options.target());
    result.put("clients", clients);
    result.put("calls", total);
    result.put("complete", total == (long) callsEach * clients);
    result.put("seconds", round(wall / 1e9, 3));
    result.put("callsPerSecond", round(total / (wall / 1e9), 0));
    result.put("p50Ms", round(percentile(latencies, 0.50) / 1e6, 3));
    result.put("p99Ms", round(percentile(latencies, 0.99) / 1e6, 3));
    result.put("maxMs", round(latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6, 3));
    result.put("misrouted", misrouted);
    result.put("errors", errors);
    result.put("reconnects", reconnects);
    if (options.rssPid() > 0) {
        result.put("rssMb", round(rss.peakKb / 1024.0, 1));
        result.put("childrenRssMb", round(rss.peakChildrenKb / 1024.0, 1));
    }
    if (problem != null) result.put("firstProblem", problem);
    return result;
}

static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
}

static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
}

Channel open(Options options) throws IOException {
    return options.stdio() != null ? new StdioChannel(options.stdio()) : new HttpChannel(options.url(), options.headers());
}

void initialize(Channel channel, Tally tally) throws IOException {
    ObjectNode init = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", "init").put("method", "initialize");
    ObjectNode params = init.putObject("params").put("protocolVersion", PROTOCOL_VERSION);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "airlock-bench").put("version", "1");
    JsonNode reply = channel.request(init, tally);
    if (reply == null || !reply.has("result")) {
        throw new IOException("initialize failed: " + reply);
    }
    channel.notify(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"), tally);
}

/** One echo call; returns its latency in nanoseconds. */
long call(Channel channel, int client, int seq, Tally tally, boolean measured) throws IOException {
    long id = client * 1_000_000_000L + seq + 1;
    String message = message(client, seq);
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
    ObjectNode params = request.putObject("params").put("name", "echo");
    params.putObject("arguments").put("message", message);
    long begin = System.nanoTime();
    JsonNode reply = channel.request(request, tally);
    long latency = System.nanoTime() - begin;
    check(reply, id, message, tally);
    return latency;
}

/** Jackson reads a small number as an int node, which never equals the long node it was written from. */
static boolean sameId(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber() ? a.asLong() == b.asLong() : a.equals(b);
}

static String message(int client, int seq) {
    var builder = new StringBuilder(MESSAGE_BYTES);
    builder.append("client-").append(client).append("-call-").append(seq).append('-');
    for (int i = 0; builder.length() < MESSAGE_BYTES; i++) builder.append((char) ('a' + (client * 7 + seq + i) % 26));
    return builder.toString();
}

static void check(JsonNode reply, long id, String message, Tally tally) {
    if (reply == null) {
        tally.errors++;
        tally.problem("no reply for id " + id);
        return;
    }
    if (reply.has("error")) {
        tally.errors++;
        tally.problem("error reply: " + reply.get("error"));
        return;
    }
    JsonNode replyId = reply.get("id");
    String text = reply.path("result").path("content").path(0).path("text").asString(null);
    if (replyId == null || !replyId.isIntegralNumber() || replyId.asLong() != id || !("Echo: " + message).equals(text)) {
        tally.misrouted++;
        tally.problem("expected id " + id + ", got id " + replyId + " with text "
                + (text == null ? null : text.substring(0, Math.min(40, text.length()))));
    }
}

/** Plain stdio to a child process (the container): newline-delimited JSON-RPC. */
static final class StdioChannel implements Channel {
    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;

    StdioChannel(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        in = new BufferedOutputStream(process.getOutputStream(), 64 * 1024);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public JsonNode request(ObjectNode message, Tally tally) throws IOException {
        send(message);
        JsonNode wanted = message.get("id");
        while (true) {
            String line = out.readLine();
            if (line == null) throw new IOException("the server closed its stdout");
            if (line.isBlank()) continue;
            JsonNode reply = JSON.readTree(line);
            if (reply.has("method")) continue; // a notification or a request from the server: not ours to count
            if (reply.has("id") && !sameId(reply.get("id"), wanted)) {
                tally.misrouted++;
                tally.problem("stdio reply for another id: " + reply.get("id"));
                continue;
            }
            return reply;
        }
    }

    @Override
    public void notify(ObjectNode message, Tally tally) throws IOException {
        send(message);
    }

    private void send(ObjectNode message) throws IOException {
        in.write(JSON.writeValueAsBytes(message));
        in.write('\n');
        in.flush();
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}

/** Streamable HTTP over one kept-alive socket, requests and responses written and read by hand. */
static final class HttpChannel implements Channel {
    private final URI url;
    private final List<String> headers;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String sessionId;

    HttpChannel(URI url, List<String> headers) throws IOException {
        this.url = url;
        this.headers = headers;
        connect();
    }

    private void connect() throws IOException {
        if (socket != null) socket.close();
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.setSoTimeout(180_000); // 64 sessions may each start a container first
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    @Override
    public JsonNode request(ObjectNode message, Tally tally) throws IOException {
        Response response = exchange("POST", JSON.writeValueAsBytes(message), tally);
        if (response.status != 200) {
            tally.errors++;
            tally.problem("HTTP " + response.status + ": " + new String(response.body, StandardCharsets.UTF_8));
            return JSON.createObjectNode().put("error", "HTTP " + response.status);
        }
        String sid = response.headers.get("mcp-session-id");
        if (sid != null) sessionId = sid;
        JsonNode wanted = message.get("id");
        List<JsonNode> messages = messages(response);
        JsonNode found = null;
        for (JsonNode m : messages) {
            if (m.has("method")) continue;
            if (found == null) found = m; // the first response on this request's stream is its answer
            else {
                tally.misrouted++; // a second response on one request's stream belongs to someone else
                tally.problem("extra response on the stream of id " + wanted + ": " + m.get("id"));
            }
        }
        return found;
    }

    @Override
    public void notify(ObjectNode message, Tally tally) throws IOException {
        Response response = exchange("POST", JSON.writeValueAsBytes(message), tally);
        if (response.status != 202 && response.status != 200 && response.status != 204) {
            throw new IOException("notification answered HTTP " + response.status);
        }
    }

    private List<JsonNode> messages(Response response) throws IOException {
        String type = response.headers.getOrDefault("content-type", "");
        List<JsonNode> messages = new ArrayList<>();
        if (type.startsWith("text/event-stream")) {
            StringBuilder data = new StringBuilder();
            for (String line : new String(response.body, StandardCharsets.UTF_8).split("\r?\n", -1)) {
                if (line.startsWith("data:")) {
                    if (!data.isEmpty()) data.append('\n');
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.isEmpty() && !data.isEmpty()) {
                    messages.add(JSON.readTree(data.toString()));
                    data.setLength(0);
                }
            }
            if (!data.isEmpty()) messages.add(JSON.readTree(data.toString()));
        } else if (response.body.length > 0) {
            messages.add(JSON.readTree(response.body));
        }
        return messages;
    }

    private Response exchange(String method, byte[] body, Tally tally) throws IOException {
        var request = new StringBuilder(512)
                .append(method).append(' ').append(url.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
                .append("Accept: application/json, text/event-stream\r\n")
                .append("MCP-Protocol-Version: ").append(PROTOCOL_VERSION).append("\r\n");
        for (String header : headers) request.append(header).append("\r\n");
        if (sessionId != null) request.append("Mcp-Session-Id: ").append(sessionId).append("\r\n");
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        try {
            return send(request, body);
        } catch (IOException closed) {
            // the server closed the kept-alive connection between requests: reopen once, and say so
            tally.reconnects++;
            connect();
            return send(request, body);
        }
    }

    private Response send(StringBuilder head, byte[] body) throws IOException {
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) out.write(body);
        out.flush();
        Response response = read();
        if ("close".equalsIgnoreCase(response.headers.get("connection"))) {
            socket.close(); // the next request reopens, and counts it
        }
        return response;
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) throw new IOException("connection closed");
        int code = Integer.parseInt(status.split(" ", 3)[1]);
        var headers = new LinkedHashMap<String, String>();
        for (String line; !(line = line()).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            var buffer = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (length == 0) {
                    while (!line().isEmpty()) {} // trailers
                    break;
                }
                buffer.write(in.readNBytes(length));
                line();
            }
            body = buffer.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if (code == 204 || code == 304 || code / 100 == 1) {
            body = new byte[0];
        } else {
            body = in.readAllBytes(); // until the server closes
            socket.close();
        }
        return new Response(code, headers, body);
    }

    private String line() throws IOException {
        var buffer = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buffer.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            buffer.write(b);
        }
        if (buffer.size() == 0) return null;
        throw new IOException("connection closed mid-line");
    }

    @Override
    public void close() throws IOException {
        try {
            if (sessionId != null && !socket.isClosed()) {
                send(new StringBuilder("DELETE ").append(url.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                        .append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
                        .append(String.join("", headers.stream().map(h -> h + "\r\n").toList()))
                        .append("Mcp-Session-Id: ").append(sessionId).append("\r\n\r\n"), null);
            }
        } catch (IOException ignored) {
            // ending the session is a courtesy; the server reaps it anyway
        } finally {
            socket.close();
        }
    }

    record Response(int status, Map<String, String> headers, byte[] body) {}
}

/** Samples VmRSS of a process and of its descendants from /proc every 100 ms while the measured phase runs. */
static final class RssSampler {
    private final long pid;
    private Thread thread;
    private volatile boolean running;
    long peakKb;
    long peakChildrenKb;

    RssSampler(long pid) {
        this.pid = pid;
    }

    void start() {
        if (pid <= 0) return;
        running = true;
        thread = Thread.ofPlatform().daemon().name("rss").start(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void stop() throws InterruptedException {
        if (thread == null) return;
        running = false;
        thread.interrupt();
        thread.join();
        sample();
    }

    private void sample() {
        peakKb = Math.max(peakKb, rssKb(pid));
        long children = ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .mapToLong(p -> rssKb(p.pid()))
                .sum();
        peakChildrenKb = Math.max(peakChildrenKb, children);
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between listing and reading
        }
        return 0;
    }
}

/** Prints the results of a run (one JSON object per line) as a Markdown table. */
void report(Path file) throws IOException {
    System.out.println("| path | clients | calls | calls/s | p50 ms | p99 ms | max ms | misrouted | errors | reconnects | RSS MB | children RSS MB |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) continue;
        JsonNode r = JSON.readTree(line);
        System.out.printf(Locale.ROOT, "| %s | %d | %d%s | %s | %s | %s | %s | %d | %d | %d | %s | %s |%n",
                r.path("target").asString(), r.path("clients").asInt(), r.path("calls").asLong(),
                r.path("complete").asBoolean(true) ? "" : " (cut at time limit)",
                r.path("callsPerSecond").asString(), r.path("p50Ms").asString(), r.path("p99Ms").asString(),
                r.path("maxMs").asString(), r.path("misrouted").asLong(), r.path("errors").asLong(),
                r.path("reconnects").asLong(), r.has("rssMb") ? r.get("rssMb").asString() : "–",
                r.has("childrenRssMb") ? r.get("childrenRssMb").asString() : "–");
    }
}
