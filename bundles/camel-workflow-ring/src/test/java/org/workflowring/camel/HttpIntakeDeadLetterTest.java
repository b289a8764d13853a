package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.store.JdbcWorkflowStore;

/**
 * A dead letter of an event that came over netty-http keeps its body after the request ended: the dead-letter route
 * reads it later (vm: in the shipped route files, seda: here), when Netty has already released the request's buffer.
 * An event without instance id is stored nowhere else, so a lost body would be a lost event.
 */
class HttpIntakeDeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private JdbcWorkflowStore store;
    private RingFixture.Node node;
    private CamelContext camel;
    private String url;

    @BeforeEach
    void start() throws Exception {
        store = RingFixture.h2Store(RingFixture.memUrl(), 1024);
        node = RingFixture.node(RingFixture.settings(zk.connectString(), "http-dead-" + System.nanoTime()), "n1");
        RingFixture.awaitReady(node, 1, WAIT);
        int port = AvailablePortFinder.getNextAvailable(20000, 40000);
        url = "http://127.0.0.1:" + port + "/events";
        camel = new DefaultCamelContext();
        camel.addComponent("workflow-ring", RingFixture.component(node, store, RingFixture.orderWorkflowOnMocks()));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:orders:netty-http:" + url + "?workflowType=order&deadLetterUri=seda:dead")
                        .setBody(header("WorkflowRingOutcome"));
                // As the shipped dead-letters.xml: converted to text after the HTTP exchange is over.
                from("seda:dead").delay(300).convertBodyTo(String.class).to("mock:dead");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        node.close();
        store.close();
    }

    @Test
    void anEventWithoutInstanceIdReachesTheDeadLetterRouteWithItsBodyAfterTheRequestEnded() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("created 1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("DEAD_LETTERED");

        MockEndpoint dead = camel.getEndpoint("mock:dead", MockEndpoint.class);
        await().atMost(WAIT).until(() -> dead.getReceivedCounter() == 1);
        assertThat(dead.getExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("created 1");
        assertThat(dead.getExchanges().get(0).getMessage().getHeader(WorkflowRingHeaders.DEAD_LETTER_REASON))
                .isEqualTo("MISSING_INSTANCE_ID");
    }
}
