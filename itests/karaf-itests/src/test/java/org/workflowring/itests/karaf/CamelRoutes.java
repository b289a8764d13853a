package org.workflowring.itests.karaf;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.workflowring.management.RingManagement;

/**
 * The route files of {@code camel-routes/} as the ITs use them: where they are, their settings, their HTTP intake
 * and the files their stub backends and dead-letter route append to.
 *
 * <p>{@link #options()} runs in the driver; everything else inside the container.
 */
final class CamelRoutes {

    /** Container system property: the project's camel-routes folder. */
    private static final String FOLDER_PROPERTY = "workflowring.it.camelRoutes";
    /** Container system property: the port of the order intake (order-workflow.xml). */
    private static final String PORT_PROPERTY = "workflowring.it.ordersPort";

    private CamelRoutes() {
    }

    /** Driver side: the folder and a free intake port passed in, housekeeping reports every half second. */
    static Option[] options() throws IOException {
        String folder = System.getProperty("workflowring.camel.routes");
        if (folder == null || !Files.isDirectory(Paths.get(folder))) {
            throw new IllegalStateException("no camel-routes folder at " + folder);
        }
        String port = String.valueOf(Distribution.freePort());
        return new Option[] {
            editConfigurationFilePut("etc/system.properties", FOLDER_PROPERTY, Paths.get(folder).toAbsolutePath().toString()),
            editConfigurationFilePut("etc/system.properties", PORT_PROPERTY, port),
            // The route files' own settings, as an operator would give them (PIDs named in each file).
            editConfigurationFilePut("etc/org.workflowring.routes.orders.cfg", "http.port", port),
            editConfigurationFilePut("etc/org.workflowring.node.cfg", "housekeeping.period", "500"),
        };
    }

    /** One file of camel-routes/, e.g. {@code order-workflow.xml}. */
    static Path file(String name) {
        return Paths.get(System.getProperty(FOLDER_PROPERTY), name);
    }

    /**
     * POSTs an order event to the intake of order-workflow.xml (no instance id when {@code instanceId} is empty); returns the HTTP status and the answer, e.g.
     * {@code "202 STORED"}. Throws {@link IOException} when nothing listens.
     */
    static String post(String instanceId, String eventKey, String body) throws IOException {
        String query = "WorkflowEventKey=" + URLEncoder.encode(eventKey, StandardCharsets.UTF_8)
                + (instanceId.isEmpty() ? "" : "&WorkflowInstanceId=" + URLEncoder.encode(instanceId, StandardCharsets.UTF_8));
        URL url = new URL("http://127.0.0.1:" + System.getProperty(PORT_PROPERTY) + "/orders/events?" + query);
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        try {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            // Not form-encoded: netty-http would parse a form body into headers and reject "created 100".
            connection.setRequestProperty("Content-Type", "text/plain; charset=UTF-8");
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return status + " " + answer.strip();
            }
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Whether this node's own view shows it ACTIVE in the ring of order-workflow.xml: before that a filter consumer
     * refuses events (HTTP 500) rather than guess that another node owns them.
     */
    static boolean inOrdersRing(RingManagement management) {
        try {
            return "ACTIVE".equals(management.status("orders").memberState());
        } catch (IllegalArgumentException e) {
            return false; // the ring's engine is not running yet
        }
    }

    /** Lines a stub backend of order-workflow.xml received ({@code billing}, {@code warehouse}, {@code customer}). */
    static List<String> backendLines(String backend) {
        return lines(Paths.get(System.getProperty("karaf.data"), "order-backends", backend + ".txt"));
    }

    /** Lines dead-letters.xml appended. */
    static List<String> deadLetterLines() {
        return lines(Paths.get(System.getProperty("karaf.data"), "dead-letters", "dead-letters.txt"));
    }

    /** The last {@code max} lines of the container's karaf.log that contain {@code text}, for failure messages. */
    static List<String> karafLogLines(String text, int max) {
        List<String> found = lines(Paths.get(System.getProperty("karaf.data"), "log", "karaf.log")).stream()
                .filter(line -> line.contains(text)).toList();
        return found.subList(Math.max(0, found.size() - max), found.size());
    }

    /** How many lines of {@code lines} start with {@code prefix}. */
    static long count(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    /** How many lines of {@code lines} contain every one of {@code parts}. */
    static long countContaining(List<String> lines, String... parts) {
        return lines.stream().filter(line -> java.util.Arrays.stream(parts).allMatch(line::contains)).count();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
