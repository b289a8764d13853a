package org.workflowring.itests.cluster.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workflowring.api.Transition;
import org.workflowring.api.WorkflowEvent;

class CounterWorkflowTest {

    @TempDir
    Path dir;

    private JdbcDataSource dataSource;

    @BeforeEach
    void database() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wf_instance (id VARCHAR(200) PRIMARY KEY, fence BIGINT, owner_node VARCHAR(200))");
            s.execute("INSERT INTO wf_instance VALUES ('i-1', 7, 'n1')");
        }
    }

    @Test
    void recordsEnterAndExitWithTheDatabaseGrantAndSendsOneMessagePerEvent() throws Exception {
        Path calls = dir.resolve("calls.log");
        try (CallRecorder recorder = new CallRecorder("n1", dataSource, calls)) {
            Transition t = new CounterWorkflow(recorder, "direct:backend")
                    .apply("1".getBytes(StandardCharsets.UTF_8), event("i-1", 2, "2"));
            assertThat(new String(t.state(), StandardCharsets.UTF_8)).isEqualTo("2");
            assertThat(t.messages()).singleElement().satisfies(m -> {
                assertThat(m.target()).isEqualTo("direct:backend");
                assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("i-1:2");
            });
        }
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ENTER n1 i-1 2 7 n1 ");
        assertThat(lines.get(1)).startsWith("EXIT n1 i-1 2 7 n1 ");
        long enter = Long.parseLong(lines.get(0).split(" ")[6]);
        long exit = Long.parseLong(lines.get(1).split(" ")[6]);
        assertThat(exit).isGreaterThanOrEqualTo(enter);
        assertThat(enter).isCloseTo(System.currentTimeMillis() * 1000, org.assertj.core.data.Offset.offset(60_000_000L));
    }

    @Test
    void anEventOutOfOrderIsRecordedAsAnOrderViolation() throws Exception {
        Path calls = dir.resolve("calls.log");
        try (CallRecorder recorder = new CallRecorder("n2", dataSource, calls)) {
            new CounterWorkflow(recorder, "direct:backend").apply("1".getBytes(StandardCharsets.UTF_8), event("i-1", 3, "3"));
        }
        assertThat(Files.readAllLines(calls)).anySatisfy(line -> assertThat(line).startsWith("ORDER n2 i-1 2 3 "));
    }

    @Test
    void aPayloadThatIsNoNumberThrowsAndStillRecordsTheExit() throws Exception {
        Path calls = dir.resolve("calls.log");
        try (CallRecorder recorder = new CallRecorder("n1", dataSource, calls)) {
            CounterWorkflow workflow = new CounterWorkflow(recorder, "direct:backend");
            assertThatThrownBy(() -> workflow.apply(new byte[0], event("i-1", 1, "bad")))
                    .isInstanceOf(NumberFormatException.class);
        }
        assertThat(Files.readAllLines(calls)).hasSize(2).last().asString().startsWith("EXIT n1 i-1 1 7 n1 ");
    }

    @Test
    void anUnknownInstanceIsRecordedWithoutGrant() throws Exception {
        Path calls = dir.resolve("calls.log");
        try (CallRecorder recorder = new CallRecorder("n1", dataSource, calls)) {
            new CounterWorkflow(recorder, "direct:backend").apply(new byte[0], event("i-9", 1, "1"));
        }
        assertThat(Files.readAllLines(calls).get(0)).startsWith("ENTER n1 i-9 1 -1 - ");
    }

    private static WorkflowEvent event(String instance, long seq, String payload) {
        return new WorkflowEvent(instance, "k" + seq, seq, payload.getBytes(StandardCharsets.UTF_8));
    }
}
