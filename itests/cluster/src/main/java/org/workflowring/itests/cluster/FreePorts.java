package org.workflowring.itests.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, asked from the kernel, since several builds share this machine. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port nobody listens on right now.
     *
     * <p><b>IMPORTANT</b>: another process may take it before the caller binds it; callers that start a child
     * process on it wait for the child to listen and fail with the port in the message.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
