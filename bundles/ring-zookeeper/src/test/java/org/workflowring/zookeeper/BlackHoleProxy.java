package org.workflowring.zookeeper;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback TCP proxy in front of one ZooKeeper server that can black-hole traffic and counts client requests.
 *
 * <p>Black-holed means the sockets stay open but no byte moves in either direction, like a network partition
 * (TCP keeps what was sent and delivers it after {@link #heal()}), unlike a closed connection, which the client
 * notices at once. Client-to-server frames are parsed (4-byte length, then xid and opcode) so that requests can be
 * counted by ZooKeeper opcode; pings (opcode 11) are counted separately.
 */
public final class BlackHoleProxy implements Closeable {

    /** ZooKeeper's ping opcode. */
    public static final int OP_PING = 11;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<Integer, LongAdder> requestsByOp = new ConcurrentHashMap<>();
    private final Object gate = new Object();
    private volatile boolean blackHoled;
    private volatile boolean closed;

    /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
    public BlackHoleProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept " + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code 127.0.0.1:port} of the proxy, for a client's connect string. */
    public String connectString() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** Stops moving bytes, keeping every socket open. */
    public void blackHole() {
        blackHoled = true;
    }

    /** Moves bytes again, including those held back. */
    public void heal() {
        synchronized (gate) {
            blackHoled = false;
            gate.notifyAll();
        }
    }

    /** Closes every proxied connection now (the client sees a disconnect at once and reconnects). */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** Requests seen so far, pings excluded. */
    public long requests() {
        return requestsByOp.entrySet().stream().filter(e -> e.getKey() != OP_PING)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Requests seen so far by opcode (ZooDefs.OpCode), pings included. */
    public Map<Integer, Long> requestsByOpcode() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        requestsByOp.forEach((op, n) -> copy.put(op, n.sum()));
        return copy;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer) {
        Thread t = new Thread(() -> {
            FrameCounter counter = clientToServer ? new FrameCounter() : null;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitOpen();
                    if (counter != null) {
                        counter.feed(buffer, n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // Connection closed on one side: close the other too, as a real network path would.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump " + (clientToServer ? "c->s" : "s->c"));
        t.setDaemon(true);
        t.start();
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (blackHoled && !closed) {
                gate.wait();
            }
        }
    }

    /** Splits the client's byte stream into length-prefixed frames and counts each by opcode. */
    private final class FrameCounter {
        private final byte[] header = new byte[12];
        private int headerFill;
        private long remaining;
        private boolean connectSeen;

        void feed(byte[] b, int n) {
            int i = 0;
            while (i < n) {
                if (remaining > 0) {
                    int skip = (int) Math.min(remaining, n - i);
                    remaining -= skip;
                    i += skip;
                    continue;
                }
                header[headerFill++] = b[i++];
                // The first frame is the connect request: length only, no request header.
                int needed = connectSeen ? 12 : 4;
                if (headerFill == needed) {
                    int length = readInt(0);
                    if (!connectSeen) {
                        connectSeen = true;
                        remaining = length;
                    } else {
                        int op = readInt(8);
                        requestsByOp.computeIfAbsent(op, k -> new LongAdder()).increment();
                        remaining = length - 8L;
                    }
                    headerFill = 0;
                }
            }
        }

        private int readInt(int at) {
            return ((header[at] & 0xff) << 24) | ((header[at + 1] & 0xff) << 16) | ((header[at + 2] & 0xff) << 8)
                    | (header[at + 3] & 0xff);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        heal();
        server.close();
        dropConnections();
    }
}
