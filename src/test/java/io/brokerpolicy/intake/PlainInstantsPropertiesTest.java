package io.brokerpolicy.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The plain-timestamp reader agrees with {@link Instant#parse} wherever it answers, and answers the usual forms. */
class PlainInstantsPropertiesTest {

    @Property(tries = 3000)
    void aPlainTimestamp_isTheInstantTheJdkReads(@ForAll @IntRange(min = 0, max = 9999) int year,
                                                 @ForAll @IntRange(min = 0, max = 13) int month,
                                                 @ForAll @IntRange(min = 0, max = 32) int day,
                                                 @ForAll @IntRange(min = 0, max = 25) int hour,
                                                 @ForAll @IntRange(min = 0, max = 61) int minute,
                                                 @ForAll @IntRange(min = 0, max = 61) int second,
                                                 @ForAll @IntRange(min = 0, max = 10) int fractionDigits,
                                                 @ForAll long seed) {
        StringBuilder fraction = new StringBuilder();
        Random random = new Random(seed);
        for (int i = 0; i < fractionDigits; i++) {
            fraction.append((char) ('0' + random.nextInt(10)));
        }
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%sZ", year, month, day, hour, minute, second,
                fractionDigits > 0 || random.nextInt(20) == 0 ? "." : "", fraction);
        agreesWithTheJdk(text);
        if (month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59
                && fractionDigits <= 9 && (fractionDigits > 0 || !text.contains("."))) {
            assertThat(PlainInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Property(tries = 3000)
    void damagedTimestamps_areLeftToTheJdk(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int damage) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("2026-11-21T14:03:11.123456Z");
        String alphabet = "0123456789-:TZ.+ tz";
        for (int i = 0; i < damage; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        agreesWithTheJdk(text.toString());
    }

    private static void agreesWithTheJdk(String text) {
        Instant plain = PlainInstants.parse(text);
        if (plain == null) {
            return;
        }
        Instant jdk;
        try {
            jdk = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new AssertionError("read '" + text + "' as " + plain + " where the JDK refuses it", e);
        }
        assertThat(plain).as(text).isEqualTo(jdk);
    }
}
