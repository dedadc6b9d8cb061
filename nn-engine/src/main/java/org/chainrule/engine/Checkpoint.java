package org.chainrule.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import org.chainrule.api.ConfigException;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.ParameterUpdater;
import org.chainrule.engine.files.SafeTensors;
import org.chainrule.engine.network.Dense;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training checkpoint: a model file of kind {@code checkpoint} whose tensors add every updater's
 * state ({@code optimizer.{l}.weight.{k}}, {@code optimizer.{l}.bias.{k}}) and, with early
 * stopping, the best weights so far ({@code best.{l}.weight}, {@code best.{l}.bias}); its metadata
 * adds the epoch and step reached, the training settings that must match on resume, the
 * early-stopping state, the history of epoch results, and the fingerprints of the training and
 * validation sets ({@link DataFingerprint}) that a resumed run's data must match.
 */
final class Checkpoint {
    static final String TRAIN_DATA = "train_data";
    static final String VALIDATION_DATA = "validation_data";
    static final String DATA_PARALLEL = "data_parallel";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private Checkpoint() {}

    static void write(Path file, Network net, TrainingConfig config, Trainer.Run run) {
        Dense[] layers = net.layers();
        Map<String, String> meta = ModelFile.metadata(ModelFile.CHECKPOINT, net);
        meta.put("epoch", Integer.toString(run.epoch));
        meta.put("step", Long.toString(run.step));
        meta.put("stopped", Boolean.toString(run.stopped));
        meta.put("training", SafeTensors.toJson(training(config)));
        meta.put("history", SafeTensors.toJson(history(run.history)));
        if (run.trainData != null) {
            meta.put(TRAIN_DATA, run.trainData.encode());
        }
        if (run.position != null) {
            meta.put(DATA_PARALLEL, run.position);
        }
        if (run.validationData != null) {
            meta.put(VALIDATION_DATA, run.validationData.encode());
        }
        SequencedMap<String, SafeTensors.Tensor> tensors = ModelFile.parameters(layers);
        for (int l = 1; l <= layers.length; l++) {
            addState(tensors, "optimizer." + l + ".weight.", run.weightUpdaters[l - 1]);
            addState(tensors, "optimizer." + l + ".bias.", run.biasUpdaters[l - 1]);
        }
        if (run.bestWeights != null) {
            ObjectNode es = SafeTensors.newObject();
            es.put("best_epoch", run.bestEpoch);
            es.put("bad_epochs", run.badEpochs);
            if (Double.isFinite(run.best)) {
                es.put("best", run.best);
            } else {
                es.putNull("best");
            }
            meta.put("early_stopping_state", SafeTensors.toJson(es));
            for (int l = 1; l <= layers.length; l++) {
                Dense d = layers[l - 1];
                tensors.put(
                        "best." + l + ".weight",
                        new SafeTensors.Tensor(new int[] {d.inputs, d.units}, run.bestWeights[l - 1]));
                tensors.put("best." + l + ".bias", new SafeTensors.Tensor(new int[] {d.units}, run.bestBiases[l - 1]));
            }
        }
        SafeTensors.write(file, meta, tensors);
    }

    private static void addState(SequencedMap<String, SafeTensors.Tensor> tensors, String prefix, ParameterUpdater u) {
        List<float[]> state = u.state();
        for (int k = 0; k < state.size(); k++) {
            tensors.put(prefix + k, new SafeTensors.Tensor(new int[] {state.get(k).length}, state.get(k)));
        }
    }

    /** The settings a resumed run must share with the checkpoint to continue it bitwise. */
    private static ObjectNode training(TrainingConfig c) {
        ObjectNode t = SafeTensors.newObject();
        t.put("batch_size", c.batchSize());
        t.put("seed", c.seed());
        t.put("optimizer", c.optimizer().toString());
        EarlyStopping e = c.earlyStopping();
        t.put(
                "early_stopping",
                e.enabled() ? e.metric() + ", patience " + e.patience() + ", min delta " + e.minDelta() : "off");
        return t;
    }

    private static ArrayNode history(List<EpochResult> history) {
        ArrayNode a = SafeTensors.newObject().arrayNode();
        for (EpochResult r : history) {
            ArrayNode row = a.addArray();
            row.add(r.epoch());
            for (double v :
                    new double[] {r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.seconds()}) {
                if (Double.isFinite(v)) {
                    row.add(v);
                } else {
                    row.addNull();
                }
            }
            if (!r.testMetrics().isEmpty()) {
                var metrics = row.addObject();
                r.testMetrics().forEach((k, v) -> {
                    if (Double.isFinite(v)) {
                        metrics.put(k, v);
                    } else {
                        metrics.putNull(k);
                    }
                });
            }
        }
        return a;
    }

