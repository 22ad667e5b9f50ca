package io.brokerpolicy.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.testsupport.Snapshots;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever arrives, the snapshot validator answers a valid snapshot or an {@link InvalidRequestException}
 * whose every detail names a field: no other exception, so nothing becomes a 500. 1,000 tries each.
 */
class SnapshotParserPropertiesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    final SnapshotParser parser = new SnapshotParser(CLOCK, 50);

    @Property(tries = 1000)
    void aMutatedSnapshot_isValidOrRefusedWithFields(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int mutations) {
        Random random = new Random(seed);
        ObjectNode snapshot = Snapshots.aSnapshot();
        snapshot.withArray("positions").add(Snapshots.aPosition("p2"));
        for (int i = 0; i < mutations; i++) {
            HostileJson.mutate(snapshot, random);
        }
        parsesOrNamesFields(snapshot);
    }

    @Property(tries = 1000)
    void anyJsonValue_isValidOrRefusedWithFields(@ForAll long seed) {
        parsesOrNamesFields(HostileJson.value(new Random(seed), 4));
    }

    /** Text damaged character by character: unreadable JSON (a 400 by its mapper) or as above. */
    @Property(tries = 1000)
    void damagedJsonText_isUnreadableOrHandled(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int damage) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(Snapshots.aSnapshot().toString());
        String alphabet = "{}[]\",:0123456789.-eE+ nulltruefalse\\\u0000é";
        for (int i = 0; i < damage; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(text.toString());
        } catch (JsonProcessingException unreadable) {
            return;
        }
        if (json != null) {
            parsesOrNamesFields(json);
        }
    }

    private void parsesOrNamesFields(JsonNode json) {
        try {
            AccountSnapshot snapshot = parser.parse(json, "");
            assertThat(snapshot.snapshotId()).isNotBlank();
            assertThat(snapshot.balance()).isNotNull();
            snapshot.positions().forEach(p -> {
                assertThat(p.quantity().signum()).isPositive();
                assertThat(p.markPrice().signum()).isPositive();
                assertThat(p.openPrice().signum()).isPositive();
            });
            assertThat(snapshot.asOf()).isBeforeOrEqualTo(CLOCK.instant().plus(SnapshotParser.MAX_CLOCK_SKEW));
        } catch (InvalidRequestException refused) {
            assertThat(refused.details()).isNotEmpty().allSatisfy(detail -> {
                assertThat(detail.field()).isNotBlank();
                assertThat(detail.message()).isNotBlank();
            });
        }
    }
}
