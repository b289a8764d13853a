package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MemberRecordTest {

    @Test
    void jsonRoundTripKeepsEveryField() {
        MemberRecord record = new MemberRecord("node-1", 3, "http://host:8181/ring?a=\"b\"\\c", MemberState.DRAINING);

        assertThat(MemberRecord.parse(record.toJson())).isEqualTo(record);
    }

    @Test
    void parseIgnoresUnknownFieldsAndWhitespace() {
        String json = " { \"state\" : \"ACTIVE\", \"extra\": 42, \"id\":\"n\\u0041\", \"weight\": 2 , \"address\":\"\" } ";

        assertThat(MemberRecord.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new MemberRecord("nA", 2, "", MemberState.ACTIVE));
    }

    @Test
    void parseNamesTheMissingField() {
        assertThatThrownBy(() -> MemberRecord.parse("{\"id\":\"n\",\"state\":\"ACTIVE\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'weight'");
    }

    @Test
    void parseRejectsGarbage() {
        assertThatThrownBy(() -> MemberRecord.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemberRecord.parse(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyActiveMembersAreInTheRing() {
        assertThat(MemberState.ACTIVE.inRing()).isTrue();
        assertThat(MemberState.JOINING.inRing()).isFalse();
        assertThat(MemberState.DRAINING.inRing()).isFalse();
    }

    @Test
    void idWithSlashIsRefused() {
        assertThatThrownBy(() -> new MemberRecord("a/b", 1, "", MemberState.ACTIVE))
                .hasMessageContaining("must not be blank or contain '/'");
    }
}
