package io.brokerpolicy.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.config.Defaults;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.MarginMode;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a JSON account snapshot into the domain's {@link AccountSnapshot}, or reports every problem
 * with the field it is in. Money and prices may be JSON numbers or decimal strings; anything that is not
 * a finite decimal of sane size is refused, as are unknown fields (a misspelt field must not be ignored
 * silently when money depends on it).
 */
public final class SnapshotParser {

    /** How far ahead of the service's clock a snapshot's asOf may be: clock skew, not the future. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z][A-Z0-9]{2,5}");
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2,3}");
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e15");
    private static final int MAX_SCALE = 12;
    private static final BigDecimal MAX_LEVERAGE = BigDecimal.valueOf(1000);
    private static final Set<String> SNAPSHOT_FIELDS = Set.of("snapshotId", "accountId", "brokerId", "accountType",
            "kycTier", "jurisdiction", "clientCategory", "currency", "accountOpenedAt", "asOf", "balance", "positions");
    private static final Set<String> POSITION_FIELDS = Set.of("positionId", "symbol", "assetClass", "side", "quantity",
            "contractSize", "openPrice", "markPrice", "leverage", "swap", "fees", "openedAt", "marginMode",
            "isolatedMargin", "fundingRate");

    private final Clock clock;
    private final int maxPositions;

    public SnapshotParser(Clock clock) {
        this(clock, Defaults.maxPositions());
    }

    public SnapshotParser(Clock clock, int maxPositions) {
        this.clock = clock;
        this.maxPositions = maxPositions;
    }

    /** Parses one snapshot; {@code prefix} names it inside a larger request ("" alone, "[3]" in a batch). */
    public AccountSnapshot parse(JsonNode json, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        AccountSnapshot snapshot = read(TreeValues.snapshot(json), prefix, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(SINGLE_INVALID, errors);
        }
        return snapshot;
    }

