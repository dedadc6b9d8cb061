package org.chainrule.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.chainrule.api.ConfigException;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.engine.files.SafeTensors;

/**
 * The JSON form of a {@link NetworkSpec}, as stored in model files:
 *
 * <pre>{@code
 * {"inputs": 64,
 *  "layers": [{"units": 32, "activation": "relu", "weight_init": "he", "bias_init": "zero"},
 *             {"units": 10, "activation": "softmax", "weight_init": "xavier", "bias_init": "zero"}],
 *  "loss": "cross_entropy"}
 * }</pre>
 *
 * Plugins are written in their {@link PluginSpec} text form, e.g. {@code "leaky_relu(alpha=0.1)"}.
 * Reading is strict: unknown or missing keys and wrong types are errors naming the layer.
 */
final class SpecJson {
    private static final Set<String> LAYER_KEYS = Set.of("units", "activation", "weight_init", "bias_init");
    private static final Set<String> SPEC_KEYS = Set.of("inputs", "layers", "loss");

    private SpecJson() {}

    static ObjectNode toTree(NetworkSpec spec) {
        ObjectNode root = SafeTensors.newObject();
        root.put("inputs", spec.inputs());
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec l : spec.layers()) {
            layers.addObject()
                    .put("units", l.units())
                    .put("activation", l.activation().toString())
                    .put("weight_init", l.weightInit().toString())
                    .put("bias_init", l.biasInit().toString());
        }
        root.put("loss", spec.loss().toString());
        return root;
    }

    /**
     * @param where prefixed to every message, e.g. {@code "model file m.safetensors: spec"}
     * @throws ConfigException naming the key (and layer) that is missing, unknown or malformed
     */
    static NetworkSpec fromTree(JsonNode root, String where) {
        requireObject(root, where, SPEC_KEYS);
        int inputs = positiveInt(root, "inputs", where);
        JsonNode layersNode = root.get("layers");
        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw new ConfigException(
                    where + " layers: expected a non-empty array, found " + SafeTensors.abbreviate(layersNode));
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            String at = where + " layer " + (i + 1);
            JsonNode l = layersNode.get(i);
            requireObject(l, at, LAYER_KEYS);
            layers.add(new LayerSpec(
                    positiveInt(l, "units", at),
                    plugin(l, "activation", at),
                    plugin(l, "weight_init", at),
                    plugin(l, "bias_init", at)));
        }
        return new NetworkSpec(inputs, layers, plugin(root, "loss", where));
    }

    private static void requireObject(JsonNode n, String where, Set<String> keys) {
        if (n == null || !n.isObject()) {
            throw new ConfigException(where + ": expected a JSON object, found " + SafeTensors.abbreviate(n));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new ConfigException(
                        where + ": unknown key '" + k + "'; expected " + String.join(", ", sorted(keys)));
            }
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static int positiveInt(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new ConfigException(
                    where + " " + key + ": expected an integer >= 1, found " + SafeTensors.abbreviate(v));
        }
        return v.intValue();
    }

    private static PluginSpec plugin(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new ConfigException(
                    where + " " + key + ": expected a plugin such as \"relu\" or \"leaky_relu(alpha=0.1)\", found "
                            + SafeTensors.abbreviate(v));
        }
        try {
            return PluginSpec.parse(v.textValue());
        } catch (ConfigException e) {
            throw new ConfigException(where + " " + key + ": " + e.getMessage(), e);
        }
    }
}
