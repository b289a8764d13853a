package org.workflowring.store;

/**
 * A write carried a fencing token older than the one stored for the instance: another node has claimed it since.
 *
 * <p><b>IMPORTANT</b>: nothing of the rejected write is stored. The caller has lost the instance and must stop work on
 * it, drop what it holds in memory and release its lock; retrying with the same token can never succeed.
 */
public final class FencedOutException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String instanceId;
    private final long callerToken;
    private final long storedToken;

    /** The caller's write with {@code callerToken} on {@code instanceId} lost to {@code storedToken}. */
    public FencedOutException(String instanceId, long callerToken, long storedToken) {
        super("instance '" + instanceId + "' is fenced out: the caller's token " + callerToken
                + " is not the stored token " + storedToken + "; nothing was written");
        this.instanceId = instanceId;
        this.callerToken = callerToken;
        this.storedToken = storedToken;
    }

    /** The instance whose write was rejected. */
    public String instanceId() {
        return instanceId;
    }

    /** The fencing token the caller wrote with. */
    public long callerToken() {
        return callerToken;
    }

    /** The fencing token stored for the instance when the write was rejected. */
    public long storedToken() {
        return storedToken;
    }
}
