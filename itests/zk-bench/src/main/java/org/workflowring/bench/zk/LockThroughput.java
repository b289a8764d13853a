package org.workflowring.bench.zk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.test.TestingServer;
import org.apache.curator.utils.ZKPaths;
import org.workflowring.zookeeper.BlackHoleProxy;
import org.workflowring.zookeeper.InstanceLockManager;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * Lock acquire+release per second and ZooKeeper requests per operation on an in-process server, for our fenced
 * recipe and for Curator's semaphore mutex, cold (a new instance every time), warm (same instance, lock released
 * in between) and held (same instance, lock kept: what the dispatcher does while an instance is active).
 */
final class LockThroughput {

    /** One lock implementation under test; {@code op} is one acquire (with its fencing token) + release. */
    private interface Recipe {
        void op(int thread, long n, boolean cold) throws Exception;
    }

    private LockThroughput() {
    }

    private static String opName(int op) {
        return switch (op) {
            case 1 -> "create";
            case 2 -> "delete";
            case 3 -> "exists";
            case 4 -> "getData";
            case 8 -> "getChildren";
            case 12 -> "getChildren2";
            case 14 -> "multi";
            case 15 -> "create2";
            case 17 -> "checkWatches";
            case 19 -> "createContainer";
            default -> "op" + op;
        };
    }

    static void run(int seconds) throws Exception {
        System.out.printf("cores=%d, %d s per case after a 1 s warm-up; requests exclude pings%n",
                Runtime.getRuntime().availableProcessors(), seconds);
        System.out.printf("%-27s %-5s %7s %10s %12s  %s%n", "recipe", "mode", "threads", "ops/s", "requests/op",
                "per op by ZooKeeper opcode");
        try (TestingServer server = ZkTesting.server(ZkRingSettings.DEFAULT_TICK_TIME);
             BlackHoleProxy proxy = new BlackHoleProxy(server.getPort())) {
            ZkRingSettings settings = ZkRingSettings.of(proxy.connectString(), "bench");
            try (CuratorFramework client = ZkTesting.client(settings);
                 InstanceLockManager manager = new InstanceLockManager(client, settings, "bench")) {
                manager.start();
                for (int threads : new int[] {1, 8}) {
                    for (String mode : new String[] {"cold", "warm", "held"}) {
                        measure(proxy, "fenced (ours)", mode, threads, seconds, (t, n, cold) -> {
                            String id = cold ? "c-" + t + "-" + n : "w-" + t;
                            manager.acquire(id, Duration.ofSeconds(10));
                            if (!mode.equals("held")) {
                                manager.release(id);
                            }
                        });
                    }
                    for (String mode : new String[] {"cold", "warm"}) {
                        measure(proxy, "InterProcessSemaphoreMutex", mode, threads, seconds, (t, n, cold) -> {
                            String path = settings.lockPath(cold ? "sc-" + t + "-" + n : "sw-" + t);
                            // What InterProcessSemaphoreMutex does, keeping the lease to read its czxid as the token.
                            InterProcessSemaphoreV2 semaphore = new InterProcessSemaphoreV2(client, path, 1);
                            Lease lease = semaphore.acquire(10, TimeUnit.SECONDS);
                            if (client.checkExists().forPath(ZKPaths.makePath(path, "leases", lease.getNodeName())) == null) {
                                throw new IllegalStateException("lease node vanished");
                            }
                            semaphore.returnLease(lease);
                        });
                    }
                }
                manager.releaseIf(id -> true, org.workflowring.zookeeper.LockListener.Reason.CLOSED);
            }
        }
    }

    private static void measure(BlackHoleProxy proxy, String name, String mode, int threads, int seconds,
                                Recipe recipe) throws Exception {
        boolean cold = mode.equals("cold");
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        // Distinct per case so that a cold case never meets a container left by an earlier case.
        String tag = name.hashCode() + mode + threads;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long n = 0;
                try {
                    while (!stop.get()) {
                        recipe.op((tag + thread).hashCode(), n++, cold);
                        if (measuring.get()) {
                            ops.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(1_000); // warm-up of the JIT and of the paths; harness code, not a test
        long requestsBefore = proxy.requests();
        Map<Integer, Long> byOpBefore = proxy.requestsByOpcode();
        long start = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1_000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        long requests = proxy.requests() - requestsBefore;
        Map<Integer, Long> byOp = proxy.requestsByOpcode();
        long count = ops.get();
        stop.set(true);
        done.await();
        StringBuilder perOp = new StringBuilder();
        byOp.forEach((op, n) -> {
            long delta = n - byOpBefore.getOrDefault(op, 0L);
            if (op != BlackHoleProxy.OP_PING && delta > 0 && count > 0) {
                perOp.append(String.format(" %s=%.2f", opName(op), (double) delta / count));
            }
        });
        System.out.printf("%-27s %-5s %7d %10.0f %12.2f  %s%s%n", name, mode, threads, count * 1e9 / elapsed,
                count == 0 ? 0.0 : (double) requests / count, perOp.toString().strip(),
                failures.get() > 0 ? "  FAILURES " + failures.get() : "");
    }
}