    /**
     * Loads a checkpoint into {@code net} and {@code run}: weights, updater state, epoch, step,
     * early-stopping state and history. Everything is validated before anything is changed.
     *
     * @throws ConfigException if the checkpoint belongs to another network spec or training settings
     * @throws ModelFormatException if the file is malformed
     */
    static void restore(Path file, Network net, TrainingConfig config, Trainer.Run run, NetworkFactory factory) {
        try (ModelFile.Opened o = ModelFile.open(file, ModelFile.CHECKPOINT, factory)) {
            String where = o.reader().where();
            if (!o.network().spec().equals(net.spec())) {
                throw new ConfigException("resume: " + where + " holds the network " + o.network() + ", not " + net);
            }
            Map<String, String> meta = o.metadata();
            JsonNode saved = SafeTensors.parseJson(
                    ModelFile.require(meta, "training", where), where + ": __metadata__ training");
            JsonNode wanted = training(config);
            for (String key : List.of("batch_size", "seed", "optimizer", "early_stopping")) {
                if (!wanted.path(key).asText().equals(saved.path(key).asText())) {
                    throw new ConfigException("resume: " + where + " was trained with " + key.replace('_', ' ') + " "
                            + SafeTensors.abbreviate(saved.get(key)) + " but this run has " + wanted.get(key)
                            + "; use the same settings to continue it");
                }
            }
            if (meta.containsKey(DATA_PARALLEL) != run.dataParallel) {
                throw new ConfigException("resume: " + where + " was written by "
                        + (run.dataParallel
                                ? "local training; resume it with Chainrule.train"
                                : "data-parallel" + " training (Spark); resume it with SparkTrainer"));
            }
            if (run.dataParallel) {
                run.position = meta.get(DATA_PARALLEL);
            } else if (meta.containsKey(TRAIN_DATA)) {
                requireSameData(meta, TRAIN_DATA, "training set", run.trainData, where);
                requireSameData(meta, VALIDATION_DATA, "validation set", run.validationData, where);
            } else {
                LOG.warn(
                        "{} predates data fingerprints (format 1.0): the data it is resumed on are not checked", where);
            }
            int epoch = (int) number(meta, "epoch", 0, Integer.MAX_VALUE, where);
            long step = number(meta, "step", 0, Long.MAX_VALUE, where);
            String stopped = ModelFile.require(meta, "stopped", where);
            if (!stopped.equals("true") && !stopped.equals("false")) {
                throw new ModelFormatException(where + ": __metadata__ stopped: expected true or false, found "
                        + SafeTensors.printable(stopped));
            }
            List<EpochResult> history = readHistory(meta, where);
            if (history.size() != epoch) {
                throw new ModelFormatException(
                        where + ": __metadata__ history: expected " + epoch + " epochs, found " + history.size());
            }
            Dense[] layers = net.layers();
            var entries = o.reader().entries();
            Set<String> expected = new HashSet<>();
            for (int l = 1; l <= layers.length; l++) {
                expected.add(ModelFile.weightName(l));
                expected.add(ModelFile.biasName(l));
                expectState(entries, "optimizer." + l + ".weight.", run.weightUpdaters[l - 1], expected, where);
                expectState(entries, "optimizer." + l + ".bias.", run.biasUpdaters[l - 1], expected, where);
                if (run.bestWeights != null) {
                    expectShape(
                            entries,
                            "best." + l + ".weight",
                            new int[] {layers[l - 1].inputs, layers[l - 1].units},
                            expected,
                            where);
                    expectShape(entries, "best." + l + ".bias", new int[] {layers[l - 1].units}, expected, where);
                }
            }
            for (String name : entries.keySet()) {
                if (!expected.contains(name)) {
                    throw new ModelFormatException(where + ": tensor " + SafeTensors.printable(name)
                            + ": not part of this network's checkpoint with optimizer " + config.optimizer());
                }
            }
            JsonNode es = null;
            if (run.bestWeights != null) {
                es = SafeTensors.parseJson(
                        ModelFile.require(meta, "early_stopping_state", where),
                        where + ": __metadata__ early_stopping_state");
                if (!es.path("best_epoch").canConvertToInt()
                        || !es.path("bad_epochs").canConvertToInt()
                        || !(es.path("best").isNumber() || es.path("best").isNull())
                        || es.path("best_epoch").intValue() < 0
                        || es.path("best_epoch").intValue() > epoch) {
                    throw new ModelFormatException(
                            where + ": __metadata__ early_stopping_state: expected best_epoch (0.." + epoch
                                    + "), bad_epochs and best, found " + SafeTensors.abbreviate(es));
                }
            }

            // Everything is valid: now change the network and the run.
            Dense[] loaded = o.network().layers();
            for (int l = 0; l < layers.length; l++) {
                layers[l].w.copyFrom(loaded[l].w);
                layers[l].b.copyFrom(loaded[l].b);
                readState(o, "optimizer." + (l + 1) + ".weight.", run.weightUpdaters[l]);
                readState(o, "optimizer." + (l + 1) + ".bias.", run.biasUpdaters[l]);
                if (run.bestWeights != null) {
                    copy(o.reader().floats(entries.get("best." + (l + 1) + ".weight")), run.bestWeights[l]);
                    copy(o.reader().floats(entries.get("best." + (l + 1) + ".bias")), run.bestBiases[l]);
                }
            }
            if (es != null) {
                run.bestEpoch = es.get("best_epoch").intValue();
                run.badEpochs = es.get("bad_epochs").intValue();
                run.best = es.get("best").isNull() ? Double.NaN : es.get("best").doubleValue();
            }
            run.epoch = epoch;
            run.step = step;
            run.stopped = Boolean.parseBoolean(stopped);
            run.history.clear();
            run.history.addAll(history);
        }
    }

