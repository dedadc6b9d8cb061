package org.chainrule.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Plugin;
import org.chainrule.engine.PluginRegistry;
import org.chainrule.engine.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nn list}: every installed plugin with its kind, name, description, parameters, module and jar. */
@Command(
        mixinStandardHelpOptions = true,
        name = "list",
        description = "List the installed plugins: kind, name, description, parameters with defaults, module and jar.",
        footerHeading = "%nExamples:%n",
        footer = {"  nn list", "  nn list activations"})
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "KIND",
            description = "activations, losses, initializers or optimizers (default: all)")
    Kind kind;

    enum Kind {
        activations,
        losses,
        initializers,
        optimizers
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Plugins plugins = Main.plugins();
        if (kind == null || kind == Kind.activations) {
            print(out, plugins.activations());
        }
        if (kind == null || kind == Kind.losses) {
            print(out, plugins.losses());
        }
        if (kind == null || kind == Kind.initializers) {
            print(out, plugins.initializers());
        }
        if (kind == null || kind == Kind.optimizers) {
            print(out, plugins.optimizers());
        }
        return 0;
    }

    private static void print(PrintWriter out, PluginRegistry<? extends Plugin> registry) {
        for (Plugin p : registry.all()) {
            Module m = p.getClass().getModule();
            out.printf(
                    "%-12s %-14s %s%n%-12s %-14s   from %s (%s)%n",
                    registry.kind(),
                    p.name(),
                    p.description(),
                    "",
                    "",
                    m.isNamed() ? m.getName() : "the class path",
                    PluginRegistry.location(p));
            for (ParamSpec s : p.parameters()) {
                out.printf("%-12s %-14s   %s — %s%n", "", "", s.summary(), s.description());
            }
        }
    }
}
