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
        List<EpochResult> history) {
    /** Copies the arrays and the history. */
    public DriverState {
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
                && history.equals(d.history);
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
