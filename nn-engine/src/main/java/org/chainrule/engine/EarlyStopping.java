package org.chainrule.engine;

import java.util.Objects;
import org.chainrule.api.ConfigException;

/**
 * Stop training when the validation set stops improving, and keep the best weights.
 *
 * <p>After every epoch the trainer reads {@code metric} on the validation set. An epoch improves
 * when the metric beats the best so far by more than {@code minDelta} (lower loss, or higher
 * accuracy); the weights of the best epoch are kept aside. After {@code patience} epochs in a row
 * without improvement training stops, and in every case the network ends with the best epoch's
 * weights.
 *
 * @param metric what to watch
 * @param patience epochs without improvement before stopping (≥ 1); 0 turns early stopping off
 * @param minDelta the least change that counts as an improvement (≥ 0), in the metric's units
 */
public record EarlyStopping(Metric metric, int patience, double minDelta) {
    /** No early stopping. */
    public static final EarlyStopping OFF = new EarlyStopping(Metric.VALIDATION_LOSS, 0, 0);

    /** The validation figure early stopping watches. */
    public enum Metric {
        /** mean loss per sample on the validation set; lower is better */
        VALIDATION_LOSS,
        /** fraction classified right on the validation set; higher is better */
        VALIDATION_ACCURACY;

        /** @return the figure this metric reads from an epoch's result */
        public double of(EpochResult r) {
            return this == VALIDATION_LOSS ? r.testLoss() : r.testAccuracy();
        }

        /** @return whether {@code value} beats {@code best} by more than {@code delta} */
        public boolean improves(double value, double best, double delta) {
            return this == VALIDATION_LOSS ? value < best - delta : value > best + delta;
        }
    }

    /**
     * Checks that this early stopping can run: a validation set to watch, and accuracy only for a
     * task that has it.
     *
     * @throws ConfigException naming what is missing
     */
    public void check(boolean validation, org.chainrule.api.Task task) {
        if (!enabled()) {
            return;
        }
        if (!validation) {
            throw new ConfigException("early stopping: expected a validation set to watch, found none");
        }
        if (metric == Metric.VALIDATION_ACCURACY && !Scores.hasAccuracy(task)) {
            throw new ConfigException("early stopping on validation accuracy: the " + task.id()
                    + " task has no accuracy; watch the" + " validation loss");
        }
    }

    /** Validates. */
    public EarlyStopping {
        Objects.requireNonNull(metric, "metric is null");
        if (patience < 0) {
            throw new ConfigException("early stopping patience: expected >= 0 epochs, found " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new ConfigException("early stopping min delta: expected a finite number >= 0, found " + minDelta);
        }
    }

    /** @return early stopping on the validation loss with the given patience and no minimum delta */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(Metric.VALIDATION_LOSS, patience, 0);
    }

    /** @return whether early stopping is on */
    public boolean enabled() {
        return patience > 0;
    }
}
