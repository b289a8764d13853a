package org.workflowring.ring.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.workflowring.ring.Member;
import org.workflowring.ring.OwnerChange;
import org.workflowring.ring.Ring;
import org.workflowring.ring.RingDiff;

/**
 * Prints how evenly rings spread the hash space and how much moves on a join or a leave, against theory.
 *
 * <p>Exact, not sampled: shares and moved fractions come from the ring's ranges. Each row aggregates several
 * rings with different member ids, because one layout can be lucky. Usage:
 * {@code java -jar ring-core.jar [--trials N] [--members 3,10,50] [--vnodes 64,256,512,1000,2000]}.
 */
public final class RingReport {

    private final PrintStream out;
    private final int trials;

    RingReport(PrintStream out, int trials) {
        this.out = out;
        this.trials = trials;
    }

    public static void main(String[] args) {
        int trials = 20;
        int[] memberCounts = {3, 10, 50};
        int[] vnodeCounts = {64, 256, 512, 1000, 2000};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(value(args, ++i, "--trials"));
                case "--members" -> memberCounts = ints(value(args, ++i, "--members"));
                case "--vnodes" -> vnodeCounts = ints(value(args, ++i, "--vnodes"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: [--trials N] [--members 3,10,50] [--vnodes 64,256,512,1000,2000]");
            }
        }
        new RingReport(System.out, trials).print(memberCounts, vnodeCounts);
    }

    void print(int[] memberCounts, int[] vnodeCounts) {
        out.printf("workflow-ring balance report: %d rings per row, default %d vnodes per weight unit%n",
                trials, Ring.DEFAULT_VNODES_PER_WEIGHT);
        out.println("max/mean = largest share / mean share (1.00 is perfect); join and leave = moved fraction /");
        out.println("theory (1/(n+1) on join, 1/n on leave); 'ok' = rings meeting max/mean <= 1.10 and join within 10%.");
        out.println();
        out.printf("%7s %6s | %8s %8s | %8s %8s %8s %8s | %8s | %6s | %5s%n", "members", "vnodes",
                "max/mean", "worst", "join", "worst", "leave", "worst", "staying", "ok", "build");
        for (int n : memberCounts) {
            for (int v : vnodeCounts) {
                out.println(row(n, v));
            }
        }
    }

    String row(int n, int vnodes) {
        double imbalanceSum = 0;
        double imbalanceWorst = 0;
        double joinSum = 0;
        double joinWorst = 1;
        double leaveSum = 0;
        double leaveWorst = 1;
        long stayingMoves = 0;
        int ok = 0;
        long buildNanos = 0;
        for (int t = 0; t < trials; t++) {
            List<Member> members = members("t" + t + "-node-", n);
            long started = System.nanoTime();
            Ring ring = Ring.of(members, vnodes);
            buildNanos += System.nanoTime() - started;
            double imbalance = maxShare(ring) * n;

            List<Member> joined = new ArrayList<>(members);
            joined.add(Member.of("t" + t + "-joiner"));
            RingDiff join = RingDiff.between(ring, Ring.of(joined, vnodes));
            double joinRatio = join.movedFraction() * (n + 1);
            stayingMoves += countStayingMoves(join, "t" + t + "-joiner", null);

            double leaveRatio = 1;
            if (n > 1) {
                RingDiff leave = RingDiff.between(ring, Ring.of(members.subList(1, n), vnodes));
                leaveRatio = leave.movedFraction() * n;
                stayingMoves += countStayingMoves(leave, null, members.get(0).id());
            }
            imbalanceSum += imbalance;
            imbalanceWorst = Math.max(imbalanceWorst, imbalance);
            joinSum += joinRatio;
            joinWorst = worse(joinWorst, joinRatio);
            leaveSum += leaveRatio;
            leaveWorst = worse(leaveWorst, leaveRatio);
            if (imbalance <= 1.10 && Math.abs(joinRatio - 1) <= 0.10) {
                ok++;
            }
        }
        return String.format("%7d %6d | %8.3f %8.3f | %8.3f %8.3f %8.3f %8.3f | %8d | %2d/%-3d | %3.1fms",
                n, vnodes, imbalanceSum / trials, imbalanceWorst, joinSum / trials, joinWorst, leaveSum / trials,
                leaveWorst, stayingMoves, ok, trials, buildNanos / 1e6 / trials);
    }

    /** Owner changes that neither go to the joiner nor come from the leaver: must be zero. */
    private static long countStayingMoves(RingDiff diff, String joiner, String leaver) {
        long count = 0;
        for (OwnerChange change : diff.changes()) {
            if (!change.toId().equals(joiner) && !change.fromId().equals(leaver)) {
                count++;
            }
        }
        return count;
    }

    private static double maxShare(Ring ring) {
        return ring.shares().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double worse(double current, double candidate) {
        return Math.abs(candidate - 1) > Math.abs(current - 1) ? candidate : current;
    }

    private static List<Member> members(String prefix, int n) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(Member.of(prefix + i));
        }
        return members;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }
}
