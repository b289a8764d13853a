package org.workflowring.ring.tools;

public final class RingReport {
    public static void main(String[] args) {
    }
}
