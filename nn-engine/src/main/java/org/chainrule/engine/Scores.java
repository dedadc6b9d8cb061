package org.chainrule.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.chainrule.api.Matrix;
import org.chainrule.api.ShapeException;
import org.chainrule.api.Task;
import org.chainrule.engine.network.Metrics;

/**
 * How well a model does its task on a data set: the mean loss (in the units it was trained in)
 * and the task's figures (in the data's units), in a fixed order.
 *
 * <ul>
 *   <li>multiclass: {@code accuracy};
 *   <li>binary (output ≥ ½ is class 1): {@code accuracy}, {@code precision}, {@code recall},
 *       {@code f1} (each 0 when undefined), {@code roc_auc} (NaN when one class is absent) and
 *       {@code log_loss} (the mean binary NLL of the probabilities, logarithms clamped at −100);
 *   <li>multi-label (each output ≥ ½ is its label): {@code hamming_loss} (the fraction of labels
 *       wrong), {@code subset_accuracy} (samples with every label right), {@code micro_f1},
 *       {@code macro_f1}, then {@code f1[name]} per label;
 *   <li>regression: {@code mse}, {@code rmse}, {@code mae} over every target value, {@code r2}
 *       (the mean of the targets' R² = 1 − SS_res/SS_tot, NaN for a constant target), then with
 *       several targets {@code mse[name]}, {@code rmse[name]}, {@code mae[name]}, {@code r2[name]}.
 * </ul>
 *
 * @param task the task the figures are for
 * @param loss the mean loss per sample
 * @param metrics the figures by name, in the order above (unmodifiable)
 */
