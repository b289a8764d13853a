package org.workflowring.bench.workflow;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.camel.WorkflowRingComponent;

/**
 * The product on one node: {@code direct:events -> workflow-ring:bench} (idempotent append, dispatcher), then the
 * component's workers take each instance's lock once and keep it, claim once per grant, run the pending events
 * through {@link CounterWorkflow}, commit fenced and relay the outbox to {@code direct:backend}.
 */
final class HeldLocksRun implements EngineRun {

    private final BenchNode bench;
    private final int workerThreads;
    private final CountingBackend backend = new CountingBackend();
    private CamelContext camel;
    private ProducerTemplate producer;

    HeldLocksRun(BenchNode bench, int workerThreads) {
        this.bench = bench;
        this.workerThreads = workerThreads;
    }

    @Override
    public String name() {
        return "held locks";
    }

    @Override
    public void start() throws Exception {
        camel = new DefaultCamelContext();
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setRingNode(bench.node);
        component.setStore(bench.store);
        component.setWorkflowRegistry(MapWorkflowRegistry.of(new CounterWorkflow()));
        camel.addComponent("workflow-ring", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // The default recovery sweep period (30 s): events must arrive through notifications, not the sweep.
                from("direct:events").to("workflow-ring:bench?workflowType=" + CounterWorkflow.TYPE
                        + "&workerThreads=" + workerThreads + "&mailboxBound=1000&recoverySweepPeriod=30000");
                from(CounterWorkflow.BACKEND).process(backend);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @Override
    public ProducerTemplate producer() {
        return producer;
    }

    @Override
    public CountingBackend backend() {
        return backend;
    }

    @Override
    public BenchNode bench() {
        return bench;
    }

    @Override
    public void close() {
        if (camel != null) {
            camel.stop();
        }
    }
}
