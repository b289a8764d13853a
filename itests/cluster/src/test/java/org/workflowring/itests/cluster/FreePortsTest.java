package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsLieBelowTheEphemeralRangeAreNeverHandedOutTwiceAndCanBeBound() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertThat(port).isLessThan(FreePorts.ephemeralLow());
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()));
            assertThat(socket.isBound()).isTrue();
        }
    }
}
