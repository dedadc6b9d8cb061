package org.chainrule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.chainrule.api.DataException;
import org.chainrule.api.Task;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Scores;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** The files {@code nn train} writes beside the model: the metrics history and the learning curve. */
final class Reports {
    static final List<String> COLUMNS =
            List.of("epoch", "train_loss", "train_accuracy", "heldout_loss", "heldout_accuracy", "seconds");

    /** The figures a line per epoch shows besides the loss and accuracy; the rest go to the metrics files. */
    private static final List<String> BRIEF = List.of("roc_auc", "f1", "micro_f1", "hamming_loss", "r2", "rmse", "mae");

    private Reports() {}

    /**
     * @param brief only the few figures an epoch's line shows (no accuracy, no per-target figures)
     * @return e.g. {@code r2 0.4712  rmse 53.10  mae 42.77}
     */
    static String figures(java.util.Map<String, Double> metrics, boolean brief) {
        StringBuilder b = new StringBuilder();
        metrics.forEach((name, v) -> {
            if ((!brief || BRIEF.contains(name)) && !(name.equals("accuracy"))) {
                b.append(b.isEmpty() ? "" : "  ")
                        .append(name)
                        .append(' ')
                        .append(String.format(java.util.Locale.ROOT, Math.abs(v) >= 10 ? "%.2f" : "%.4f", v));
            }
        });
        return b.toString();
    }

    /** Writes every epoch as CSV (with a header) and as JSON lines; {@code heldOut} names the held-out set. */
    static void writeMetrics(Path csv, Path jsonLines, List<EpochResult> history, String heldOut) {
        ObjectMapper json = new ObjectMapper();
        List<String> extra = history.getFirst().testMetrics().keySet().stream()
                .filter(k -> !k.equals("accuracy"))
                .toList();
        List<String> header = new java.util.ArrayList<>(COLUMNS);
        extra.forEach(k -> header.add("heldout_" + k));
        try (CSVPrinter p = new CSVPrinter(
                        Files.newBufferedWriter(csv, StandardCharsets.UTF_8),
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader(header.toArray(String[]::new))
                                .get());
                BufferedWriter lines = Files.newBufferedWriter(jsonLines, StandardCharsets.UTF_8)) {
            for (EpochResult r : history) {
                List<Object> row = new java.util.ArrayList<>(List.of(
                        r.epoch(),
                        r.trainLoss(),
                        blank(r.trainAccuracy()),
                        blank(r.testLoss()),
                        blank(r.testAccuracy()),
                        r.seconds()));
                extra.forEach(k -> row.add(blank(r.testMetrics().getOrDefault(k, Double.NaN))));
                p.printRecord(row);
                ObjectNode o = json.createObjectNode();
                o.put("epoch", r.epoch());
                o.put("train_loss", r.trainLoss());
                if (!Double.isNaN(r.trainAccuracy())) {
                    o.put("train_accuracy", r.trainAccuracy());
                }
                if (heldOut != null) {
                    o.put("heldout", heldOut);
                    o.put("heldout_loss", r.testLoss());
                    if (!Double.isNaN(r.testAccuracy())) {
                        o.put("heldout_accuracy", r.testAccuracy());
                    }
                    for (String k : extra) {
                        double v = r.testMetrics().getOrDefault(k, Double.NaN);
                        if (Double.isFinite(v)) {
                            o.put("heldout_" + k, v);
                        } else {
                            o.putNull("heldout_" + k);
                        }
                    }
                }
                o.put("seconds", r.seconds());
                lines.write(json.writeValueAsString(o));
                lines.newLine();
            }
        } catch (IOException e) {
            throw new DataException("cannot write the metrics to " + csv.getParent() + " (" + e.getMessage() + ")", e);
        }
    }

    private static Object blank(double v) {
        return Double.isNaN(v) ? "" : v;
    }

    /**
     * Draws loss (top) and the task's main figure (bottom: accuracy, micro F1 or R², see {@link
     * Scores#mainMetric}) per epoch, train (where it has one) and held-out, with JFreeChart.
     *
     * @param format {@code png} or {@code svg}
     */
    static void writeCurves(Path file, List<EpochResult> history, String heldOut, Task task, String format) {
        String main = Scores.mainMetric(task);
        boolean percent = main.equals("accuracy");
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection accuracies = new XYSeriesCollection();
        XYSeries trainLoss = new XYSeries("train");
        XYSeries trainAcc = new XYSeries("train");
        XYSeries heldLoss = new XYSeries(heldOut == null ? "held out" : heldOut);
        XYSeries heldAcc = new XYSeries(heldOut == null ? "held out" : heldOut);
        for (EpochResult r : history) {
            trainLoss.add(r.epoch(), r.trainLoss());
            if (percent) {
                trainAcc.add(r.epoch(), 100 * r.trainAccuracy());
            }
            if (heldOut != null) {
                heldLoss.add(r.epoch(), r.testLoss());
                double v = r.testMetrics().getOrDefault(main, Double.NaN);
                if (!Double.isNaN(v)) {
                    heldAcc.add(r.epoch(), percent ? 100 * v : v);
                }
            }
        }
        losses.addSeries(trainLoss);
        if (percent) {
            accuracies.addSeries(trainAcc);
        }
        if (heldOut != null) {
            losses.addSeries(heldLoss);
            accuracies.addSeries(heldAcc);
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);
        plot.add(subplot(losses, "loss", true), 1);
        if (accuracies.getSeriesCount() > 0) {
            plot.add(subplot(accuracies, percent ? "accuracy %" : main.replace('_', ' '), false), 1);
        }
        JFreeChart chart = new JFreeChart("learning curve", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            if (format.equals("svg")) {
                SVGGraphics2D g = new SVGGraphics2D(800, 600);
                chart.draw(g, new java.awt.Rectangle(0, 0, 800, 600));
                Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
            } else {
                ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 600);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYPlot subplot(XYSeriesCollection data, String label, boolean inLegend) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, data.getItemCount(0) <= 40);
        lines.setSeriesPaint(0, new Color(0x1f77b4));
        lines.setSeriesPaint(1, new Color(0xff7f0e));
        lines.setSeriesStroke(0, new BasicStroke(2f));
        lines.setSeriesStroke(1, new BasicStroke(2f));
        lines.setDefaultSeriesVisibleInLegend(inLegend);
        XYPlot p = new XYPlot(data, null, y, lines);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}
