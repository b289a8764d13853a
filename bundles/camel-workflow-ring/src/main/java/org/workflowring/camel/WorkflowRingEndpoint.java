package org.workflowring.camel;

import java.time.Duration;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A {@code workflow-ring:ring[:delegateUri]} endpoint: consumer form wraps the delegate event endpoint, producer
 * form stores events; options are checked when a route using it starts ({@link EndpointOptions}).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "workflow-ring", title = "Workflow Ring",
        syntax = "workflow-ring:ringName:delegateUri", category = {Category.CLUSTERING, Category.WORKFLOW})
public class WorkflowRingEndpoint extends DefaultEndpoint {

    @UriPath(description = "The ring's name: a ZooKeeper path segment shared by all nodes of the cluster")
    @Metadata(required = true)
    private final String ringName;
    @UriPath(description = "Consumer only: the event endpoint to consume, e.g. jms:topic:order-events")
    private final String delegateUri;
    @UriParam(enums = "filter,forward", defaultValue = "filter")
    private String mode = "filter";
    @UriParam(defaultValue = "${header.WorkflowInstanceId}")
    private String instanceId = "${header." + WorkflowRingHeaders.INSTANCE_ID + "}";
    @UriParam(defaultValue = "${header.WorkflowEventKey}")
    private String eventKey = "${header." + WorkflowRingHeaders.EVENT_KEY + "}";
    @UriParam
    private String workflowType;
    @UriParam(defaultValue = "4")
    private int workerThreads = 4;
    @UriParam(defaultValue = "100")
    private int mailboxBound = 100;
    @UriParam(defaultValue = "60000")
    private long lockIdleTimeout = 60_000;
    @UriParam(defaultValue = "10000")
    private long lockTimeout = 10_000;
    @UriParam
    private String deadLetterUri;
    @UriParam(defaultValue = "30000")
    private long recoverySweepPeriod = 30_000;
    /** Null: the recoverySweepPeriod, so that a custom period brings its age along. */
    @UriParam
    private Long recoveryAge;
    @UriParam(defaultValue = "3")
    private int maxAttempts = 3;
    @UriParam(defaultValue = "1048576")
    private int maxPayloadBytes = 1 << 20;
    @UriParam(defaultValue = "500")
    private long relayRetryDelay = 500;

    WorkflowRingEndpoint(String uri, WorkflowRingComponent component, String ringName, String delegateUri) {
        super(uri, component);
        this.ringName = ringName;
        this.delegateUri = delegateUri;
    }

    @Override
    public WorkflowRingComponent getComponent() {
        return (WorkflowRingComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        EndpointOptions.validateProducer(this);
        return new WorkflowRingProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        EndpointOptions.validateConsumer(this);
        Endpoint delegate = getCamelContext().getEndpoint(delegateUri);
        WorkflowRingConsumer consumer = new WorkflowRingConsumer(this, processor, delegate);
        configureConsumer(consumer);
        return consumer;
    }

    /** The engine settings these options give. */
    EngineSettings engineSettings() {
        return new EngineSettings(workerThreads, mailboxBound, Duration.ofMillis(lockTimeout), maxAttempts,
                deadLetterUri, Duration.ofMillis(recoverySweepPeriod), Duration.ofMillis(effectiveRecoveryAge()),
                Duration.ofMillis(relayRetryDelay));
    }

    /** The instance id expression, in the simple language. */
    Expression instanceIdExpression() {
        return getCamelContext().resolveLanguage("simple").createExpression(instanceId);
    }

    /** The event key expression, in the simple language. */
    Expression eventKeyExpression() {
        return getCamelContext().resolveLanguage("simple").createExpression(eventKey);
    }

    public String getRingName() {
        return ringName;
    }

    public String getDelegateUri() {
        return delegateUri;
    }

    public String getMode() {
        return mode;
    }

    /**
     * {@code filter} (default): every node receives every event (e.g. a JMS topic) and drops those it does not own;
     * {@code forward}: a node passes events it does not own to the owner's advertised address.
     */
    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getInstanceId() {
        return instanceId;
    }

    /** Simple-language expression giving the workflow instance id of an event; default the WorkflowInstanceId header. */
    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public String getEventKey() {
        return eventKey;
    }

    /** Simple-language expression giving the event's key (unique per instance); empty falls back to the message id. */
    public void setEventKey(String eventKey) {
        this.eventKey = eventKey;
    }

    public String getWorkflowType() {
        return workflowType;
    }

    /** The workflow type of new instances (a WorkflowType header overrides it per event). Required. */
    public void setWorkflowType(String workflowType) {
        this.workflowType = workflowType;
    }

    public int getWorkerThreads() {
        return workerThreads;
    }

    /** Worker threads of this node's engine for the ring (default 4). */
    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    public int getMailboxBound() {
        return mailboxBound;
    }

    /** Queued notifications per instance before the consumer is blocked (back-pressure; default 100). */
    public void setMailboxBound(int mailboxBound) {
        this.mailboxBound = mailboxBound;
    }

    public long getLockIdleTimeout() {
        return lockIdleTimeout;
    }

    /** Milliseconds an unused instance lock stays held (default 60000); must exceed the longest event. */
    public void setLockIdleTimeout(long lockIdleTimeout) {
        this.lockIdleTimeout = lockIdleTimeout;
    }

    public long getLockTimeout() {
        return lockTimeout;
    }

    /** Milliseconds a worker waits for an instance lock still held elsewhere (default 10000). */
    public void setLockTimeout(long lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    /** Where bad input goes, with the reason in header WorkflowDeadLetterReason; unset: logged only. */
    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public long getRecoverySweepPeriod() {
        return recoverySweepPeriod;
    }

    /** Milliseconds between sweeps for pending events and unsent outbox rows of owned instances (default 30000). */
    public void setRecoverySweepPeriod(long recoverySweepPeriod) {
        this.recoverySweepPeriod = recoverySweepPeriod;
    }

    public Long getRecoveryAge() {
        return recoveryAge;
    }

    /**
     * Milliseconds a pending event must have waited before the periodic sweep dispatches it without a notification
     * (default: the recoverySweepPeriod; 0: every pending event). Younger events are probably still on their way
     * through a notification. Scans after a ring change or a reconnect ignore it.
     */
    public void setRecoveryAge(Long recoveryAge) {
        this.recoveryAge = recoveryAge;
    }

    /** The recovery age in force: the one set, or the sweep period. */
    long effectiveRecoveryAge() {
        return recoveryAge != null ? recoveryAge : recoverySweepPeriod;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** How often a throwing workflow is called for one event before it is dead-lettered (default 3). */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public int getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Largest event body accepted, in bytes (default 1 MiB); larger ones are dead-lettered, not stored. */
    public void setMaxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public long getRelayRetryDelay() {
        return relayRetryDelay;
    }

    /** Milliseconds before the first retry of a failed outbox delivery; doubles per failure up to 32x (default 500). */
    public void setRelayRetryDelay(long relayRetryDelay) {
        this.relayRetryDelay = relayRetryDelay;
    }
}
