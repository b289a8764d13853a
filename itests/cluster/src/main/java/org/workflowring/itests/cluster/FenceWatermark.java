package org.workflowring.itests.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * What a backend that must never act on a message of a former holder keeps: the highest fencing token seen per
 * workflow instance. A message under a lower token comes from a node that lost the instance after its last check
 * (a pause inside the send) and is refused; an equal or higher token is admitted and raises the mark.
 *
 * <p><b>IMPORTANT</b>: not thread-safe; the caller serialises {@link #admit} with whatever it does on admission.
 */
public final class FenceWatermark {

    private final Map<String, Long> highest = new HashMap<>();

    /** Whether a message of {@code instance} under {@code fence} may be acted on; a negative (absent) token is admitted. */
    public boolean admit(String instance, long fence) {
        if (fence < 0) {
            return true;
        }
        Long mark = highest.get(instance);
        if (mark != null && fence < mark) {
            return false;
        }
        highest.put(instance, fence);
        return true;
    }
}