    /** Refuses to resume on data other than the checkpoint's, naming what differs. */
    private static void requireSameData(
            Map<String, String> meta, String key, String what, DataFingerprint now, String where) {
        String saved = meta.get(key);
        if (saved == null && now == null) {
            return;
        }
        if (saved == null || now == null) {
            throw new ConfigException("resume: " + where + " was trained " + (saved == null ? "without" : "with")
                    + " a " + what + " but this run has " + (now == null ? "none" : "one")
                    + "; use the same data to continue it");
        }
        DataFingerprint then = DataFingerprint.decode(saved);
        if (then == null) {
            throw new ModelFormatException(where + ": __metadata__ " + key
                    + ": expected rows,inputs,targets,sha256, found " + SafeTensors.printable(saved));
        }
        if (!then.equals(now)) {
            boolean sameShape =
                    then.rows() == now.rows() && then.inputs() == now.inputs() && then.targets() == now.targets();
            throw new ConfigException("resume: " + where + " was trained on a " + what + " of " + then.describe()
                    + " but this run's is " + now.describe() + (sameShape ? ", the same shape with other values" : "")
                    + "; resume on the same data, split and scaling");
        }
    }

    private static void expectState(
            Map<String, SafeTensors.Entry> entries,
            String prefix,
            ParameterUpdater u,
            Set<String> expected,
            String where) {
        List<float[]> state = u.state();
        for (int k = 0; k < state.size(); k++) {
            expectShape(entries, prefix + k, new int[] {state.get(k).length}, expected, where);
        }
    }

    private static void expectShape(
            Map<String, SafeTensors.Entry> entries, String name, int[] shape, Set<String> expected, String where) {
        SafeTensors.Entry e = entries.get(name);
        if (e == null || !java.util.Arrays.equals(e.shape(), shape)) {
            throw new ModelFormatException(
                    where + ": tensor '" + name + "': expected shape " + java.util.Arrays.toString(shape) + ", found "
                            + (e == null ? "no such tensor" : java.util.Arrays.toString(e.shape())));
        }
        expected.add(name);
    }

    private static void readState(ModelFile.Opened o, String prefix, ParameterUpdater u) {
        List<float[]> state = u.state();
        for (int k = 0; k < state.size(); k++) {
            copy(o.reader().floats(o.reader().entries().get(prefix + k)), state.get(k));
        }
    }

    private static void copy(float[] from, float[] to) {
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private static long number(Map<String, String> meta, String key, long min, long max, String where) {
        String v = ModelFile.require(meta, key, where);
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelFormatException(where + ": __metadata__ " + key + ": expected an integer in " + min + ".." + max
                + ", found " + SafeTensors.printable(v));
    }

    private static List<EpochResult> readHistory(Map<String, String> meta, String where) {
        JsonNode h = SafeTensors.parseJson(ModelFile.require(meta, "history", where), where + ": __metadata__ history");
        String at = where + ": __metadata__ history";
        if (!h.isArray()) {
            throw new ModelFormatException(at + ": expected an array, found " + SafeTensors.abbreviate(h));
        }
        List<EpochResult> out = new java.util.ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            JsonNode row = h.get(i);
            if (!row.isArray()
                    || row.size() != 6 && !(row.size() == 7 && row.get(6).isObject())
                    || !row.get(0).canConvertToInt()
                    || row.get(0).intValue() != i + 1) {
                throw new ModelFormatException(at + " entry " + (i + 1) + ": expected [" + (i + 1)
                        + ", train loss, train accuracy, test loss, test accuracy, seconds], found "
                        + SafeTensors.abbreviate(row));
            }
            double[] v = new double[5];
            for (int k = 0; k < 5; k++) {
                JsonNode x = row.get(k + 1);
                if (!x.isNumber() && !x.isNull()) {
                    throw new ModelFormatException(at + " entry " + (i + 1) + ": expected numbers or null, found "
                            + SafeTensors.abbreviate(row));
                }
                v[k] = x.isNull() ? Double.NaN : x.doubleValue();
            }
            java.util.SequencedMap<String, Double> metrics = new java.util.LinkedHashMap<>();
            if (row.size() == 7) {
                for (var f : row.get(6).properties()) {
                    if (!f.getValue().isNumber() && !f.getValue().isNull()) {
                        throw new ModelFormatException(at + " entry " + (i + 1) + " figure "
                                + SafeTensors.printable(f.getKey()) + ": expected a number or null, found "
                                + SafeTensors.abbreviate(f.getValue()));
                    }
                    metrics.put(
                            f.getKey(),
                            f.getValue().isNull() ? Double.NaN : f.getValue().doubleValue());
                }
            }
            out.add(new EpochResult(i + 1, v[0], v[1], v[2], v[3], v[4], metrics));
        }
        return out;
    }
}
