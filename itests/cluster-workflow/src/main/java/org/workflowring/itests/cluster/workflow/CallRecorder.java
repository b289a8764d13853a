package org.workflowring.itests.cluster.workflow;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * Appends one line per workflow entry and exit to this node's call file: what the cluster tests' invariant checker
 * reads to find two nodes inside the workflow of one instance at the same time.
 *
 * <p>Line: {@code ENTER|EXIT node instance eventSeq fence owner epochMicros thread}, where {@code fence} and
 * {@code owner} are the instance's fencing token and owner as the database holds them at that moment (a node that
 * holds the current grant sees its own id and the same token at entry and exit).
 *
 * <p><b>IMPORTANT</b>: the time is the wall clock ({@code Instant.now()}, microseconds on Linux), which every
 * process on one host reads from the same kernel clock; that is what makes intervals of different node processes
 * comparable. {@code System.nanoTime} is not comparable across processes. The harness runs all nodes on one host.
 *
 * <p>Each line is one {@code write} on a file opened for append, so a line written before a SIGKILL is in the file.
 */
public final class CallRecorder implements AutoCloseable {

    private static final String FENCE_QUERY = "SELECT fence, owner_node FROM wf_instance WHERE id = ?";

    private final String node;
    private final DataSource dataSource;
    private final FileOutputStream out;

    public CallRecorder(String node, DataSource dataSource, Path file) {
        if (node == null || node.isBlank() || node.contains(" ")) {
            throw new IllegalArgumentException("node id must be one word, got '" + node + "'");
        }
        this.node = node;
        this.dataSource = dataSource;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open call file " + file, e);
        }
    }

    /**
     * The recorder of a Karaf node: node id from system property {@code workflowring.cluster.node} (default
     * {@code karaf.name}), file from {@code workflowring.cluster.calls} (default {@code ${karaf.data}/calls.log}).
     */
    public static CallRecorder fromSystemProperties(DataSource dataSource) {
        String node = System.getProperty("workflowring.cluster.node", System.getProperty("karaf.name", "node"));
        String file = System.getProperty("workflowring.cluster.calls",
                System.getProperty("karaf.data", ".") + "/calls.log");
        return new CallRecorder(node, dataSource, Path.of(file));
    }

    public void enter(String instance, long eventSeq) {
        write("ENTER", instance, eventSeq);
    }

    public void exit(String instance, long eventSeq) {
        write("EXIT", instance, eventSeq);
    }

    /** An order violation seen by the workflow itself (event n after state m != n - 1). */
    public void orderViolation(String instance, long expected, long got) {
        line("ORDER " + node + " " + instance + " " + expected + " " + got + " " + micros() + " "
                + Thread.currentThread().getName().replace(' ', '_'));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void write(String kind, String instance, long eventSeq) {
        // ENTER reads the database before the clock, EXIT the clock before the database: an interval whose grant
        // is the same at both ends then lies wholly inside that grant's lifetime (see CallOverlapCheck).
        String[] grant;
        long micros;
        if (kind.equals("ENTER")) {
            grant = grant(instance);
            micros = micros();
        } else {
            micros = micros();
            grant = grant(instance);
        }
        line(kind + " " + node + " " + instance + " " + eventSeq + " " + grant[0] + " " + grant[1] + " " + micros + " "
                + Thread.currentThread().getName().replace(' ', '_'));
    }

    private String[] grant(String instance) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FENCE_QUERY)) {
            s.setString(1, instance);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return new String[] {"-1", "-"};
                }
                String owner = r.getString(2);
                return new String[] {Long.toString(r.getLong(1)), owner == null ? "-" : owner};
            }
        } catch (SQLException e) {
            return new String[] {"-1", "?"}; // database away: the checker counts the call as not provably held
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private synchronized void line(String text) {
        try {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the call file", e);
        }
    }
}
