package org.chainrule.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.chainrule.api.Task;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.TrainingListener;

/**
 * What {@code nn train} shows while it trains: on a terminal a progress bar per epoch (batch,
 * samples/s, loss, ETA) above the finished epochs' lines; otherwise, or with {@code --no-progress},
 * one plain line per epoch; with {@code --quiet} nothing until the summary.
 */
final class Progress implements TrainingListener {
    enum Mode {
        BAR,
        LINES,
        QUIET
    }

    private final PrintWriter out;
    private final Mode mode;
    private final int epochs;
    private final int batchSize;
    private final String heldOut;
    private final Task task;
    private final Runnable start;
    private ProgressBar bar;
    private long epochStart;

    /**
     * @param heldOut what the per-epoch held-out figures are: {@code "val"} or {@code "test"}, or null
     * @param start what to do once the trainer has checked everything, before the first step
     */
    Progress(PrintWriter out, Mode mode, int epochs, int batchSize, String heldOut, Task task, Runnable start) {
        this.task = task;
        this.out = out;
        this.start = start;
        this.mode = mode;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.heldOut = heldOut;
    }

    /** @return BAR when standard output is a terminal and neither flag says otherwise */
    static Mode choose(boolean noProgress, boolean quiet) {
        if (quiet) {
            return Mode.QUIET;
        }
        java.io.Console console = System.console();
        return !noProgress && console != null && console.isTerminal() ? Mode.BAR : Mode.LINES;
    }

    @Override
    public void onStart(int epochsDone) {
        start.run();
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss) {
        if (mode != Mode.BAR) {
            return;
        }
        if (bar == null) {
            epochStart = System.nanoTime();
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format("epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .setUnit(" batches", 1)
                    .showSpeed()
                    .build();
        }
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        bar.stepTo(batch);
        bar.setExtraMessage(
                String.format(" loss %.4f, %,.0f samples/s", loss, batch * batchSize / Math.max(seconds, 1e-9)));
    }

    @Override
    public void onEpoch(EpochResult r) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (mode == Mode.QUIET) {
            return;
        }
        out.printf("epoch %3d/%d  train loss %.4f", r.epoch(), epochs, r.trainLoss());
        if (!Double.isNaN(r.trainAccuracy())) {
            out.printf("  acc %6.2f%%", 100 * r.trainAccuracy());
        }
        if (heldOut != null) {
            out.printf("  |  %s loss %.4f", heldOut, r.testLoss());
            if (task == Task.MULTICLASS || task == Task.BINARY) {
                out.printf("  acc %6.2f%%", 100 * r.testAccuracy());
            }
            if (task != Task.MULTICLASS) {
                out.printf("  %s", Reports.figures(r.testMetrics(), true));
            }
        }
        out.printf("  %.2f s%n", r.seconds());
        out.flush();
    }

    @Override
    public void onEarlyStop(int epoch, int bestEpoch) {
        if (mode != Mode.QUIET) {
            out.printf(
                    "early stop after epoch %d: no better validation figure for a while; keeping epoch %d%n",
                    epoch, bestEpoch);
        }
    }
}
