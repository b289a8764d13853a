package org.workflowring.itests.cluster;

/**
 * One message as the recording backend received it.
 *
 * @param idempotencyKey the {@code WorkflowIdempotencyKey} header, {@code instanceId:seq}
 * @param node           the node that sent it (header {@code WorkflowRingNode}), or {@code ?} when absent
 * @param fence          the fencing token of the grant it was sent under (header {@code WorkflowFence}), -1 when absent
 * @param path           the request path, i.e. which backend
 * @param body           the body as text
 * @param receivedMicros wall clock at receipt, epoch microseconds ({@link Clock#micros()})
 */
public record BackendRecord(String idempotencyKey, String node, long fence, String path, String body,
        long receivedMicros) {

    /** The instance id: the key up to its last colon. */
    public String instanceId() {
        int colon = idempotencyKey.lastIndexOf(':');
        return colon < 0 ? idempotencyKey : idempotencyKey.substring(0, colon);
    }

    /** Who sent it under which token, for reports: {@code node2@1234}. */
    public String sender() {
        return node + "@" + fence;
    }

    /** The outbox sequence number: the key after its last colon; -1 when the key has none. */
    public long seq() {
        int colon = idempotencyKey.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Long.parseLong(idempotencyKey.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
