package org.chainrule.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Where data-parallel training stands on its driver, beyond the network's parameters: what a
 * checkpoint of it holds ({@link Chainrule#saveDataParallel}, {@link Chainrule#resumeDataParallel}).
 *
 * @param epochsDone the epochs completed
 * @param round the averaging rounds completed in the epoch under way (0 at an epoch's start)
 * @param steps each partition's optimizer steps so far
 * @param optimizerState the averaged optimizer state, flat in {@link PartitionTrainer}'s order;
 *     null before the first round
 * @param lossSum the epoch under way so far: Σ batch loss × rows over every worker
 * @param samples the epoch under way so far: rows trained on
 * @param correct the epoch under way so far: rows classified correctly
 * @param partitionRows each partition's rows, which a resumed run's partitions must match
 * @param history the completed epochs' results
 * @param watch early stopping's state; {@link Watch#NONE} without early stopping or before an epoch ended
 */
public record DriverState(
        int epochsDone,
        int round,
        long[] steps,
        float[] optimizerState,
        double lossSum,
        long samples,
        long correct,
        int[] partitionRows,
        List<EpochResult> history,
        Watch watch) {
    /** Copies the arrays and the history. */
    public DriverState {
        java.util.Objects.requireNonNull(watch, "watch is null");
        steps = steps.clone();
        optimizerState = optimizerState == null ? null : optimizerState.clone();
        partitionRows = partitionRows.clone();
        history = List.copyOf(history);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriverState d
                && epochsDone == d.epochsDone
                && round == d.round
                && Arrays.equals(steps, d.steps)
                && Arrays.equals(optimizerState, d.optimizerState)
                && Double.compare(lossSum, d.lossSum) == 0
                && samples == d.samples
                && correct == d.correct
                && Arrays.equals(partitionRows, d.partitionRows)
                && history.equals(d.history)
                && watch.equals(d.watch);
    }

    /**
     * Early stopping's state on the driver.
     *
     * @param best the best validation figure so far (NaN before the first epoch)
     * @param bestEpoch the epoch that reached it (0: none yet)
     * @param badEpochs epochs since then without improvement
     * @param bestParameters the parameters of the best epoch, flat; null while bestEpoch is 0
     * @param stopped whether training stopped early
     */
    public record Watch(double best, int bestEpoch, int badEpochs, float[] bestParameters, boolean stopped) {
        /** Nothing watched yet. */
        public static final Watch NONE = new Watch(Double.NaN, 0, 0, null, false);

        /** Copies the parameters. */
        public Watch {
            bestParameters = bestParameters == null ? null : bestParameters.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Watch w
                    && Double.compare(best, w.best) == 0
                    && bestEpoch == w.bestEpoch
                    && badEpochs == w.badEpochs
                    && Arrays.equals(bestParameters, w.bestParameters)
                    && stopped == w.stopped;
        }

        @Override
        public int hashCode() {
            return bestEpoch * 31 + badEpochs;
        }

        @Override
        public String toString() {
            return "Watch[best " + best + " at epoch " + bestEpoch + ", " + badEpochs + " bad epochs"
                    + (stopped ? ", stopped" : "") + "]";
        }
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(steps) * 31 + Arrays.hashCode(partitionRows) + epochsDone * 7 + round;
    }

    @Override
    public String toString() {
        return "DriverState[epochs done " + epochsDone + ", round " + round + ", steps " + Arrays.toString(steps)
                + ", partitions " + Arrays.toString(partitionRows) + "]";
    }
}
