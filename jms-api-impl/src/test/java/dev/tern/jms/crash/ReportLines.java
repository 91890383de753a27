package dev.tern.jms.crash;

import java.io.PrintStream;

/** How a crash test's child process reports to the test: whole lines, flushed at once, never interleaved. */
final class ReportLines {

    private ReportLines() {
    }

    static void report(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
