package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

class RecordingBackendTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void recordsEveryMessageWithKeyNodeAndTokenAndReportsAKeyReceivedTwice() throws Exception {
        try (RecordingBackend backend = new RecordingBackend().start()) {
            assertThat(post(backend, "/counter", "i-1:1", "n1")).isEqualTo(200);
            assertThat(post(backend, "/counter", "i-1:2", "n1")).isEqualTo(200);
            assertThat(post(backend, "/counter", "i-1:1", "n2")).isEqualTo(200);

            assertThat(backend.records()).extracting(BackendRecord::idempotencyKey).containsExactly("i-1:1", "i-1:2", "i-1:1");
            assertThat(backend.records().get(2).node()).isEqualTo("n2");
            assertThat(backend.records().get(0).instanceId()).isEqualTo("i-1");
            assertThat(backend.records().get(1).seq()).isEqualTo(2);
            assertThat(backend.duplicateKeys()).containsOnlyKeys("i-1:1").containsEntry("i-1:1", 2);
            assertThat(backend.from("n1")).hasSize(2);
        }
    }

    @Test
    void recordsTheFencingTokenOfEachMessageAndMinusOneWhenItHasNone() throws Exception {
        try (RecordingBackend backend = new RecordingBackend().start()) {
            HttpResponse<Void> fenced = http.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/counter"))
                    .header(RecordingBackend.KEY_HEADER, "i-0:1").header(RecordingBackend.FENCE_HEADER, "4294967302")
                    .POST(HttpRequest.BodyPublishers.ofString("i-0:1")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(fenced.statusCode()).isEqualTo(200);
            assertThat(post(backend, "/counter", "i-0:2", "n1")).isEqualTo(200);

            assertThat(backend.records()).extracting(BackendRecord::fence).containsExactly(4294967302L, -1L);
        }
    }

    @Test
    void aMessageUnderALowerTokenThanOneSeenForItsInstanceIsRefusedWith409AndRecordedApart() throws Exception {
        try (RecordingBackend backend = new RecordingBackend().start()) {
            assertThat(postFenced(backend, "i-1:1", 9)).isEqualTo(200);
            assertThat(postFenced(backend, "i-1:1", 5)).isEqualTo(409);
            assertThat(postFenced(backend, "i-2:1", 5)).isEqualTo(200);
            assertThat(postFenced(backend, "i-1:2", 9)).isEqualTo(200);

            assertThat(backend.records()).extracting(BackendRecord::sender, BackendRecord::idempotencyKey)
                    .containsExactly(tuple("?@9", "i-1:1"), tuple("?@5", "i-2:1"), tuple("?@9", "i-1:2"));
            assertThat(backend.refused()).extracting(BackendRecord::idempotencyKey, BackendRecord::fence)
                    .containsExactly(tuple("i-1:1", 5L));
        }
    }

    @Test
    void aMessageWithoutIdempotencyKeyIsRefusedAndNotRecorded() throws Exception {
        try (RecordingBackend backend = new RecordingBackend().start()) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/counter"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(backend.records()).isEmpty();
        }
    }

    private int postFenced(RecordingBackend backend, String key, long fence) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/counter"))
                .header(RecordingBackend.KEY_HEADER, key).header(RecordingBackend.FENCE_HEADER, Long.toString(fence))
                .POST(HttpRequest.BodyPublishers.ofString(key)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(RecordingBackend backend, String path, String key, String node) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + path))
                .header(RecordingBackend.KEY_HEADER, key).header(RecordingBackend.NODE_HEADER, node)
                .POST(HttpRequest.BodyPublishers.ofString(key)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
