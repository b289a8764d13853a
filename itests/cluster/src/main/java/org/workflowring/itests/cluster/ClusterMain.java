package org.workflowring.itests.cluster; public final class ClusterMain { private ClusterMain() {} public static void main(String[] args) { } }
