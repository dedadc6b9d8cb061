package org.chainrule.engine;

import java.util.List;

/**
 * A model built from another framework's parameters ({@link Chainrule#importPyTorch}), and how
 * its tensors were mapped onto Chainrule's layers, one line per tensor, such as
 * {@code 0.weight [16, 4] → layers.1.weight [4, 16] (transposed)}.
 *
 * @param model the model, ready to predict and to save
 * @param mapping one line per tensor read, in layer order
 * @param format what the file was, told by its first bytes: {@code safetensors} or {@code npz}
 */
public record ImportedModel(Model model, List<String> mapping, String format) {
    /** Copies the mapping. */
    public ImportedModel {
        mapping = List.copyOf(mapping);
    }
}
