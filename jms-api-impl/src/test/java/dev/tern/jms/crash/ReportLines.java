package dev.tern.jms.crash;

import java.io.PrintStream;

/** How a crash test's child process reports to the test: whole lines, flushed at once, never interleaved. */
public final class ReportLines {

    private ReportLines() {
    }

    public static void report(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
