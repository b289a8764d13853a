package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * A node whose engine the component makes joins the ring (ACTIVE) only once its consumer can take what the ring sends
 * it: the forward receiver listens and the delegate has started. Before, it joined when the engine started, and the
 * other nodes' first forwards to a joiner found nothing listening (seen in the cluster join scenario).
 */
class JoinWhenListeningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private final String ring = "join-" + System.nanoTime();
    private final GatedComponent gated = new GatedComponent();
    private CuratorFramework client;
    private JdbcWorkflowStore store;
    private DefaultCamelContext camel;
    private CompletableFuture<Void> started;

    @AfterEach
    void stop() throws Exception {
        gated.open.countDown();
        started.get(30, TimeUnit.SECONDS);
        camel.stop();
        client.close();
        store.close();
    }

    @Test
    void aForwardConsumerJoinsTheRingOnlyOnceItsReceiverListensAndItsDelegateHasStarted() throws Exception {
        ZkRingSettings settings = RingFixture.settings(zk.connectString(), ring);
        client = ZkTesting.client(settings);
        store = RingFixture.h2Store(RingFixture.memUrl(), 1 << 16);
        int port = AvailablePortFinder.getNextAvailable(20000, 40000);
        camel = new DefaultCamelContext();
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setEngines(new RingEngines());
        component.setZooKeeperClient(client);
        component.setNodeId("n1");
        component.setStore(store);
        component.setWorkflowRegistry(RingFixture.orderWorkflowOnMocks());
        component.setAdvertisedAddress("netty-http:http://127.0.0.1:" + port + "/ring/n1");
        camel.addComponent("workflow-ring", component);
        camel.addComponent("gated", gated);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:" + ring + ":gated:events?mode=forward&workflowType=order").to("mock:intake");
            }
        });

        started = CompletableFuture.runAsync(() -> camel.start());
        assertThat(gated.starting.await(30, TimeUnit.SECONDS)).isTrue();

        // The route is half started: the engine runs and the receiver listens, the delegate waits.
        String member = settings.membersPath() + "/n1";
        await().atMost(WAIT).until(() -> client.checkExists().forPath(member) != null);
        assertThat(listens(port)).isTrue();
        Thread.sleep(300); // time enough for an early ACTIVE to reach ZooKeeper
        assertThat(MemberRecord.parse(client.getData().forPath(member)).state()).isEqualTo(MemberState.JOINING);

        gated.open.countDown();
        started.get(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() ->
                MemberRecord.parse(client.getData().forPath(member)).state() == MemberState.ACTIVE);
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** {@code gated:} endpoints whose consumers start only when the test opens the gate. */
    private static final class GatedComponent extends DefaultComponent {
        final CountDownLatch starting = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            return new DefaultEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    throw new UnsupportedOperationException("gated: is a consumer only");
                }

                @Override
                public Consumer createConsumer(Processor processor) {
                    return new DefaultConsumer(this, processor) {
                        @Override
                        protected void doStart() throws Exception {
                            starting.countDown();
                            if (!open.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("the test never opened the gate");
                            }
                            super.doStart();
                        }
                    };
                }
            };
        }
    }
}
