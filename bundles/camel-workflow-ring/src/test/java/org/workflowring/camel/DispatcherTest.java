package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ExecutorService submitters = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        submitters.shutdownNow();
        workers.shutdownNow();
        assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void tasksOfOneInstanceRunOneAtATimeInSubmissionOrder() throws Exception {
        Dispatcher dispatcher = new Dispatcher(workers, 8);
        int instances = 50;
        int perInstance = 200;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(instances * perInstance);
        // Two submitting threads, each with its own instances, interleaving them.
        List<Future<?>> feeders = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            int h = half;
            feeders.add(submitters.submit(() -> {
                for (int n = 0; n < perInstance; n++) {
                    for (int i = h; i < instances; i += 2) {
                        String id = "i-" + i;
                        int value = n;
                        dispatcher.submit(id, () -> {
                            if (inside.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            seen.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(value);
                            inside.get(id).decrementAndGet();
                            done.countDown();
                        });
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : feeders) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();

        assertThat(overlaps).hasValue(0);
        assertThat(seen).hasSize(instances);
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n < perInstance; n++) {
            expected.add(n);
        }
        seen.forEach((id, values) -> assertThat(values).as(id).isEqualTo(expected));
        await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.activeInstances() == 0);
    }

    @Test
    void differentInstancesRunInParallel() throws Exception {
        Dispatcher dispatcher = new Dispatcher(workers, 8);
        // Each task waits for the other: this only completes if both run at the same moment.
        CyclicBarrier both = new CyclicBarrier(2);
        CountDownLatch passed = new CountDownLatch(2);
        for (String id : List.of("a", "b")) {
            dispatcher.submit(id, () -> {
                try {
                    both.await(10, TimeUnit.SECONDS);
                    passed.countDown();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(passed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void fullMailboxBlocksTheSubmitterUntilAWorkerTakesATask() throws Exception {
        Dispatcher dispatcher = new Dispatcher(workers, 2);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        dispatcher.submit("a", () -> {
            running.countDown();
            awaitQuietly(release);
            ran.add(0);
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.submit("a", () -> ran.add(1));
        dispatcher.submit("a", () -> ran.add(2));

        // The third queued task does not fit: the submitter waits instead of the task being dropped.
        CountDownLatch submitted = new CountDownLatch(1);
        Thread submitter = new Thread(() -> {
            try {
                dispatcher.submit("a", () -> ran.add(3));
                submitted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        submitter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> submitter.getState() == Thread.State.TIMED_WAITING
                || submitter.getState() == Thread.State.WAITING);
        assertThat(submitted.getCount()).isEqualTo(1);
        assertThat(dispatcher.queued()).isEqualTo(2);

        // Another instance is not held up by the full one.
        CountDownLatch other = new CountDownLatch(1);
        dispatcher.submit("b", other::countDown);
        assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();

        release.countDown();
        assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 4);
        assertThat(ran).containsExactly(0, 1, 2, 3);
    }

    @Test
    void pausedDispatcherStartsNothingAndResumesInOrder() throws Exception {
        Dispatcher dispatcher = new Dispatcher(workers, 16);
        dispatcher.pause();
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int n = 0; n < 10; n++) {
            int value = n;
            dispatcher.submit("a", () -> ran.add(value));
        }
        // Once parked, the mailbox holds all ten and no worker holds it.
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.queued() == 10);
        assertThat(ran).isEmpty();

        dispatcher.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 10);
        assertThat(ran).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void discardDropsQueuedTasksOfMatchingInstancesAndWaitsForTheTaskInHand() throws Exception {
        Dispatcher dispatcher = new Dispatcher(workers, 16);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        dispatcher.submit("moved", () -> {
            running.countDown();
            awaitQuietly(release);
            ran.add("moved-0");
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.submit("moved", () -> ran.add("moved-1"));
        dispatcher.submit("moved", () -> ran.add("moved-2"));

        Future<Integer> dropped = submitters.submit(() -> dispatcher.discard("moved"::equals, 10_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.queued() == 0);
        assertThat(dropped.isDone()).as("discard waits for the task in hand").isFalse();
        release.countDown();

        assertThat(dropped.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(ran).containsExactly("moved-0");
    }

    @Test
    void closeRejectsNewAndBlockedSubmitters() throws Exception {
        Dispatcher dispatcher = new Dispatcher(workers, 1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.submit("a", () -> awaitQuietly(release));
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.queued() == 0);
        dispatcher.submit("a", () -> { });
        Future<?> blocked = submitters.submit(() -> {
            dispatcher.submit("a", () -> { });
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.queued() == 1 && !blocked.isDone());

        dispatcher.close();

        assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> dispatcher.submit("b", () -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closed");
        release.countDown();
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> new Dispatcher(workers, 0)).hasMessageContaining("mailboxBound must be at least 1");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
