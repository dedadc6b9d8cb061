package org.chainrule.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainrule.api.ConfigException;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.files.SafeTensors;
import org.chainrule.engine.loading.BuildInfo;
import org.chainrule.engine.network.Dense;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chainrule's model file: a safetensors file ({@link SafeTensors}) holding {@code layers.{l}.weight}
 * with the shape [m(l), n(l)] of docs/math.md and {@code layers.{l}.bias} [n(l)] for l = 1..L, and in the
 * header's {@code __metadata__}:
 *
 * <ul>
 *   <li>{@code format} = {@code chainrule}, {@code format_version} = {@code major.minor},
 *       {@code kind} = {@code model} or {@code checkpoint};
 *   <li>{@code chainrule_version}, the version that wrote it;
 *   <li>{@code spec}, the network spec as JSON ({@link SpecJson});
 *   <li>{@code seed}, the seed the network was initialised from;
 *   <li>{@code sha256}, the checksum of the data section;
 *   <li>{@code header_sha256} (since format 1.1), the checksum of the header as written, so that
 *       an edit to the spec, a plugin parameter, the seed or any other metadata is refused;
 *   <li>{@code task} and {@code targets} (since format 1.2; models only), the {@link
 *       org.chainrule.api.Task} and a JSON list of one name per output, and for a regression
 *       trained on scaled targets the tensors {@code target.mean} and {@code target.scale}
 *       [outputs]. A file without them does the task inferred from its spec.
 * </ul>
 *
 * <p>A reader accepts every minor version of its major version and refuses a newer major one by
 * name. Plugins named in the spec are looked up in the registry only.
 */
