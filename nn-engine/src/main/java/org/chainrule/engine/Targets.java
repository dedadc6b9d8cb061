package org.chainrule.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.ShapeException;
import org.chainrule.api.Task;

/**
 * What a network's outputs are: the {@link Task}, a name per output (a CSV header's target
 * columns, or {@code y1..yk}), and for regression the scaling the targets were trained in, undone
 * at prediction so that a {@link Model} answers in the data's units.
 *
 * @param task the task
 * @param names one name per output
 * @param scaling for regression, y' = (y − mean) · scale per target as trained; {@code null} when
 *     the targets were trained as they are (always so for class tasks)
 */
public record Targets(Task task, List<String> names, InputScaling scaling) {
    /** Validates and copies. */
    public Targets {
        Objects.requireNonNull(task, "task is null");
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new ShapeException("targets: expected at least one name, found none");
        }
        if (scaling != null && task != Task.REGRESSION) {
            throw new ConfigException(
                    "target scaling: expected only for the regression task, found the " + task.id() + " task");
        }
        if (scaling != null && scaling.features() != names.size()) {
            throw new ShapeException("target scaling: expected " + names.size() + " targets (one per name), found "
                    + scaling.features());
        }
    }

    /** @return the targets of a network: its task inferred, outputs named {@code y} or {@code y1..yk}, no scaling */
    public static Targets of(NetworkSpec spec) {
        return of(Task.infer(spec).task(), spec.outputs());
    }

    /** @return {@code k} outputs of {@code task} named {@code y} or {@code y1..yk}, without scaling */
    public static Targets of(Task task, int k) {
        return new Targets(task, defaultNames(k), null);
    }

    /** @return {@code y} for one output, else {@code y1..yk} */
    public static List<String> defaultNames(int k) {
        if (k == 1) {
            return List.of("y");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            names.add("y" + i);
        }
        return names;
    }

    /**
     * @throws ConfigException if {@code spec} cannot do the task or has another number of outputs
     */
    void check(NetworkSpec spec) {
        task.check(spec);
        if (spec.outputs() != names.size()) {
            throw new ShapeException(
                    "targets: expected " + spec.outputs() + " names (the network's outputs), found " + names.size());
        }
    }

    /** @return {@code out} (network outputs) in the data's units, in place: the target scaling undone */
    Matrix toDataUnits(Matrix out) {
        if (scaling != null) {
            scaling.undoInPlace(out);
        }
        return out;
    }
}
