package org.workflowring.itests.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws fault scenario timelines as one SVG: a panel per scenario, events per second over seconds since the load
 * started, backend receipts (processed and sent) as a solid line, acknowledged events (stored) as a dashed line, a
 * red line at every fault.
 *
 * <p>{@code java -jar workflow-ring-cluster.jar plot OUT.svg DIR...}: each {@code DIR} holds a scenario run's
 * {@code timeline.csv} (the scenarios write one into their run directory).
 */
public final class ThroughputPlot {

    private static final int WIDTH = 820;
    private static final int PANEL = 190;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int BOTTOM = 34;

    private ThroughputPlot() {
    }

    static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: plot OUT.svg DIR...");
        }
        List<Timeline> timelines = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            timelines.add(Timeline.fromCsv(Files.readString(Path.of(args[i]).resolve("timeline.csv"))));
        }
        Files.writeString(Path.of(args[1]), svg(timelines));
        System.out.println("wrote " + args[1] + " (" + timelines.size() + " panels)");
    }

    /** The SVG document with one panel per timeline, top to bottom. */
    public static String svg(List<Timeline> timelines) {
        if (timelines.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, PANEL * timelines.size()));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < timelines.size(); i++) {
            panel(out, timelines.get(i), i * PANEL);
        }
        return out.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder out, Timeline t, int y0) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = PANEL - TOP - BOTTOM;
        int seconds = Math.max(1, t.delivered().length);
        long max = 1;
        for (int i = 0; i < seconds; i++) {
            max = Math.max(max, Math.max(t.delivered()[i], t.acknowledged()[i]));
        }
        long yMax = niceCeiling(max);
        double xScale = (double) plotWidth / seconds;
        double yScale = (double) plotHeight / yMax;
        int bottom = y0 + TOP + plotHeight;
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                LEFT, y0 + 16, escape(t.name())));
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, y0 + TOP, plotWidth, plotHeight));
        for (int k = 0; k <= 4; k++) {
            long value = yMax * k / 4;
            double y = bottom - value * yScale;
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n", LEFT - 4, y + 4, value));
        }
        int step = Math.max(1, niceCeiling(seconds / 10));
        for (int s = 0; s <= seconds; s += step) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    LEFT + s * xScale, bottom + 14, s));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the load started;"
                + " events/s: solid = backend receipts, dashed = acknowledged by the nodes</text>%n",
                LEFT + plotWidth / 2, bottom + 28));
        out.append(polyline(t.acknowledged(), seconds, xScale, yScale, bottom, "#7a7a7a", "stroke-dasharray=\"4 3\" "));
        out.append(polyline(t.delivered(), seconds, xScale, yScale, bottom, "#1f5fbf", ""));
        for (int i = 0; i < t.faults().size(); i++) {
            Timeline.Fault f = t.faults().get(i);
            double x = LEFT + Math.max(0, Math.min(seconds, f.second())) * xScale;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"1.5\"/>%n",
                    x, y0 + TOP, x, bottom));
            // Labels on alternating rows: faults a few seconds apart would print over each other.
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#d62728\">%s</text>%n", x + 3,
                    y0 + TOP + 12 + 13 * (i % 2), escape(f.label())));
        }
    }

    private static String polyline(long[] values, int seconds, double xScale, double yScale, int bottom, String color,
            String extra) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < seconds; i++) {
            // Each second's count drawn at the middle of its second.
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (i + 0.5) * xScale, bottom - values[i] * yScale));
        }
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" %spoints=\"%s\"/>%n",
                color, extra, points.toString().trim());
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value}. */
    static int niceCeiling(long value) {
        long nice = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * nice >= value) {
                    return (int) (m * nice);
                }
            }
            nice *= 10;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
