package org.workflowring.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void commentsAreDroppedAndStatementsSplitAtSemicolons() {
        SqlScript script = SqlScript.parse("t", "-- header\nCREATE TABLE a (x INT); -- trailing\n\n"
                + "CREATE INDEX i ON a (x)\n;\n");
        assertThat(script.statements()).containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }

    @Test
    void bothDialectsCreateTheSameTablesConstraintsAndIndexes() {
        for (SchemaMigrator.Migration migration : SchemaMigrator.MIGRATIONS) {
            assertThat(names(SqlScript.load("oracle/" + migration.script()).statements()))
                    .isEqualTo(names(SqlScript.load("h2/" + migration.script()).statements()));
        }
    }

    @Test
    void aMissingScriptIsNamed() {
        assertThatThrownBy(() -> SqlScript.load("h2/V99__nothing.sql")).hasMessageContaining("V99__nothing.sql");
    }

    /** The object and constraint names a script defines, which must not differ between dialects. */
    private static List<String> names(List<String> statements) {
        return statements.stream()
                .flatMap(s -> java.util.regex.Pattern.compile("(?:TABLE|INDEX|CONSTRAINT) (\\w+)").matcher(s)
                        .results().map(m -> m.group(1)))
                .toList();
    }
}
