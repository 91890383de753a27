package dev.tern.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in-process, as a user would type it: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = TernCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
