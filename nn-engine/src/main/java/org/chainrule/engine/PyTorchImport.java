package org.chainrule.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.ModelFileException;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.files.Npz;
import org.chainrule.engine.files.SafeTensors;

/**
 * The parameters of a PyTorch {@code nn.Sequential} of {@code Linear} layers (activations have no
 * parameters), from {@code safetensors.torch.save_file} or {@code numpy.savez} of its
 * {@code state_dict}: tensors {@code PREFIX.weight} [out, in] and {@code PREFIX.bias} [out], the
 * prefixes ({@code 0}, {@code 2}, {@code 4}, or {@code fc1}, {@code fc2}) in natural order, one per
 * layer of the spec. Weights are transposed on the way in (Chainrule's W(l) is inputs × outputs).
 * A layer without a bias ({@code Linear(bias=False)}) gets zeros.
 */
final class PyTorchImport {
    private PyTorchImport() {}

    static ImportedModel load(Chainrule chainrule, NetworkSpec spec, Path file) {
        String where = "PyTorch file " + file;
        boolean npz = isZip(file, where);
        SequencedMap<String, SafeTensors.Tensor> tensors = npz ? Npz.read(file, where) : safetensors(file, where);
        Map<String, SafeTensors.Tensor[]> layers = new TreeMap<>(PyTorchImport::natural);
        for (Map.Entry<String, SafeTensors.Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            int dot = name.lastIndexOf('.');
            String kind = dot < 0 ? "" : name.substring(dot + 1);
            if (dot <= 0 || !(kind.equals("weight") || kind.equals("bias"))) {
                throw new ModelFormatException(where + ": tensor " + SafeTensors.printable(name)
                        + ": expected PREFIX.weight or PREFIX.bias of a Linear layer, found another name"
                        + " (only an nn.Sequential of Linear layers and activations imports)");
            }
            checkFinite(e.getValue(), where + ": tensor " + SafeTensors.printable(name));
            layers.computeIfAbsent(name.substring(0, dot), k -> new SafeTensors.Tensor[2])[
                            kind.equals("weight") ? 0 : 1] =
                    e.getValue();
        }
        if (layers.size() != spec.layers().size()) {
            throw new ModelFormatException(where + ": expected " + spec.layers().size() + " Linear layers for "
                    + describe(spec) + ", found " + layers.size() + " (" + String.join(", ", layers.keySet()) + ")");
        }
        Network net = chainrule.network(spec, 0);
        List<String> mapping = new ArrayList<>();
        int l = 0;
        for (Map.Entry<String, SafeTensors.Tensor[]> e : layers.entrySet()) {
            l++;
            LayerSpec layer = spec.layers().get(l - 1);
            int in = l == 1 ? spec.inputs() : spec.layers().get(l - 2).units();
            int out = layer.units();
            String prefix = e.getKey();
            SafeTensors.Tensor w = e.getValue()[0];
            SafeTensors.Tensor b = e.getValue()[1];
            String at = where + ": tensor " + SafeTensors.printable(prefix + ".weight");
            if (w == null) {
                throw new ModelFormatException(at + ": expected the weight of layer " + l + ", found only a bias");
            }
            if (!Arrays.equals(w.shape(), new int[] {out, in})) {
                throw new ModelFormatException(at + ": expected shape [" + out + ", " + in + "] ([out, in] for layer "
                        + l + ": " + in + " → " + out + "), found " + Arrays.toString(w.shape()));
            }
            Matrix wt = new Matrix(in, out);
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    wt.set(i, o, w.data()[o * in + i]);
                }
            }
            net.setWeights(l, wt);
            mapping.add(prefix + ".weight " + Arrays.toString(w.shape()) + " → layers." + l + ".weight [" + in + ", "
                    + out + "] (transposed)");
            if (b == null) {
                mapping.add("(no " + prefix + ".bias) → layers." + l + ".bias [" + out + "] zeros");
                net.setBiases(l, new Matrix(1, out));
            } else {
                if (!Arrays.equals(b.shape(), new int[] {out})) {
                    throw new ModelFormatException(where + ": tensor " + SafeTensors.printable(prefix + ".bias")
                            + ": expected shape [" + out + "] (layer " + l + "), found " + Arrays.toString(b.shape()));
                }
                net.setBiases(l, Matrix.wrap(1, out, b.data().clone()));
                mapping.add(prefix + ".bias [" + out + "] → layers." + l + ".bias [" + out + "]");
            }
        }
        return new ImportedModel(chainrule.model(net), mapping, npz ? "npz" : "safetensors");
    }

    private static SequencedMap<String, SafeTensors.Tensor> safetensors(Path file, String where) {
        try (SafeTensors.Reader r = SafeTensors.openForeign(file, where)) {
            SequencedMap<String, SafeTensors.Tensor> out = new java.util.LinkedHashMap<>();
            for (SafeTensors.Entry e : r.entries().values()) {
                out.put(e.name(), new SafeTensors.Tensor(e.shape(), r.floats(e)));
            }
            return out;
        }
    }

    /** @return true for a zip archive (an .npz), false for anything else (read as safetensors) */
    private static boolean isZip(Path file, String where) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (NoSuchFileException e) {
            throw new ModelFileException(where + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(where + ": cannot read (" + e + ")", e);
        }
    }

    private static void checkFinite(SafeTensors.Tensor t, String at) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new ModelFormatException(at + ": expected finite values, found " + d[i] + " at index " + i);
            }
        }
    }

    private static String describe(NetworkSpec spec) {
        StringBuilder s = new StringBuilder().append(spec.inputs());
        for (LayerSpec l : spec.layers()) {
            s.append(" → ").append(l.units());
        }
        return s.toString();
    }

    /** Natural order: digit runs compare as numbers, so "2" sorts before "10". */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = Comparator.<String>comparingInt(String::length)
                        .thenComparing(Comparator.naturalOrder())
                        .compare(strip(a.substring(i, ei)), strip(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String strip(String digits) {
        return digits.replaceFirst("^0+(?=.)", "");
    }
}
