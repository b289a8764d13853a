package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChaosProxyTest {

    private ServerSocket echo;
    private ChaosProxy proxy;

    @BeforeEach
    void echoServerBehindAProxy() throws Exception {
        echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (Exception e) {
                            // peer gone
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (Exception e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = new ChaosProxy(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()))).start();
    }

    @AfterEach
    void close() throws Exception {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws Exception {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, 'a', 2000)).isEqualTo('a');
        }
    }

    @Test
    void aPartitionBlackHolesAnOpenConnectionWithoutClosingItAndHealingDeliversAgain() throws Exception {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, 'a', 2000)).isEqualTo('a');
            // The counter is bumped after the write that the client may already have read.
            Waits.until("both bytes counted", java.time.Duration.ofSeconds(5), () -> proxy.forwardedBytes() == 2);
            proxy.partition();
            client.getOutputStream().write('b');
            client.setSoTimeout(700);
            InputStream in = client.getInputStream();
            long forwarded = proxy.forwardedBytes();
            try {
                int got = in.read();
                throw new AssertionError("read " + got + " through a partition");
            } catch (SocketTimeoutException expected) {
                // silence, not a reset: the socket is still open
            }
            assertThat(client.isClosed()).isFalse();
            assertThat(proxy.forwardedBytes()).isEqualTo(forwarded);

            proxy.heal();
            client.setSoTimeout(2000);
            assertThat(in.read()).isEqualTo('b');
            assertThat(roundTrip(client, 'c', 2000)).isEqualTo('c');
        }
    }

    @Test
    void aConnectionOpenedDuringAPartitionHangsUntilHealed() throws Exception {
        proxy.partition();
        try (Socket client = connect()) {
            client.getOutputStream().write('x');
            client.setSoTimeout(500);
            try {
                client.getInputStream().read();
                throw new AssertionError("answered through a partition");
            } catch (SocketTimeoutException expected) {
                // accepted, not connected onwards
            }
            proxy.heal();
            client.setSoTimeout(2000);
            assertThat(client.getInputStream().read()).isEqualTo('x');
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port(0)), 2000);
        return s;
    }

    private static int roundTrip(Socket s, char c, int timeoutMillis) throws Exception {
        s.setSoTimeout(timeoutMillis);
        s.getOutputStream().write(c);
        return s.getInputStream().read();
    }
}
