package org.workflowring.bench.workflow;

import org.apache.camel.ProducerTemplate;

/** One way of processing the benchmark's events on a {@link BenchNode}; feeders send to {@code direct:events}. */
interface EngineRun extends AutoCloseable {

    /** How the run is named in the report. */
    String name();

    /** Builds and starts the run's CamelContext. */
    void start() throws Exception;

    /** A template of the run's CamelContext, for the feeders. */
    ProducerTemplate producer();

    /** Where the run's outbox messages arrive. */
    CountingBackend backend();

    /** The node the run stands on. */
    BenchNode bench();

    @Override
    void close() throws Exception;
}
