package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of one or more targets (e.g. every server of a ZooKeeper ensemble: one listening
 * port per target) that the test can partition and heal.
 *
 * <p>Partitioned, it forwards no byte in either direction and accepts new connections without connecting them,
 * while every socket stays open: the client sees silence, not a reset, as behind a cut network link. Healing
 * resumes forwarding; bytes read before the partition but not yet written are written then, as TCP would
 * retransmit them.
 */
public final class ChaosProxy implements Closeable {

    private static final int BUFFER = 16 * 1024;

    private final List<InetSocketAddress> targets;
    private final ServerSocket[] listeners;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chaos-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private volatile boolean partitioned;

    /** Listens on one free loopback port per target, forwarding to it. */
    public ChaosProxy(List<InetSocketAddress> targets) {
        this.targets = List.copyOf(targets);
        this.listeners = new ServerSocket[targets.size()];
        try {
            for (int i = 0; i < listeners.length; i++) {
                listeners[i] = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    /** A proxy for every server of a connect string {@code host:port,host:port}. */
    public static ChaosProxy forConnectString(String connectString) {
        return new ChaosProxy(java.util.Arrays.stream(connectString.split(",")).map(hostPort -> {
            int colon = hostPort.lastIndexOf(':');
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }).toList());
    }

    public ChaosProxy start() {
        for (int i = 0; i < listeners.length; i++) {
            ServerSocket listener = listeners[i];
            InetSocketAddress target = targets.get(i);
            threads.execute(() -> acceptLoop(listener, target));
        }
        return this;
    }

    /** The proxy's connect string, in the targets' order. */
    public String connectString() {
        StringBuilder s = new StringBuilder();
        for (ServerSocket listener : listeners) {
            s.append(s.length() == 0 ? "" : ",").append("127.0.0.1:").append(listener.getLocalPort());
        }
        return s.toString();
    }

    public int port(int target) {
        return listeners[target].getLocalPort();
    }

    /** Stops forwarding in both directions; sockets stay open. */
    public void partition() {
        partitioned = true;
    }

    /** Resumes forwarding. */
    public void heal() {
        synchronized (gate) {
            partitioned = false;
            gate.notifyAll();
        }
    }

    public boolean isPartitioned() {
        return partitioned;
    }

    /** Bytes forwarded so far, both directions: lets a test see that traffic flows or stopped. */
    public long forwardedBytes() {
        return forwardedBytes.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heal();
        for (ServerSocket listener : listeners) {
            closeQuietly(listener);
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }

    private void acceptLoop(ServerSocket listener, InetSocketAddress target) {
        while (!closed.get()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                threads.execute(() -> connect(client, target));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void connect(Socket client, InetSocketAddress target) {
        try {
            awaitHealed(); // a connection made during a partition hangs, as a SYN into a black hole would
            Socket server = new Socket();
            sockets.add(server);
            server.connect(target, 5000);
            InputStream fromServer = server.getInputStream();
            OutputStream toClient = client.getOutputStream();
            threads.execute(() -> pump(fromServer, toClient, client, server));
            pump(client.getInputStream(), server.getOutputStream(), client, server);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(InputStream from, OutputStream to, Socket a, Socket b) {
        byte[] buffer = new byte[BUFFER];
        try {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                awaitHealed(); // read during the partition: held here, written after healing
                to.write(buffer, 0, n);
                to.flush();
                forwardedBytes.addAndGet(n);
            }
        } catch (IOException | InterruptedException e) {
            // one side closed or the proxy closes: close both below
        } finally {
            closeQuietly(a);
            closeQuietly(b);
            sockets.remove(a);
            sockets.remove(b);
        }
    }

    private void awaitHealed() throws InterruptedException {
        synchronized (gate) {
            while (partitioned && !closed.get()) {
                gate.wait(1000);
            }
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
