package org.chainrule.engine;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.chainrule.api.ConfigException;
import org.chainrule.engine.loading.Services;

/**
 * Writes a {@link Model} in another framework's format; found with {@link ServiceLoader} (a module
 * {@code provides org.chainrule.engine.ModelExporter}, or {@code META-INF/services} on the class
 * path). {@code org.chainrule:nn-onnx} provides {@code onnx}; {@link Model#exportOnnx} uses it.
 *
 * <p>Implementations are stateless and safe to call from several threads.
 */
public interface ModelExporter {
    /** @return the format's name, lower case, such as {@code onnx} */
    String format();

    /**
     * Writes {@code model} to {@code file}, atomically: a failure leaves no partial file behind.
     *
     * @throws ConfigException if the model uses something the format cannot express (named)
     * @throws org.chainrule.api.ModelFileException naming the file if it cannot be written
     */
    void export(Model model, Path file);

    /**
     * @return the installed exporter of {@code format}
     * @throws ConfigException naming the module to add, and the formats installed, if none is
     */
    static ModelExporter find(String format) {
        return Services.find(
                ModelExporter.class,
                ModelExporter::format,
                format,
                installed -> new ConfigException("export to " + format + ": expected the org.chainrule:nn-" + format
                        + " module on the module or class"
                        + " path, found "
                        + (installed.isEmpty() ? "no exporters" : "exporters for " + String.join(", ", installed))));
    }
}