    /**
     * Parses a batch; every problem of every snapshot is reported, named by its index ({@code [3].balance}).
     */
    public List<AccountSnapshot> parseAll(List<JsonNode> batch) {
        List<FieldError> errors = new ArrayList<>();
        List<AccountSnapshot> snapshots = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            snapshots.add(read(TreeValues.snapshot(batch.get(i)), "[" + i + "]", errors));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(BATCH_INVALID, errors);
        }
        return snapshots;
    }

    static final String SINGLE_INVALID = "the account snapshot is not valid";
    static final String BATCH_INVALID = "the batch has invalid snapshots; none was evaluated";

    static boolean isSnapshotField(String name) {
        return SNAPSHOT_FIELDS.contains(name);
    }

    static boolean isPositionField(String name) {
        return POSITION_FIELDS.contains(name);
    }

    /** Validates one snapshot read by either reader; its problems go to {@code errors}, and then it answers null. */
    AccountSnapshot read(JsonValue json, String prefix, List<FieldError> errors) {
        if (json == null || json.kind() != JsonValue.Kind.OBJECT) {
            errors.add(new FieldError(prefix.isEmpty() ? "$" : prefix, "must be a JSON object (an account snapshot)"));
            return null;
        }
        Fields f = new Fields(json.object(), prefix, errors);
        f.rejectUnknown(SNAPSHOT_FIELDS);
        String snapshotId = f.id("snapshotId");
        String accountId = f.id("accountId");
        String brokerId = f.id("brokerId");
        String accountType = f.id("accountType");
        String kycTier = f.optionalId("kycTier");
        String jurisdiction = f.matching("jurisdiction", JURISDICTION, "a region or ISO 3166 country code such as EU, UK, US");
        ClientCategory category = f.enumValue("clientCategory", ClientCategory.class, true);
        String currency = f.matching("currency", CURRENCY, "an ISO 4217 or asset code such as USD, EUR, USDT");
        Instant openedAt = f.instant("accountOpenedAt", false);
        Instant asOf = f.instant("asOf", true);
        if (asOf != null && asOf.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            f.error("asOf", "is in the future (" + asOf + "); a snapshot describes a moment that has happened");
        }
        if (openedAt != null && asOf != null && openedAt.isAfter(asOf)) {
            f.error("accountOpenedAt", "is after asOf: an account cannot be opened after its snapshot");
        }
        BigDecimal balance = f.decimal("balance", true, Sign.ANY);
        List<Position> positions = new ArrayList<>();
        JsonValue list = json.object().get("positions");
        if (list == null || list.isNull()) {
            f.error("positions", "is required (an empty list when no position is open)");
        } else if (list.kind() != JsonValue.Kind.ARRAY) {
            f.error("positions", "must be a list of positions");
        } else if (list.items().size() > maxPositions) {
            f.error("positions", "has " + list.items().size() + " positions; at most " + maxPositions + " are accepted");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                String path = f.path("positions") + "[" + i + "]";
                Position position = position(list.items().get(i), path, errors);
                if (position != null && !ids.add(position.positionId())) {
                    errors.add(new FieldError(path + ".positionId", "duplicates positionId '" + position.positionId()
                            + "'; every position of a snapshot needs its own id"));
                }
                positions.add(position);
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new AccountSnapshot(snapshotId, accountId, brokerId, accountType, kycTier, jurisdiction, category,
                currency, openedAt, asOf, balance, positions);
    }

    private Position position(JsonValue json, String path, List<FieldError> errors) {
        if (json == null || json.kind() != JsonValue.Kind.OBJECT) {
            errors.add(new FieldError(path, "must be a JSON object (a position)"));
            return null;
        }
        int before = errors.size();
        Fields f = new Fields(json.object(), path, errors);
        f.rejectUnknown(POSITION_FIELDS);
        String positionId = f.id("positionId");
        String symbol = f.id("symbol");
        AssetClass assetClass = f.enumValue("assetClass", AssetClass.class, true);
        Side side = f.enumValue("side", Side.class, true);
        BigDecimal quantity = f.decimal("quantity", true, Sign.POSITIVE);
        BigDecimal contractSize = f.decimal("contractSize", true, Sign.POSITIVE);
        BigDecimal openPrice = f.decimal("openPrice", true, Sign.POSITIVE);
        BigDecimal markPrice = f.decimal("markPrice", true, Sign.POSITIVE);
        BigDecimal leverage = f.decimal("leverage", true, Sign.POSITIVE);
        if (leverage != null && (leverage.compareTo(BigDecimal.ONE) < 0 || leverage.compareTo(MAX_LEVERAGE) > 0)) {
            f.error("leverage", "must be from 1 to 1000 (1 means no leverage), not " + leverage.toPlainString());
        }
        BigDecimal swap = f.decimal("swap", false, Sign.ANY);
        BigDecimal fees = f.decimal("fees", false, Sign.NOT_NEGATIVE);
        Instant openedAt = f.instant("openedAt", false);
        MarginMode mode = f.enumValue("marginMode", MarginMode.class, false);
        BigDecimal isolatedMargin = f.decimal("isolatedMargin", false, Sign.POSITIVE);
        if (mode == MarginMode.ISOLATED && isolatedMargin == null && !f.has("isolatedMargin")) {
            f.error("isolatedMargin", "is required for an ISOLATED position");
        }
        if (mode != MarginMode.ISOLATED && isolatedMargin != null) {
            f.error("isolatedMargin", "is only for ISOLATED positions");
        }
        BigDecimal fundingRate = f.decimal("fundingRate", false, Sign.ANY);
        if (errors.size() > before) {
            return null;
        }
        return new Position(positionId, symbol, assetClass, side, quantity, contractSize, openPrice, markPrice,
                leverage, swap, fees, openedAt, mode, isolatedMargin, fundingRate);
    }

    private enum Sign {
        ANY, POSITIVE, NOT_NEGATIVE
    }

    /** Field access for one JSON object, reporting into the shared error list. */
    private static final class Fields {
        private final JsonFields json;
        private final String prefix;
        private final List<FieldError> errors;

        Fields(JsonFields json, String prefix, List<FieldError> errors) {
            this.json = json;
            this.prefix = prefix;
            this.errors = errors;
        }

        String path(String field) {
            return prefix.isEmpty() ? field : prefix + "." + field;
        }

        void error(String field, String message) {
            errors.add(new FieldError(path(field), message));
        }

        boolean has(String field) {
            JsonValue value = json.get(field);
            return value != null && !value.isNull();
        }

        void rejectUnknown(Set<String> known) {
            for (String name : json.names()) {
                if (!known.contains(name)) {
                    errors.add(new FieldError(unknownFieldPath(name), "is not a known field"));
                }
            }
        }

        /** A plain name as is; an empty, blank or odd one quoted, so the client can still see which it was. */
        private String unknownFieldPath(String name) {
            if (name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                return path(name);
            }
            String quoted = "[\"" + abbreviate(name).replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
            return prefix.isEmpty() ? "$" + quoted : prefix + quoted;
        }

        String text(String field, boolean required) {
            JsonValue node = json.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (node.kind() != JsonValue.Kind.STRING) {
                error(field, "must be a string");
                return null;
            }
            return node.text();
        }

        String id(String field) {
            return matching(field, ID, "1 to 128 letters, digits or . _ : @ / -, starting with a letter or digit");
        }

        String optionalId(String field) {
            String value = text(field, false);
            if (value != null && !ID.matcher(value).matches()) {
                error(field, "must be 1 to 128 letters, digits or . _ : @ / -, starting with a letter or digit");
                return null;
            }
            return value;
        }

        String matching(String field, Pattern pattern, String expected) {
            String value = text(field, true);
            if (value != null && !pattern.matcher(value).matches()) {
                error(field, "must be " + expected);
                return null;
            }
            return value;
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
            String value = text(field, required);
            if (value == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
            error(field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '" + abbreviate(value) + "'");
            return null;
        }

        Instant instant(String field, boolean required) {
            String value = text(field, required);
            if (value == null) {
                return null;
            }
            try {
                Instant plain = PlainInstants.parse(value);
                Instant instant = plain != null ? plain : Instant.parse(value);
                if (instant.getEpochSecond() < 0 || instant.isAfter(LATEST)) {
                    error(field, "is outside the years 1970 to 9999");
                    return null;
                }
                return instant;
            } catch (DateTimeParseException e) {
                error(field, "must be an ISO-8601 UTC timestamp such as 2026-11-21T14:03:11Z");
                return null;
            }
        }

        BigDecimal decimal(String field, boolean required, Sign sign) {
            JsonValue node = json.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            BigDecimal value;
            if (node.kind() == JsonValue.Kind.NUMBER) {
                value = node.number();
            } else if (node.kind() == JsonValue.Kind.STRING) {
                String text = node.text().trim();
                if (text.length() > MAX_NUMBER_LENGTH_TEXT) {
                    error(field, "is longer than " + MAX_NUMBER_LENGTH_TEXT + " characters");
                    return null;
                }
                try {
                    value = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    error(field, "must be a finite decimal number, not '" + abbreviate(text) + "'");
                    return null;
                }
            } else {
                error(field, "must be a number or a decimal string");
                return null;
            }
            if (value.scale() > MAX_SCALE || value.abs().compareTo(MAX_MAGNITUDE) >= 0) {
                error(field, "is out of range: at most " + MAX_SCALE + " decimals and less than 10^15 in size");
                return null;
            }
            if (sign == Sign.POSITIVE && value.signum() <= 0) {
                error(field, "must be greater than zero");
                return null;
            }
            if (sign == Sign.NOT_NEGATIVE && value.signum() < 0) {
                error(field, "must not be negative");
                return null;
            }
            return value.signum() == 0 ? BigDecimal.ZERO.setScale(Math.max(value.scale(), 0)) : value;
        }

        private static final int MAX_NUMBER_LENGTH_TEXT = 64;
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

        private static String abbreviate(String value) {
            return value.length() <= 40 ? value : value.substring(0, 40) + "…";
        }
    }
}
