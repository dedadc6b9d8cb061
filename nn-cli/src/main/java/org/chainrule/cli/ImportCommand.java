package org.chainrule.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.data.Inputs;
import org.chainrule.engine.ImportedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nn import}: a model file from a network another framework trained. */
@Command(
        mixinStandardHelpOptions = true,
        name = "import",
        description = "Make a model file from a PyTorch nn.Sequential of Linear layers: its state_dict saved with"
                + " safetensors' save_file or numpy.savez. The layers give what the file does not: the activations.",
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn import --from pytorch-safetensors state.safetensors --layers 784,256:relu,128:relu,10:softmax \\",
            "      --out model.safetensors",
            "  nn import --from npz state.npz --layers 4,16:relu,3:softmax --out model.safetensors",
            "",
            "Tensors PREFIX.weight [out, in] and PREFIX.bias [out] map onto layers 1, 2, ... in the natural order of",
            "their prefixes (0, 2, 4 for nn.Sequential), weights transposed; the mapping is printed. Pickled arrays",
            "in an .npz are refused: nothing in the file is run."
        })
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "pytorch-safetensors|npz",
            description = "The file's format.")
    String from;

    @Parameters(index = "0", paramLabel = "FILE", description = "The state_dict file.")
    Path file;

    @Option(names = "--spec", paramLabel = "FILE", description = "A spec file with the network, instead of --layers.")
    Path specFile;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write.")
    Path out;

    @Override
    public Integer call() {
        boolean npz = switch (from) {
            case "pytorch-safetensors" -> false;
            case "npz" -> true;
            default ->
                throw new ConfigException("--from: expected pytorch-safetensors or npz, found " + Inputs.quote(from));
        };
        RunSpec given = (specFile == null ? RunSpec.EMPTY : RunSpec.read(specFile))
                .overriddenBy(new RunSpec(null, network.section(), null, null));
        NetworkSpec ns = network.applyInits(new RunSpec(null, given.network(), null, null))
                .standaloneNetwork("import");
        ImportedModel imported = Main.chainrule().importPyTorch(ns, file);
        if (npz != imported.format().equals("npz")) { // the importer tells the format by the first bytes
            throw new ConfigException("--from " + from + ": expected "
                    + (npz ? "a zip archive (.npz)" : "a safetensors file")
                    + ", found " + (npz ? "another kind of file" : "a zip archive (an .npz? then --from npz)") + ": "
                    + file);
        }
        PrintWriter o = spec.commandLine().getOut();
        imported.mapping().forEach(line -> o.println("  " + line));
        imported.model().save(out);
        o.printf(
                "wrote %s: %s, task %s%n",
                out, imported.model(), imported.model().task().id());
        return 0;
    }
}
