package org.chainrule.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Plugin;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.PluginRegistry;
import org.chainrule.engine.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nn list}: every installed plugin with its kind, name, parameters and module. */
@Command(name = "list", description = "List every installed plugin: kind, name, parameters, module.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Plugins plugins = Chainrule.create().plugins();
        print(out, plugins.activations());
        print(out, plugins.losses());
        print(out, plugins.initializers());
        print(out, plugins.optimizers());
        return 0;
    }

    private static void print(PrintWriter out, PluginRegistry<? extends Plugin> registry) {
        for (Plugin p : registry.all()) {
            Module m = p.getClass().getModule();
            out.printf(
                    "%-12s %-14s %-28s %s%n",
                    registry.kind(), p.name(), m.isNamed() ? m.getName() : "(class path)", p.description());
            for (ParamSpec s : p.parameters()) {
                out.printf("%-12s %-14s   %s — %s%n", "", "", s.summary(), s.description());
            }
        }
    }
}
