package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The backends of the workflows, outside every node: an HTTP server on loopback that answers 200 to every POST and
 * records it with its idempotency key and sending node, duplicates included (finding them is the point).
 */
public final class RecordingBackend implements Closeable {

    public static final String KEY_HEADER = "WorkflowIdempotencyKey";
    public static final String NODE_HEADER = "WorkflowRingNode";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<BackendRecord> records = new CopyOnWriteArrayList<>();

    public RecordingBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        server.createContext("/", this::record);
        server.setExecutor(threads);
    }

    public RecordingBackend start() {
        server.start();
        return this;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:1234}; any path below it is a backend. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Everything received, in arrival order. */
    public List<BackendRecord> records() {
        return List.copyOf(records);
    }

    /** How many messages arrived so far, duplicates included (cheaper than {@link #records()} for polling). */
    public int received() {
        return records.size();
    }

    /** Keys received more than once, with how often. */
    public Map<String, Integer> duplicateKeys() {
        Map<String, Integer> counts = new HashMap<>();
        for (BackendRecord r : records) {
            counts.merge(r.idempotencyKey(), 1, Integer::sum);
        }
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    /** Records of one node, in arrival order. */
    public List<BackendRecord> from(String node) {
        List<BackendRecord> mine = new ArrayList<>();
        for (BackendRecord r : records) {
            if (r.node().equals(node)) {
                mine.add(r);
            }
        }
        return mine;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst(KEY_HEADER);
            if (!"POST".equals(exchange.getRequestMethod()) || key == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String node = exchange.getRequestHeaders().getFirst(NODE_HEADER);
            records.add(new BackendRecord(key, node == null ? "?" : node, exchange.getRequestURI().getPath(), body,
                    Clock.micros()));
            exchange.sendResponseHeaders(200, -1);
        }
    }
}
