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
import org.chainrule.engine.EpochResult;
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

    private Reports() {}

    /** Writes every epoch as CSV (with a header) and as JSON lines; {@code heldOut} names the held-out set. */
    static void writeMetrics(Path csv, Path jsonLines, List<EpochResult> history, String heldOut) {
        ObjectMapper json = new ObjectMapper();
        try (CSVPrinter p = new CSVPrinter(
                        Files.newBufferedWriter(csv, StandardCharsets.UTF_8),
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader(COLUMNS.toArray(String[]::new))
                                .get());
                BufferedWriter lines = Files.newBufferedWriter(jsonLines, StandardCharsets.UTF_8)) {
            for (EpochResult r : history) {
                p.printRecord(
                        r.epoch(),
                        r.trainLoss(),
                        r.trainAccuracy(),
                        blank(r.testLoss()),
                        blank(r.testAccuracy()),
                        r.seconds());
                ObjectNode o = json.createObjectNode();
                o.put("epoch", r.epoch());
                o.put("train_loss", r.trainLoss());
                o.put("train_accuracy", r.trainAccuracy());
                if (heldOut != null) {
                    o.put("heldout", heldOut);
                    o.put("heldout_loss", r.testLoss());
                    o.put("heldout_accuracy", r.testAccuracy());
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
     * Draws loss (top) and accuracy (bottom) per epoch, train and held-out, with JFreeChart.
     *
     * @param format {@code png} or {@code svg}
     */
    static void writeCurves(Path file, List<EpochResult> history, String heldOut, String format) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection accuracies = new XYSeriesCollection();
        XYSeries trainLoss = new XYSeries("train");
        XYSeries trainAcc = new XYSeries("train");
        XYSeries heldLoss = new XYSeries(heldOut == null ? "held out" : heldOut);
        XYSeries heldAcc = new XYSeries(heldOut == null ? "held out" : heldOut);
        for (EpochResult r : history) {
            trainLoss.add(r.epoch(), r.trainLoss());
            trainAcc.add(r.epoch(), 100 * r.trainAccuracy());
            if (heldOut != null) {
                heldLoss.add(r.epoch(), r.testLoss());
                heldAcc.add(r.epoch(), 100 * r.testAccuracy());
            }
        }
        losses.addSeries(trainLoss);
        accuracies.addSeries(trainAcc);
        if (heldOut != null) {
            losses.addSeries(heldLoss);
            accuracies.addSeries(heldAcc);
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);
        plot.add(subplot(losses, "loss", true), 1);
        plot.add(subplot(accuracies, "accuracy %", false), 1);
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
