package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.zookeeper.InstanceLockManager;
import org.workflowring.zookeeper.LockGrant;
import org.workflowring.zookeeper.LockTimeoutException;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * A workflow call that lasts far longer than {@code lockIdleTimeout} keeps its instance lock (the worker pins it),
 * commits and sends under it; the idle release frees the lock only after the event ended.
 */
class LongEventLockTest {

    private static final Duration IDLE = Duration.ofMillis(300);
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch finish = new CountDownLatch(1);
    private JdbcWorkflowStore store;
    private RingFixture.Node node;
    private CamelContext camel;
    private CuratorFramework intruderClient;
    private InstanceLockManager intruder;

    /** Type {@code slow}: waits inside the call until the test lets it finish, then sends one message. */
    private final Workflow slow = new Workflow() {
        @Override
        public String type() {
            return "slow";
        }

        @Override
        public Transition apply(byte[] state, WorkflowEvent event) throws InterruptedException {
            entered.countDown();
            if (!finish.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the event finish");
            }
            return Transition.to("done").send(new OutgoingMessage("mock:done", Map.of(),
                    event.payload()));
        }
    };

    @AfterEach
    void stop() throws Exception {
        finish.countDown();
        camel.stop();
        intruder.close();
        intruderClient.close();
        node.close();
        store.close();
    }

    @Test
    void anEventLongerThanTheIdleTimeoutKeepsItsLockWhichIsReleasedByIdleTimeAfterwards() throws Exception {
        ZkRingSettings settings = RingFixture.settings(zk.connectString(), "long-" + System.nanoTime())
                .withLockIdleTimeout(IDLE);
        store = RingFixture.h2Store(RingFixture.memUrl(), 1 << 16);
        node = RingFixture.node(settings, "n1");
        RingFixture.awaitReady(node, 1, Duration.ofSeconds(20));
        intruderClient = ZkTesting.client(settings);
        intruder = new InstanceLockManager(intruderClient, settings, "intruder");
        intruder.start();
        camel = new DefaultCamelContext();
        camel.addComponent("workflow-ring", RingFixture.component(node, store, MapWorkflowRegistry.of(slow)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:slow:direct:events?workflowType=slow&recoverySweepPeriod=600000").to("mock:intake");
            }
        });
        RingFixture.resolveMocks(camel, "mock:done");
        camel.start();

        camel.createProducerTemplate().sendBodyAndHeaders("direct:events", "hello",
                Map.of(WorkflowRingHeaders.INSTANCE_ID, "s-1", WorkflowRingHeaders.EVENT_KEY, "e1"));
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        LockGrant grant = node.ring().locks().grant("s-1").orElseThrow();

        // Five idle timeouts inside the event: another node cannot get the lock.
        assertThatThrownBy(() -> intruder.acquire("s-1", IDLE.multipliedBy(5))).isInstanceOf(LockTimeoutException.class);
        assertThat(node.ring().locks().grant("s-1")).contains(grant);

        finish.countDown();
        MockEndpoint done = camel.getEndpoint("mock:done", MockEndpoint.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> done.getReceivedCounter() == 1 && store.unsentOutbox("s-1").isEmpty());
        assertThat(new String(store.findInstance("s-1").orElseThrow().state(), StandardCharsets.UTF_8)).isEqualTo("done");
        assertThat(store.findInstance("s-1").orElseThrow().fence()).isEqualTo(grant.token());

        // After the event the lock is idle and released; the other node gets it with a newer token.
        LockGrant next = intruder.acquire("s-1", Duration.ofSeconds(10));
        assertThat(next.token()).isGreaterThan(grant.token());
        assertThat(node.ring().locks().grant("s-1")).isEmpty();
    }
}
