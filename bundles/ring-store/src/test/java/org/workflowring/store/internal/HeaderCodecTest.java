package org.workflowring.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HeaderCodecTest {

    @Test
    void noHeadersAreStoredAsNull() {
        assertThat(HeaderCodec.encode(Map.of())).isNull();
        assertThat(HeaderCodec.decode(null)).isEmpty();
    }

    @Test
    void headersAreEncodedSortedByName() {
        assertThat(HeaderCodec.encode(Map.of("b", "2", "a", "1"))).isEqualTo("a=1\nb=2");
    }

    @Test
    void separatorsAndBackslashesSurviveARoundTrip() {
        Map<String, String> headers = Map.of("a=b", "x\ny", "back\\slash", "=\r\n\\", "empty", "");
        assertThat(HeaderCodec.decode(HeaderCodec.encode(headers))).isEqualTo(headers);
    }
}
