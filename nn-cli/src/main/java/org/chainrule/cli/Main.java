package org.chainrule.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import org.chainrule.api.ChainruleException;
import org.slf4j.LoggerFactory;
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
        version = "Chainrule nn 0.1.0-SNAPSHOT",
        description = "Assemble dense neural networks from the installed plugins and train them.",
        subcommands = {ListCommand.class, TrainCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit status for a bad configuration, bad data or a diverged run. */
    static final int USER_ERROR = 2;

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

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given output streams (for tests); returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        verbose = false;
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (!(e instanceof ChainruleException)) {
                throw e;
            }
            err.println("nn: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return USER_ERROR;
        });
        return cmd.execute(args);
    }
}
