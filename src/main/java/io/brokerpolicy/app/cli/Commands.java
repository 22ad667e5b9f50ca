package io.brokerpolicy.app.cli;

import io.brokerpolicy.audit.log.VerifyProofCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * The service's jar as a command line: {@code java -jar quarkus-run.jar COMMAND ...} runs one command and
 * exits, with no database and no server (nothing here touches Quarkus, CDI or JDBC, so a command starts in
 * the time the JVM and, for test and eval, one rule compile take). Exit codes: 0 success, 1 the command's
 * check failed, 2 bad usage (the problem and the usage on stderr).
 */
public final class Commands {

    static final String USAGE = "usage: java -jar quarkus-run.jar [COMMAND [ARGS]]\n"
            + "  with no command: runs the service\n"
            + "  test [--rules DIR] [--policies DIR] [--format text|json|junit] [--coverage]\n"
            + "                    runs the policy scenarios; exit 0 all pass, 1 a failure\n"
            + "  eval [--rules DIR] [--policies DIR] SNAPSHOT.json\n"
            + "                    prints the verdict for a snapshot as JSON\n"
            + "  verify-proof --public-key KEY [--origin ORIGIN] PROOF.json\n"
            + "                    checks a verdict's inclusion proof offline\n"
            + "  help [COMMAND]    this text, or a command's own\n"
            + "  exit 2 on bad usage";

    private Commands() {
    }

    /** Runs the command the arguments name; answers the exit code. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Clock clock) {
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (asksForHelp(rest) && !command.equals("help")) {
            return help(List.of(command), out, err);
        }
        return switch (command) {
            case "test" -> new TestCommand(clock).run(rest, out, err);
            case "eval" -> new EvalCommand(clock, in).run(rest, out, err);
            case "verify-proof" -> VerifyProofCommand.run(rest, out, err);
            case "help", "-h", "--help" -> help(rest, out, err);
            default -> usage(err, null, "unknown command '" + command + "'", USAGE);
        };
    }

    private static boolean asksForHelp(List<String> args) {
        return args.contains("-h") || args.contains("--help");
    }

    private static int help(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            out.println(USAGE);
            return 0;
        }
        switch (args.get(0)) {
            case "test" -> out.println(TestCommand.USAGE);
            case "eval" -> out.println(EvalCommand.USAGE);
            case "verify-proof" -> out.println(VerifyProofCommand.USAGE);
            default -> {
                return usage(err, null, "unknown command '" + args.get(0) + "'", USAGE);
            }
        }
        return 0;
    }

    /** Bad usage: the problem, then the usage, on stderr; exit 2. */
    static int usage(PrintStream err, String command, String problem, String usage) {
        err.println((command == null ? "" : command + ": ") + problem);
        err.println(usage);
        return 2;
    }
}
