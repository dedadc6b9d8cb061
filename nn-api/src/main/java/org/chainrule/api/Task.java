package org.chainrule.api;

import java.util.Locale;
import java.util.Set;

/**
 * What a network's outputs mean, which decides how targets are read, which figures report on a
 * model and what a prediction is.
 *
 * <ul>
 *   <li>{@link #MULTICLASS}: k ≥ 2 outputs, one class per sample (one-hot targets); softmax with
 *       {@code cross_entropy} as a rule.
 *   <li>{@link #BINARY}: one output, the probability of class 1 (targets 0 or 1); sigmoid with
 *       {@code nll}, the binary negative log-likelihood.
 *   <li>{@link #MULTILABEL}: k outputs, each the probability of its own label (k targets of 0 or
 *       1); k sigmoids with {@code nll}.
 *   <li>{@link #REGRESSION}: k real outputs (targets any finite numbers); identity with
 *       {@code square}, {@code absolute} or {@code huber}.
 * </ul>
 *
 * <p>A task is chosen explicitly or {@linkplain #infer inferred} from the output activation and
 * the loss; {@link #check} refuses a network that cannot do the task.
 */
public enum Task {
    /** one class of k ≥ 2 per sample */
    MULTICLASS,
    /** one probability per sample, class 1 against class 0 */
    BINARY,
    /** k independent 0/1 labels per sample */
    MULTILABEL,
    /** k real values per sample */
    REGRESSION;

    private static final Set<String> CLASS_LOSSES = Set.of("cross_entropy", "nll");

    /** @return the name used in specs, flags and model files, e.g. {@code multiclass} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether each sample has classes (every task but regression) */
    public boolean classifies() {
        return this != REGRESSION;
    }

    /**
     * @param text a task's {@link #id()}
     * @param where what the text is, for the message (e.g. {@code --task})
     * @throws ConfigException naming the text and the four tasks if it is none of them
     */
    public static Task parse(String text, String where) {
        for (Task t : values()) {
            if (t.id().equals(text)) {
                return t;
            }
        }
        throw new ConfigException(
                where + ": expected multiclass, binary, multilabel or regression, found '" + text + "'");
    }

    /**
     * The task a network does when none is chosen: loss {@code nll} → binary with one output,
     * multi-label with more; an {@code identity} output → regression; otherwise one output →
     * binary (class 1 when the output is at least ½) and several → multiclass (the largest output).
     * Regression through another output activation (a sigmoid for values in [0, 1]) is chosen
     * explicitly.
     *
     * @return the task and why, in words (for the line that says what was inferred)
     */
    public static Inferred infer(NetworkSpec spec) {
        return infer(spec.layers().getLast().activation().name(), spec.loss().name(), spec.outputs());
    }

    /**
     * @param activation the output layer's activation
     * @param loss the loss
     * @param outputs the output layer's units
     * @return the task of such a network and why (see {@link #infer(NetworkSpec)})
     */
    public static Inferred infer(String activation, String loss, int outputs) {
        String units = outputs == 1 ? "one " + activation + " output" : outputs + " " + activation + " outputs";
        if (loss.equals("nll")) {
            return new Inferred(outputs == 1 ? BINARY : MULTILABEL, units + " with loss nll");
        }
        if (activation.equals("identity")) {
            return new Inferred(REGRESSION, units + " with loss " + loss);
        }
        return new Inferred(outputs == 1 ? BINARY : MULTICLASS, units + " with loss " + loss);
    }

    /**
     * A task inferred from a network, and the reason.
     *
     * @param task the task
     * @param reason e.g. {@code one sigmoid output with loss nll}
     */
    public record Inferred(Task task, String reason) {}

    /**
     * Refuses a network that cannot do this task: softmax with one unit (its output is always 1),
     * a multiclass network with fewer than two outputs, a binary one with more than one, a
     * multi-label one with a softmax output (its outputs compete), or a regression trained with a
     * class loss ({@code cross_entropy}, {@code nll}).
     *
     * @throws ConfigException in one line naming the task, the layer and the plugin
     */
    public void check(NetworkSpec spec) {
        String activation = spec.layers().getLast().activation().name();
        String loss = spec.loss().name();
        int k = spec.outputs();
        String out = "output layer " + spec.layers().size();
        if (activation.equals("softmax") && k == 1) {
            throw new ConfigException(out + ": softmax with one unit always outputs 1; expected at least 2 units, or"
                    + " sigmoid for a binary task");
        }
        switch (this) {
            case MULTICLASS -> {
                if (k < 2) {
                    throw new ConfigException("task multiclass: expected at least 2 outputs (one per class) in " + out
                            + ", found " + k + "; a single output is the binary task");
                }
            }
            case BINARY -> {
                if (k != 1) {
                    throw new ConfigException("task binary: expected 1 output (the probability of class 1) in " + out
                            + ", found " + k + "; " + k + " classes are the multiclass task, " + k
                            + " labels the multilabel task");
                }
            }
            case MULTILABEL -> {
                if (activation.equals("softmax")) {
                    throw new ConfigException("task multilabel: " + out
                            + " softmax makes the labels compete; expected sigmoid (one probability per label)");
                }
            }
            case REGRESSION -> {
                if (CLASS_LOSSES.contains(loss)) {
                    throw new ConfigException(
                            "task regression: loss " + loss + " is for classes; expected square, absolute or huber");
                }
            }
        }
    }

    /**
     * Refuses targets this task cannot learn from: class tasks take values in [0, 1] (one-hot rows
     * or 0/1 labels); regression takes any finite number.
     *
     * @param y targets, samples × outputs
     * @param where the data set, for the message
     * @throws DataException naming the row and column of the first value out of range
     */
    public void checkTargets(Matrix y, String where) {
        if (!classifies()) {
            return;
        }
        float[] d = y.data();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0 && d[i] <= 1)) {
                throw new DataException(where + " targets: row " + (i / y.cols() + 1) + ", column "
                        + (i % y.cols() + 1) + ": expected a value in [0, 1] for the " + id() + " task, found "
                        + d[i]);
            }
        }
    }
}