final class ModelFile {
    static final String FORMAT = "chainrule";
    static final int MAJOR = 1;
    static final int MINOR = 2;
    /** The first minor version whose files carry {@value SafeTensors#HEADER_CHECKSUM}. */
    static final int HEADER_CHECKSUM_SINCE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);
    static final String MODEL = "model";
    static final String CHECKPOINT = "checkpoint";
    static final String INPUT_MEAN = "input.mean";
    static final String INPUT_SCALE = "input.scale";
    static final String TARGET_MEAN = "target.mean";
    static final String TARGET_SCALE = "target.scale";
    private static final Pattern VERSION = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})");
    private static final String CHAINRULE_VERSION = BuildInfo.get("version", "unknown");

    private ModelFile() {}

    static String weightName(int l) {
        return "layers." + l + ".weight";
    }

    static String biasName(int l) {
        return "layers." + l + ".bias";
    }

    /** @return the version of Chainrule that is running, e.g. {@code 0.1.0-SNAPSHOT} */
    static String chainruleVersion() {
        return CHAINRULE_VERSION;
    }

    /** @return the metadata every Chainrule file carries */
    static Map<String, String> metadata(String kind, Network net) {
        NetworkSpec spec = net.spec();
        long seed = net.seed();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", MAJOR + "." + MINOR);
        m.put("kind", kind);
        m.put("chainrule_version", CHAINRULE_VERSION);
        m.put("spec", SafeTensors.toJson(SpecJson.toTree(spec)));
        m.put("seed", Long.toString(seed));
        var origins = SafeTensors.newObject();
        net.pluginOrigins().forEach(origins::put);
        m.put("plugins", SafeTensors.toJson(origins));
        return m;
    }

    /** @return the parameters of {@code layers} as tensors named by layer (the arrays, not copies) */
    static SequencedMap<String, SafeTensors.Tensor> parameters(Dense[] layers) {
        SequencedMap<String, SafeTensors.Tensor> t = new LinkedHashMap<>();
        for (int l = 1; l <= layers.length; l++) {
            Dense d = layers[l - 1];
            t.put(weightName(l), new SafeTensors.Tensor(new int[] {d.inputs, d.units}, d.w.data()));
            t.put(biasName(l), new SafeTensors.Tensor(new int[] {d.units}, d.b.data()));
        }
        return t;
    }

    /**
     * Writes a model file (atomically), with the input scaling if there is one.
     *
     * @param targets what the outputs are; {@code null}: inferred from the spec
     */
    static void save(Path file, Network net, InputScaling scaling, Targets targets) {
        Targets t = targets == null ? Targets.of(net.spec()) : targets;
        SequencedMap<String, SafeTensors.Tensor> tensors = parameters(net.layers());
        scalingTensors(tensors, INPUT_MEAN, INPUT_SCALE, scaling);
        scalingTensors(tensors, TARGET_MEAN, TARGET_SCALE, t.scaling());
        Map<String, String> meta = metadata(MODEL, net);
        meta.put("task", t.task().id());
        var names = SafeTensors.newObject().arrayNode();
        t.names().forEach(names::add);
        meta.put("targets", SafeTensors.toJson(names));
        SafeTensors.write(file, meta, tensors);
    }

    private static void scalingTensors(
            Map<String, SafeTensors.Tensor> tensors, String mean, String scale, InputScaling s) {
        if (s != null) {
            tensors.put(mean, new SafeTensors.Tensor(new int[] {s.features()}, s.mean()));
            tensors.put(scale, new SafeTensors.Tensor(new int[] {s.features()}, s.scale()));
        }
    }

    /**
     * A validated file whose network is built; further tensors are read through {@link #reader}.
     *
     * @param scaling the input scaling the file holds, or null
     * @param targets what the outputs are: as the file says, or inferred from the spec
     */
    record Opened(
            SafeTensors.Reader reader,
            Network network,
            Map<String, String> metadata,
            InputScaling scaling,
            Targets targets)
            implements AutoCloseable {
        @Override
        public void close() {
            reader.close();
        }
    }

    /**
     * Opens a Chainrule file, validates the metadata, the spec and every layer tensor's shape
     * against it, builds the network through the registry and reads its parameters.
     *
     * <p>A checkpoint may hold tensors beyond the layers' (optimizer state, best weights); the
     * caller validates and reads those. A model may not.
     *
     * @param kind {@link #MODEL} or {@link #CHECKPOINT}, or {@code null} for either
     */
    static Opened open(Path file, String kind, NetworkFactory factory) {
        SafeTensors.Reader r = SafeTensors.open(file);
        try {
            Opened o = read(r, kind, factory);
            r = null;
            return o;
        } finally {
            if (r != null) {
                r.close();
            }
        }
    }

    private static Opened read(SafeTensors.Reader r, String kind, NetworkFactory factory) {
        String where = r.where();
        Map<String, String> meta = r.metadata();
        String format = require(meta, "format", where);
        if (!format.equals(FORMAT)) {
            throw new ModelFormatException(where + ": __metadata__ format: expected \"" + FORMAT + "\", found "
                    + SafeTensors.printable(format));
        }
        checkVersion(require(meta, "format_version", where), meta, where);
        String fileKind = require(meta, "kind", where);
        if (kind == null && !fileKind.equals(MODEL) && !fileKind.equals(CHECKPOINT)) {
            throw new ModelFormatException(where + ": __metadata__ kind: expected \"" + MODEL + "\" or \"" + CHECKPOINT
                    + "\", found " + SafeTensors.printable(fileKind));
        }
        boolean extra = fileKind.equals(CHECKPOINT);
        if (kind != null && !fileKind.equals(kind)) {
            throw new ModelFormatException(
                    where + ": __metadata__ kind: expected \"" + kind + "\", found " + SafeTensors.printable(fileKind));
        }
        long seed;
        try {
            seed = Long.parseLong(require(meta, "seed", where));
        } catch (NumberFormatException e) {
            throw new ModelFormatException(
                    where + ": __metadata__ seed: expected an integer, found "
                            + SafeTensors.printable(meta.get("seed")),
                    e);
        }
        NetworkSpec spec;
        try {
            JsonNode tree = SafeTensors.parseJson(require(meta, "spec", where), where + ": __metadata__ spec");
            spec = SpecJson.fromTree(tree, "spec");
        } catch (ConfigException e) {
            throw new ModelFormatException(where + ": __metadata__ " + SafeTensors.oneLine(e.getMessage()), e);
        }
        var entries = r.entries();
        java.util.Set<String> layerTensors = new java.util.HashSet<>();
        for (int l = 1; l <= spec.layers().size(); l++) {
            int m = spec.inputsOf(l - 1);
            int n = spec.layers().get(l - 1).units();
            requireShape(entries, weightName(l), new int[] {m, n}, where);
            requireShape(entries, biasName(l), new int[] {n}, where);
            layerTensors.add(weightName(l));
            layerTensors.add(biasName(l));
        }
        boolean scaled = pair(entries, INPUT_MEAN, INPUT_SCALE, spec.inputs(), layerTensors, where);
        boolean targetsScaled = pair(entries, TARGET_MEAN, TARGET_SCALE, spec.outputs(), layerTensors, where);
        if (!extra) {
            for (String name : entries.keySet()) {
                if (!layerTensors.contains(name)) {
                    throw new ModelFormatException(
                            where + ": tensor " + SafeTensors.printable(name) + ": expected only the "
                                    + layerTensors.size() + " layer tensors of the spec's "
                                    + spec.layers().size()
                                    + "-layer network");
                }
            }
        }
        Network net;
        try {
            net = factory.build(spec, seed, false);
        } catch (ConfigException e) {
            throw new ModelFormatException(where + ": " + SafeTensors.oneLine(e.getMessage()) + savedWith(e, meta), e);
        }
        Dense[] layers = net.layers();
        for (int l = 1; l <= layers.length; l++) {
            float[] w = finite(r, entries.get(weightName(l)));
            float[] b = finite(r, entries.get(biasName(l)));
            System.arraycopy(w, 0, layers[l - 1].w.data(), 0, w.length);
            System.arraycopy(b, 0, layers[l - 1].b.data(), 0, b.length);
        }
        InputScaling scaling = scaled ? scaling(r, entries, INPUT_MEAN, INPUT_SCALE) : null;
        InputScaling targetScaling = targetsScaled ? scaling(r, entries, TARGET_MEAN, TARGET_SCALE) : null;
        return new Opened(r, net, meta, scaling, targets(meta, spec, targetScaling, where));
    }

    /** @return whether the file has the scaling tensors {@code mean} and {@code scale}, each [n]; both or neither */
    private static boolean pair(
            Map<String, SafeTensors.Entry> entries,
            String mean,
            String scale,
            int n,
            java.util.Set<String> known,
            String where) {
        if (!entries.containsKey(mean) && !entries.containsKey(scale)) {
            return false;
        }
        requireShape(entries, mean, new int[] {n}, where);
        requireShape(entries, scale, new int[] {n}, where);
        known.add(mean);
        known.add(scale);
        return true;
    }

    private static InputScaling scaling(
            SafeTensors.Reader r, Map<String, SafeTensors.Entry> entries, String mean, String scale) {
        return new InputScaling(finite(r, entries.get(mean)), finite(r, entries.get(scale)));
    }

    /**
     * @return the task and target names the file records (format 1.2), or those inferred from the
     *     spec (older files); @throws ModelFormatException if they are malformed or contradict the spec
     */
    private static Targets targets(Map<String, String> meta, NetworkSpec spec, InputScaling scaling, String where) {
        String task = meta.get("task");
        String names = meta.get("targets");
        if (task == null && names == null && scaling == null) {
            return Targets.of(spec);
        }
        try {
            org.chainrule.api.Task t =
                    org.chainrule.api.Task.parse(require(meta, "task", where), where + ": __metadata__ task");
            JsonNode list = SafeTensors.parseJson(require(meta, "targets", where), where + ": __metadata__ targets");
            java.util.List<String> n = new java.util.ArrayList<>();
            if (list.isArray()) {
                list.forEach(e -> n.add(e.isTextual() ? e.textValue() : null));
            }
            if (!list.isArray() || n.size() != spec.outputs() || n.contains(null)) {
                throw new ModelFormatException(where + ": __metadata__ targets: expected a list of " + spec.outputs()
                        + " names (one per output), found " + SafeTensors.abbreviate(list));
            }
            Targets targets = new Targets(t, n, scaling);
            targets.check(spec);
            return targets;
        } catch (ModelFormatException e) {
            throw e;
        } catch (org.chainrule.api.ChainruleException e) {
            throw new ModelFormatException(where + ": " + SafeTensors.oneLine(e.getMessage()), e);
        }
    }

    /** @return the tensor's values; @throws ModelFormatException naming the first NaN or infinity */
    static float[] finite(SafeTensors.Reader r, SafeTensors.Entry e) {
        float[] v = r.floats(e);
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelFormatException(r.where() + ": tensor '" + e.name() + "' element " + i
                        + ": expected a finite number, found " + v[i]);
            }
        }
        return v;
    }

    private static void requireShape(Map<String, SafeTensors.Entry> entries, String name, int[] shape, String where) {
        SafeTensors.Entry e = entries.get(name);
        if (e == null) {
            throw new ModelFormatException(where + ": tensor '" + name + "': expected shape " + Arrays.toString(shape)
                    + " from the spec, found no such tensor");
        }
        if (!Arrays.equals(e.shape(), shape)) {
            throw new ModelFormatException(where + ": tensor '" + name + "' shape: expected " + Arrays.toString(shape)
                    + " from the spec, found " + Arrays.toString(e.shape()));
        }
    }

    /** @return for an unknown plugin, where the file says it came from ("" when it does not say) */
    private static String savedWith(ConfigException e, Map<String, String> meta) {
        Throwable t = e;
        while (t != null && !(t instanceof org.chainrule.api.UnknownPluginException)) {
            t = t.getCause();
        }
        String origins = meta.get("plugins");
        if (t == null || origins == null) {
            return "";
        }
        var u = (org.chainrule.api.UnknownPluginException) t;
        JsonNode node;
        try {
            node = SafeTensors.parseJson(origins, "plugins").get(u.kind() + " " + u.name());
        } catch (ModelFormatException ignored) {
            return "";
        }
        return node == null || !node.isTextual()
                ? ""
                : "; the model was saved with it from " + SafeTensors.oneLine(ModelFile.cut(node.textValue()))
                        + ": install that plugin (nn --plugins DIR)";
    }

    static String cut(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    static String require(Map<String, String> meta, String key, String where) {
        String v = meta.get(key);
        if (v == null) {
            throw new ModelFormatException(where + ": __metadata__: expected key '" + key + "', found none"
                    + (meta.containsKey("format") ? "" : " (not a Chainrule file?)"));
        }
        return v;
    }

    private static void checkVersion(String version, Map<String, String> meta, String where) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new ModelFormatException(
                    where + ": __metadata__ format_version: expected major.minor such as \"1.0\", found "
                            + SafeTensors.printable(version));
        }
        int major = Integer.parseInt(m.group(1));
        if (major > MAJOR) {
            throw new ModelFormatException(where + ": format version " + version + " is newer than this Chainrule ("
                    + CHAINRULE_VERSION + ") reads (" + MAJOR + ".x); upgrade Chainrule to load it");
        }
        if (major < MAJOR) {
            throw new ModelFormatException(
                    where + ": format version " + version + " predates the first released format " + MAJOR + ".0");
        }
        if (!meta.containsKey(SafeTensors.HEADER_CHECKSUM)) {
            if (Integer.parseInt(m.group(2)) >= HEADER_CHECKSUM_SINCE) {
                throw new ModelFormatException(where + ": __metadata__: expected key '" + SafeTensors.HEADER_CHECKSUM
                        + "' (format " + version + " has it), found none");
            }
            LOG.warn(
                    "{}: format {} predates header checksums; its spec and settings are not verified (save it again"
                            + " to add one)",
                    where,
                    version);
        }
    }
}
