package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.StoreException;
import org.workflowring.store.WorkflowStore;

/**
 * Stopping an engine waits for a recovery sweep's database call instead of interrupting it: an interrupt inside H2's
 * file I/O closes the database file for every other user (seen when a node in Karaf was reconfigured).
 */
class StopDuringSweepTest {

    private static final Duration CALL = Duration.ofSeconds(1);

    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private final CountDownLatch inside = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean slowed = new AtomicBoolean();
    private JdbcWorkflowStore store;
    private RingFixture.Node node;

    @AfterEach
    void tearDown() throws Exception {
        node.close();
        store.close();
    }

    @Test
    void stoppingTheEngineLetsARunningSweepFinishItsDatabaseCall() throws Exception {
        store = RingFixture.h2Store(RingFixture.memUrl(), 1024);
        node = RingFixture.node(RingFixture.settings(zk.connectString(), "stop-" + System.nanoTime()), "n1");
        RingFixture.awaitReady(node, 1, Duration.ofSeconds(20));
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setRingNode(node.ring());
        component.setStore(slowScans(store));
        component.setWorkflowRegistry(RingFixture.orderWorkflowOnMocks());
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("workflow-ring", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:orders:direct:events?workflowType=order&recoverySweepPeriod=100").to("mock:intake");
            }
        });
        camel.start();
        assertThat(inside.await(20, TimeUnit.SECONDS)).as("a sweep reached the database").isTrue();

        camel.stop();

        assertThat(interrupted).as("the sweep's database call was interrupted").isFalse();
        assertThat(completed).isTrue();
    }

    /** {@code store} whose first scan for pending instances takes {@link #CALL}, noting whether it was interrupted. */
    private WorkflowStore slowScans(WorkflowStore store) {
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("pendingInstances") && slowed.compareAndSet(false, true)) {
                        inside.countDown();
                        try {
                            Thread.sleep(CALL.toMillis());
                        } catch (InterruptedException e) {
                            interrupted.set(true);
                            throw new StoreException("interrupted inside the database call");
                        }
                        completed.set(true);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
