package io.brokerpolicy.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.intake.SnapshotReader;
import io.brokerpolicy.testsupport.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Requests are read from the stream ({@link SnapshotReader}), not through a JSON tree; the answer must be
 * the one the tree reading gave: the same snapshots, the same canonical text (stored and hashed: a snapshot
 * sent again must match the hash stored before), the same field errors, the same unreadable-JSON refusal.
 * The reference here is the tree reading as the service did it before: {@code readTree}, then
 * {@link SnapshotParser}, then the tree written back as the canonical text.
 */
class SnapshotReaderPropertiesTest {

    private static final int MAX_BATCH = 20;
    final SnapshotParser parser = new SnapshotParser(SnapshotParserPropertiesTest.CLOCK, 50);
    final SnapshotReader reader = new SnapshotReader(parser, MAX_BATCH);

    @Property(tries = 1000)
    void aMutatedSnapshot_readsAsTheTreeReadIt(@ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int mutations) {
        sameAsTheTree(mutated(new Random(seed), mutations).toString());
    }

    @Property(tries = 1000)
    void anyJsonValue_readsAsTheTreeReadIt(@ForAll long seed) {
        sameAsTheTree(HostileJson.value(new Random(seed), 4).toString());
    }

    @Property(tries = 1000)
    void damagedJsonText_readsAsTheTreeReadIt(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int damage) {
        sameAsTheTree(damaged(new Random(seed), Snapshots.aSnapshot().toString(), damage));
    }

    @Property(tries = 300)
    void aBatch_readsAsTheTreeReadIt_asAnArrayAndAsNdjson(@ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int size,
                                                         @ForAll @IntRange(min = 0, max = 3) int damage) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ObjectNode snapshot = mutated(random, random.nextInt(4) == 0 ? 1 : 0);
            snapshot.put("snapshotId", "s-" + i);
            lines.add(random.nextInt(20) == 0 ? HostileJson.value(random, 2).toString() : snapshot.toString());
        }
        String array = damaged(random, "[" + String.join(",", lines) + "]", damage);
        String ndjson = damaged(random, String.join(random.nextBoolean() ? "\n" : "\n\n", lines), damage);
        assertThat(outcome(() -> reads(reader.readBatch(array, false)))).isEqualTo(outcome(() -> treeArray(array)));
        assertThat(outcome(() -> reads(reader.readBatch(ndjson, true)))).isEqualTo(outcome(() -> treeNdjson(ndjson)));
    }

    @Example
    void numbersKeepTheirCanonicalText() {
        for (String number : List.of("0", "-0", "0.00", "-0.0", "1e3", "1E+2", "1.50e-3", "123456789012345678901234",
                "2147483648", "-9223372036854775809", "850.00", "0.000000000001", "1e999999999", "-0.0e-999999999", "1e-999999999")) {
            sameAsTheTree(Snapshots.aSnapshot().toString().replace("\"1000.00\"", number));
            sameAsTheTree(Snapshots.aSnapshot().toString().replace("\"1000.00\"", "\"" + number + "\""));
        }
        sameAsTheTree(Snapshots.aSnapshot().toString().replace("\"USD\"", "\"U\\u0053D\""));
        sameAsTheTree(Snapshots.aSnapshot().toString() + " {}");
        sameAsTheTree(Snapshots.aSnapshot().toString() + " x");
        sameAsTheTree("[]");
        sameAsTheTree("null");
        sameAsTheTree(" ");
        sameAsTheTree(Snapshots.aSnapshot().toString().replace("{\"snapshotId\"", "{\"balance\":1,\"snapshotId\""));
    }

    private void sameAsTheTree(String body) {
        Outcome expected = outcome(() -> treeOne(body));
        assertThat(outcome(() -> {
            SnapshotReader.Read read = reader.readOne(body);
            return List.of(new Read(read.snapshot(), read.json()));
        })).isEqualTo(expected);
    }

    private static ObjectNode mutated(Random random, int mutations) {
        ObjectNode snapshot = Snapshots.aSnapshot();
        snapshot.withArray("positions").add(Snapshots.aPosition("p2"));
        for (int i = 0; i < mutations; i++) {
            HostileJson.mutate(snapshot, random);
        }
        return snapshot;
    }

    private static String damaged(Random random, String text, int damage) {
        StringBuilder out = new StringBuilder(text);
        String alphabet = "{}[]\",:0123456789.-eE+ nulltruefalse\\\u0000é\n";
        for (int i = 0; i < damage && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> out.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return out.toString();
    }

    // The reference: how requests were read before, through a tree.

    private List<Read> treeOne(String body) throws JsonProcessingException {
        JsonNode json = readJson(body);
        return List.of(new Read(parser.parse(json, ""), Json.MAPPER.writeValueAsString(json)));
    }

    private List<Read> treeArray(String body) throws JsonProcessingException {
        JsonNode json = readJson(body);
        if (!json.isArray()) {
            throw new InvalidRequestException("a batch must be a JSON array of snapshots",
                    List.of(new FieldError("$", "must be a JSON array")));
        }
        List<JsonNode> items = new ArrayList<>();
        json.forEach(items::add);
        return treeBatch(items);
    }

    private List<Read> treeNdjson(String body) throws JsonProcessingException {
        List<JsonNode> items = new ArrayList<>();
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                items.add(Json.MAPPER.readTree(line));
            } catch (JsonProcessingException e) {
                throw new InvalidRequestException("line " + (i + 1) + " of the NDJSON body is not valid JSON",
                        List.of(new FieldError("[" + items.size() + "]", e.getOriginalMessage())));
            }
        }
        return treeBatch(items);
    }

    private List<Read> treeBatch(List<JsonNode> items) throws JsonProcessingException {
        if (items.isEmpty()) {
            throw new InvalidRequestException("the batch is empty", List.of(new FieldError("$", "send at least one snapshot")));
        }
        if (items.size() > MAX_BATCH) {
            throw new InvalidRequestException("the batch is too large", List.of(new FieldError("$",
                    "has " + items.size() + " snapshots; at most " + MAX_BATCH + " are accepted in one batch")));
        }
        List<AccountSnapshot> snapshots = parser.parseAll(items);
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            reads.add(new Read(snapshots.get(i), Json.MAPPER.writeValueAsString(items.get(i))));
        }
        return reads;
    }

    private static JsonNode readJson(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request has no body", List.of(new FieldError("$", "send a JSON object")));
        }
        return Json.MAPPER.readTree(body);
    }

    // Outcomes, compared whole.

    record Read(AccountSnapshot snapshot, String json) {
    }

    record Outcome(List<Read> reads, String refusal, List<FieldError> details, String unreadable) {
    }

    interface Reading {
        List<Read> read() throws Exception;
    }

    private static List<Read> reads(List<SnapshotReader.Read> reads) {
        return reads.stream().map(r -> new Read(r.snapshot(), r.json())).toList();
    }

    private static Outcome outcome(Reading reading) {
        try {
            return new Outcome(reading.read(), null, null, null);
        } catch (InvalidRequestException e) {
            return new Outcome(null, e.getMessage(), e.details(), null);
        } catch (JsonProcessingException e) {
            return new Outcome(null, null, null, e.getClass().getSimpleName() + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at " + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()));
        } catch (Exception e) {
            return new Outcome(null, null, null, "unexpected " + e);
        }
    }
}
