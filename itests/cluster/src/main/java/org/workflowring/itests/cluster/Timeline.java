package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput over time of one fault scenario, per second since the load started: events acknowledged by the nodes
 * (stored) and messages received by the backend (processed and sent), with the moments of the faults.
 *
 * @param name         the scenario
 * @param acknowledged acknowledged events in second {@code i}
 * @param delivered    backend receipts in second {@code i}
 * @param faults       what happened when
 */
public record Timeline(String name, long[] acknowledged, long[] delivered, List<Fault> faults) {

    /** A fault moment: seconds since the load started, and what it was. */
    public record Fault(double second, String label) {
    }

    /**
     * Buckets per second from {@code originMicros}: acknowledgements by epoch second, backend receipts by their
     * wall-clock micros, faults at their wall-clock micros.
     */
    public static Timeline of(String name, long originMicros, Map<Long, Long> acknowledgedPerEpochSecond,
            List<BackendRecord> records, Map<Long, String> faultsAtMicros) {
        long originSecond = originMicros / 1_000_000;
        int length = 1;
        for (long second : acknowledgedPerEpochSecond.keySet()) {
            length = Math.max(length, (int) (second - originSecond) + 1);
        }
        for (BackendRecord r : records) {
            length = Math.max(length, (int) (r.receivedMicros() / 1_000_000 - originSecond) + 1);
        }
        long[] acked = new long[length];
        long[] delivered = new long[length];
        acknowledgedPerEpochSecond.forEach((second, n) -> {
            if (second >= originSecond) {
                acked[(int) (second - originSecond)] += n;
            }
        });
        for (BackendRecord r : records) {
            long second = r.receivedMicros() / 1_000_000 - originSecond;
            if (second >= 0) {
                delivered[(int) second]++;
            }
        }
        List<Fault> faults = new ArrayList<>();
        faultsAtMicros.forEach((micros, label) -> faults.add(new Fault((micros - originSecond * 1_000_000) / 1e6, label)));
        faults.sort((a, b) -> Double.compare(a.second(), b.second()));
        return new Timeline(name, acked, delivered, List.copyOf(faults));
    }

    /** CSV: {@code kind,second,value,label} rows, kind {@code name}, {@code acknowledged}, {@code delivered} or {@code fault}. */
    public String toCsv() {
        StringBuilder out = new StringBuilder("kind,second,value,label\n");
        out.append("name,0,0,").append(name).append('\n');
        for (int i = 0; i < acknowledged.length; i++) {
            out.append("acknowledged,").append(i).append(',').append(acknowledged[i]).append(",\n");
            out.append("delivered,").append(i).append(',').append(delivered[i]).append(",\n");
        }
        for (Fault f : faults) {
            out.append(String.format(Locale.ROOT, "fault,%.3f,0,%s%n", f.second(), f.label().replace(',', ';')));
        }
        return out.toString();
    }

    /** Reads what {@link #toCsv()} wrote. */
    public static Timeline fromCsv(String csv) {
        String name = "";
        List<long[]> rows = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        int length = 0;
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", 4);
            if (f.length < 4 || f[0].equals("kind")) {
                continue;
            }
            switch (f[0]) {
                case "name" -> name = f[3];
                case "acknowledged", "delivered" -> {
                    int second = Integer.parseInt(f[1]);
                    rows.add(new long[] {f[0].equals("acknowledged") ? 0 : 1, second, Long.parseLong(f[2])});
                    length = Math.max(length, second + 1);
                }
                case "fault" -> faults.add(new Fault(Double.parseDouble(f[1]), f[3]));
                default -> throw new IllegalArgumentException("unknown timeline row: " + line);
            }
        }
        long[] acked = new long[length];
        long[] delivered = new long[length];
        for (long[] r : rows) {
            (r[0] == 0 ? acked : delivered)[(int) r[1]] = r[2];
        }
        return new Timeline(name, acked, delivered, List.copyOf(faults));
    }
}
