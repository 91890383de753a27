package dev.tern.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --output table|json}, which every read command takes: a table for people, or one JSON document
 * for scripts ({@code jq} and the like).
 */
final class OutputOption {

    /** How a read command prints what it read. */
    enum Format { table, json }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|json",
            description = "Print a table, or one JSON document for scripts (default ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
        return format == Format.json;
    }

    /** Prints a value (records, lists and maps of them) as JSON. */
    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
