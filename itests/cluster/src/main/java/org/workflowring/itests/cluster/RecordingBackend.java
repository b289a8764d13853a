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
 * records it with its idempotency key, sending node and fencing token, duplicates included (finding them is the point).
 *
 * <p>Like a backend that must never act on a message of a former holder, it refuses (409, recorded apart) a message
 * whose token is lower than the highest it has seen for the instance ({@link FenceWatermark}): no node can rule out
 * that it is paused after its last check, inside the send, and resumes after a takeover.
 */
public final class RecordingBackend implements Closeable {

    public static final String KEY_HEADER = "WorkflowIdempotencyKey";
    public static final String NODE_HEADER = "WorkflowRingNode";
    public static final String FENCE_HEADER = "WorkflowFence";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<BackendRecord> records = new CopyOnWriteArrayList<>();
    private final List<BackendRecord> refused = new CopyOnWriteArrayList<>();
    private final FenceWatermark fences = new FenceWatermark();

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

    /** Messages refused because a higher token of their instance had arrived before, in arrival order. */
    public List<BackendRecord> refused() {
        return List.copyOf(refused);
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

    private static long fence(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
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
            BackendRecord r = new BackendRecord(key, node == null ? "?" : node,
                    fence(exchange.getRequestHeaders().getFirst(FENCE_HEADER)), exchange.getRequestURI().getPath(),
                    body, Clock.micros());
            // Admitted and recorded under one lock: the records' order is the order in which the marks rose.
            synchronized (fences) {
                if (!fences.admit(r.instanceId(), r.fence())) {
                    refused.add(r);
                    exchange.sendResponseHeaders(409, -1);
                    return;
                }
                records.add(r);
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }
}
