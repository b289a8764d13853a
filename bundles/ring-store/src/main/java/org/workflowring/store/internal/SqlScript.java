package org.workflowring.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A migration script split into its statements.
 *
 * <p><b>IMPORTANT</b>: the splitter is deliberately simple: {@code --} starts a comment to the end of the line and
 * {@code ;} ends a statement anywhere, so scripts must not contain PL/SQL blocks, nor {@code ;} or {@code --} inside
 * string literals.
 */
public final class SqlScript {

    private final String name;
    private final List<String> statements;

    private SqlScript(String name, List<String> statements) {
        this.name = name;
        this.statements = List.copyOf(statements);
    }

    /** The statements of {@code text}, a script called {@code name} in messages. */
    public static SqlScript parse(String name, String text) {
        Objects.requireNonNull(name, "script name must not be null");
        Objects.requireNonNull(text, "script text must not be null");
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            int comment = line.indexOf("--");
            code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String part : code.toString().split(";")) {
            String statement = part.strip();
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return new SqlScript(name, statements);
    }

    /** The script {@code resource}, relative to this class's package, as the class loader of this bundle sees it. */
    public static SqlScript load(String resource) {
        try (InputStream in = SqlScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + resource + " is missing from the ring-store jar");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + resource, e);
        }
    }

    /** The name used in messages. */
    public String name() {
        return name;
    }

    /** The statements in order, without their terminating {@code ;}. */
    public List<String> statements() {
        return statements;
    }
}
