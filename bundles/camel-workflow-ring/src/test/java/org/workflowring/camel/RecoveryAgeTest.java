package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.NewEvent;

/**
 * The periodic recovery sweep takes an event that came without a notification only once it is older than
 * {@code recoveryAge}, although it sweeps every 100 ms.
 */
class RecoveryAgeTest extends CamelTestSupport {

    private static final long AGE_MILLIS = 1_500;
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private JdbcWorkflowStore store;
    private RingFixture.Node node;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        store = RingFixture.h2Store(RingFixture.memUrl(), 1 << 16);
        node = RingFixture.node(RingFixture.settings(zk.connectString(), "age-" + System.nanoTime()), "n1");
        RingFixture.awaitReady(node, 1, Duration.ofSeconds(20));
        context.addComponent("workflow-ring", RingFixture.component(node, store, RingFixture.orderWorkflowOnMocks()));
        RingFixture.resolveMocks(context, RingFixture.ORDER_MOCKS);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:orders:direct:events?workflowType=order&recoverySweepPeriod=100&recoveryAge="
                        + AGE_MILLIS).to("mock:intake");
            }
        };
    }

    @Override
    public void tearDown() throws Exception {
        super.tearDown();
        node.close();
        store.close();
    }

    @Test
    void anEventStoredWithoutNotificationIsSweptOnlyOnceOlderThanTheRecoveryAge() {
        MockEndpoint billing = getMockEndpoint("mock:billing");
        AtomicLong arrived = new AtomicLong();
        billing.whenAnyExchangeReceived(e -> arrived.compareAndSet(0, System.nanoTime()));
        long stored = System.nanoTime();
        store.appendEvent(new NewEvent("o-1", "order", "e1", "created 4".getBytes(StandardCharsets.UTF_8)));

        // About ten sweeps pass while the event is younger than the age: none of them takes it.
        await().during(Duration.ofMillis(1_000)).atMost(Duration.ofMillis(1_300))
                .until(() -> billing.getReceivedCounter() == 0 && store.pendingEvents("o-1").size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> billing.getReceivedCounter() == 1);

        // The sweep measures the age with the wall clock, this test with nanoTime: allow them a few ms apart.
        assertThat(Duration.ofNanos(arrived.get() - stored)).isGreaterThan(Duration.ofMillis(AGE_MILLIS - 20));
        assertThat(store.pendingEvents("o-1")).isEmpty();
    }

    @Test
    void aNegativeRecoveryAgeFailsAtRouteStartNamingTheOption() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:other:direct:x?workflowType=order&recoveryAge=-1").to("mock:never");
            }
        })).hasStackTraceContaining("option 'recoveryAge' = -1 must be at least 0");
    }
}
