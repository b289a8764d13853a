package org.workflowring.itests.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the processes the harness starts, chosen below the kernel's ephemeral range.
 *
 * <p>Why not port 0: a port the kernel hands out for a listener comes from the ephemeral range, which it also uses
 * for the local end of outgoing connections. A Karaf node binds its ports 10-30 s after they were chosen, and in
 * between the ensemble, the proxies and the other nodes open many connections: one of them took a node's SSH port
 * ("Address already in use"), and the node never answered its shell. Below the ephemeral range only a process that
 * asks for that very port can take it.
 *
 * <p><b>IMPORTANT</b>: another process may still bind a chosen port first; callers that start a child process on it
 * wait for the child to listen and fail with the port in the message.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nobody listens on right now, not handed out before by this JVM, below the ephemeral range. */
    public static int next() {
        int highest = ephemeralLow() - 1;
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + highest);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The low end of Linux's ephemeral port range (32768 when it cannot be read). */
    static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return Math.max(LOWEST + 1000, low);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
