package org.chainrule.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.ChainruleException;
import org.chainrule.api.NumericException;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Plugins;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code nn} command. Errors a user can cause print one line to stderr ({@code nn: ...}) and
 * exit with status 2; {@code --verbose} adds the engine's log and the stack trace.
 */
@Command(
        name = "nn",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "Assemble dense neural networks from the installed plugins, train, evaluate, predict and explain them.",
        subcommands = {
            ListCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            ExplainCommand.class,
            GradcheckCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done",
            "1:the run failed: training diverged, or gradcheck found a mismatch",
            "2:bad input: usage, a spec, a data or model file, an unknown plugin (one line on stderr says what and where)",
            "70:an internal error (a bug; --verbose prints the stack trace to report)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn train                       # train on the shipped digits; writes nn-out/",
            "  nn eval --model nn-out/model.safetensors",
            "  nn list activations",
            "  nn help train",
            "  source <(nn generate-completion)   # tab completion in bash or zsh"
        })
public final class Main {
    /** Exit status for a run that failed: training diverged, a gradient check failed. */
    static final int FAILED_RUN = 1;

    /** Exit status for a bad configuration, bad data, a bad model file, or bad usage. */
    static final int USER_ERROR = 2;

    /** {@code nn --version}: the engine's version and the JVM's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "Chainrule nn " + org.chainrule.engine.Chainrule.version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }

    @Option(
            names = {"-v", "--verbose"},
            scope = CommandLine.ScopeType.INHERIT,
            description = "Log what the engine does (kernels, warnings) and print stack traces of errors.")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            ((Logger) LoggerFactory.getLogger("org.chainrule")).setLevel(Level.DEBUG);
        }
    }

    private static boolean verbose;
    private static final List<Path> pluginFolders = new ArrayList<>();
    private static Plugins plugins;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            scope = CommandLine.ScopeType.INHERIT,
            description = "A folder of plugin jars (modular or plain) to load; may be repeated. Also searched:"
                    + " the folders in $CHAINRULE_PLUGINS and ~/.chainrule/plugins.")
    void pluginFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--plugins " + dir + ": no such folder");
        }
        pluginFolders.add(dir);
    }

    @Option(
            names = "--kernels",
            paramLabel = "KIND",
            scope = CommandLine.ScopeType.INHERIT,
            completionCandidates = KernelKinds.class,
            description = "The numeric kernels: auto (the default: the JVM's preferred vector width, tiles for"
                    + " this CPU's registers), vector512, vector256, vector128 (any width runs on any CPU; one the"
                    + " CPU lacks is correct but slow) or scalar. Also the system property chainrule.kernels.")
    void kernels(String kind) {
        if (!Chainrule.KERNELS.contains(kind)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--kernels: expected one of " + String.join(", ", Chainrule.KERNELS) + ", found '" + kind + "'");
        }
        kernels = kind;
        // the activations' element-wise math is chosen JVM-wide from this property, not per engine
        System.setProperty("chainrule.kernels", kernels);
    }

    private static String kernels;

    /** The values {@code --kernels} takes, for help and tab completion. */
    static final class KernelKinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Chainrule.KERNELS.iterator();
        }
    }

    /** The folders plugins are loaded from: --plugins, then $CHAINRULE_PLUGINS, then ~/.chainrule/plugins. */
    static List<Path> pluginFolders() {
        List<Path> all = new ArrayList<>(pluginFolders);
        String env = System.getenv("CHAINRULE_PLUGINS");
        if (env != null) {
            for (String d : env.split(java.io.File.pathSeparator)) {
                if (!d.isBlank()) {
                    all.add(Path.of(d));
                }
            }
        }
        Path home = Path.of(System.getProperty("user.home"), ".chainrule", "plugins");
        if (Files.isDirectory(home)) {
            all.add(home);
        }
        return all;
    }

    /** @return the plugins of this run (built in, on the module path, and in the plugin folders), found once */
    static synchronized Plugins plugins() {
        if (plugins == null) {
            plugins = Plugins.discover(pluginFolders());
        }
        return plugins;
    }

    /** @return the engine around {@link #plugins()}, with the kernels and threads the options give */
    static Chainrule chainrule() {
        return chainrule(null);
    }

    /**
     * The one place the command maps its options onto the engine's settings: {@code --kernels}
     * (else the system property {@code chainrule.kernels}, else auto) and {@code threads} (else the
     * system property {@code chainrule.threads}, else the available processors).
     *
     * @param threads a command's {@code --threads}, or null
     * @return the engine around {@link #plugins()}
     */
    static Chainrule chainrule(Integer threads) {
        return Chainrule.builder()
                .systemProperties()
                .plugins(plugins())
                .kernels(kernelKind())
                .threads(threads != null ? threads : threadCount())
                .build();
    }

    /** @return the kernels asked for: --kernels, else the system property chainrule.kernels, else auto */
    static String kernelKind() {
        return kernels != null
                ? kernels
                : Chainrule.builder().systemProperties().settings().kernels();
    }

    /** @return the system property chainrule.threads, else the available processors */
    static int threadCount() {
        return Chainrule.builder().systemProperties().settings().threads();
    }

    /** @return {@code message} on one line, without the class names of library exceptions */
    static String plain(String message) {
        return org.chainrule.data.Inputs.plain(message);
    }

    private static String suggestions(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && !u.getSuggestions().isEmpty()) {
            List<String> s = u.getSuggestions();
            return " (did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?)";
        }
        return "";
    }

    private static String helpFor(CommandLine c) {
        return c == null || c.getParent() == null ? "nn --help" : "nn help " + c.getCommandName();
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given output streams (for tests); returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        verbose = false;
        kernels = null;
        pluginFolders.clear();
        plugins = null;
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ChainruleException) {
                err.println("nn: " + plain(e.getMessage()));
            } else { // a bug: still one line, with the trace behind --verbose
                err.println("nn: internal error, please report it with the output of --verbose: "
                        + plain(String.valueOf(e.getMessage())));
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            return e instanceof NumericException ? FAILED_RUN : e instanceof ChainruleException ? USER_ERROR : 70;
        });
        cmd.setParameterExceptionHandler((e, arguments) -> {
            err.println(
                    "nn: " + plain(e.getMessage()) + suggestions(e) + "; see '" + helpFor(e.getCommandLine()) + "'");
            if (verbose) {
                e.printStackTrace(err);
            }
            return USER_ERROR;
        });
        return cmd.execute(args);
    }
}