public record Scores(Task task, double loss, SequencedMap<String, Double> metrics) {
    /** Copies the figures. */
    public Scores {
        metrics = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metrics));
    }

    /** @return whether each sample of the task has one class, so that accuracy means something */
    static boolean hasAccuracy(Task task) {
        return task == Task.MULTICLASS || task == Task.BINARY;
    }

    /** @return the name of the figure a task is judged by: accuracy, micro_f1 or r2 */
    public static String mainMetric(Task task) {
        return switch (task) {
            case MULTICLASS, BINARY -> "accuracy";
            case MULTILABEL -> "micro_f1";
            case REGRESSION -> "r2";
        };
    }

    /** @return the value of the task's {@linkplain #mainMetric main figure} */
    public double main() {
        return metrics.get(mainMetric(task));
    }

    /**
     * @param out the model's outputs, samples × k, in the data's units
     * @param y the targets, samples × k, in the data's units
     * @param names one per output, for the per-target figures
     * @return the task's figures for these outputs
     */
    static SequencedMap<String, Double> metrics(Task task, Matrix out, Matrix y, List<String> names) {
        if (out.rows() != y.rows() || out.cols() != y.cols() || names.size() != y.cols()) {
            throw new ShapeException("scores: expected outputs and targets of one shape with a name per column, found "
                    + out.rows() + " × " + out.cols() + ", " + y.rows() + " × " + y.cols() + " and " + names.size()
                    + " names");
        }
        SequencedMap<String, Double> m = new LinkedHashMap<>();
        switch (task) {
            case MULTICLASS -> m.put("accuracy", (double) Metrics.correct(out, y, y.rows()) / y.rows());
            case BINARY -> binary(out.data(), y.data(), m);
            case MULTILABEL -> multilabel(out, y, names, m);
            case REGRESSION -> regression(out, y, names, m);
        }
        return m;
    }

    private static void binary(float[] p, float[] t, Map<String, Double> m) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long right = 0;
        double logLoss = 0;
        for (int i = 0; i < p.length; i++) {
            boolean said = p[i] >= 0.5f;
            boolean is = t[i] >= 0.5f;
            right += said == is ? 1 : 0;
            tp += said && is ? 1 : 0;
            fp += said && !is ? 1 : 0;
            fn += !said && is ? 1 : 0;
            logLoss -= t[i] * clampedLog(p[i]) + (1 - t[i]) * clampedLog(1 - p[i]);
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        m.put("accuracy", (double) right / p.length);
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1(tp, fp, fn));
        m.put("roc_auc", rocAuc(p, t));
        m.put("log_loss", logLoss / p.length);
    }

    private static double clampedLog(double v) {
        return Math.max(Math.log(v), -100);
    }

    private static double f1(long tp, long fp, long fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /**
     * @return the area under the ROC curve: the probability that a random positive scores above a
     *     random negative, ties counting half (the Mann-Whitney U statistic over its maximum)
     */
    static double rocAuc(float[] score, float[] target) {
        int n = score.length;
        long[] keyed = new long[n]; // score's order-preserving bits above, the row below: one primitive sort
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(score[i] == 0 ? 0f : score[i]);
            int sortable = bits < 0 ? ~bits : bits | Integer.MIN_VALUE;
            keyed[i] = ((long) (sortable ^ Integer.MIN_VALUE) << 32) | i;
        }
        Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keyed[i];
        }
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // tied scores share their mean rank
            for (int k = i; k <= j; k++) {
                if (target[order[k]] >= 0.5f) {
                    rankSumPositive += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static void multilabel(Matrix out, Matrix y, List<String> names, Map<String, Double> m) {
        int k = y.cols();
        int rows = y.rows();
        long[] tp = new long[k];
        long[] fp = new long[k];
        long[] fn = new long[k];
        long wrong = 0;
        long exact = 0;
        float[] p = out.data();
        float[] t = y.data();
        for (int r = 0; r < rows; r++) {
            boolean allRight = true;
            for (int c = 0; c < k; c++) {
                boolean said = p[r * k + c] >= 0.5f;
                boolean is = t[r * k + c] >= 0.5f;
                if (said != is) {
                    wrong++;
                    allRight = false;
                }
                tp[c] += said && is ? 1 : 0;
                fp[c] += said && !is ? 1 : 0;
                fn[c] += !said && is ? 1 : 0;
            }
            exact += allRight ? 1 : 0;
        }
        long tpAll = 0;
        long fpAll = 0;
        long fnAll = 0;
        double macro = 0;
        for (int c = 0; c < k; c++) {
            tpAll += tp[c];
            fpAll += fp[c];
            fnAll += fn[c];
            macro += f1(tp[c], fp[c], fn[c]);
        }
        m.put("hamming_loss", (double) wrong / ((long) rows * k));
        m.put("subset_accuracy", (double) exact / rows);
        m.put("micro_f1", f1(tpAll, fpAll, fnAll));
        m.put("macro_f1", macro / k);
        for (int c = 0; c < k; c++) {
            m.put("f1[" + names.get(c) + "]", f1(tp[c], fp[c], fn[c]));
        }
    }

    private static void regression(Matrix out, Matrix y, List<String> names, Map<String, Double> m) {
        int k = y.cols();
        int rows = y.rows();
        double[] sq = new double[k];
        double[] abs = new double[k];
        double[] sum = new double[k];
        float[] p = out.data();
        float[] t = y.data();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                double e = (double) p[r * k + c] - t[r * k + c];
                sq[c] += e * e;
                abs[c] += Math.abs(e);
                sum[c] += t[r * k + c];
            }
        }
        double[] total = new double[k]; // SS_tot around this set's mean
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                double d = t[r * k + c] - sum[c] / rows;
                total[c] += d * d;
            }
        }
        double sqAll = 0;
        double absAll = 0;
        double r2Sum = 0;
        double[] r2 = new double[k];
        for (int c = 0; c < k; c++) {
            sqAll += sq[c];
            absAll += abs[c];
            r2[c] = total[c] > 0 ? 1 - sq[c] / total[c] : Double.NaN;
            r2Sum += r2[c];
        }
        double mse = sqAll / ((long) rows * k);
        m.put("mse", mse);
        m.put("rmse", Math.sqrt(mse));
        m.put("mae", absAll / ((long) rows * k));
        m.put("r2", r2Sum / k);
        if (k > 1) {
            for (int c = 0; c < k; c++) {
                String n = "[" + names.get(c) + "]";
                m.put("mse" + n, sq[c] / rows);
                m.put("rmse" + n, Math.sqrt(sq[c] / rows));
                m.put("mae" + n, abs[c] / rows);
                m.put("r2" + n, r2[c]);
            }
        }
    }
}
