package io.brokerpolicy.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.PriceShocks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a stress test's shocks, {@code {"shocks": {"BTCUSDT": -20, "assetClass:FX_MAJOR": 3}}}, or reports every problem
 * with the field it is in. A key is a symbol ({@code BTCUSDT}; {@code symbol:NAME} for a symbol with a colon in it) or
 * an instrument class ({@code assetClass:FX_MAJOR}); a value is a percent move of the mark price, a JSON number or a
 * decimal string, above -100 and at most 1000, with at most 6 decimals.
 */
public final class ShocksParser {

    public static final int MAX_SHOCKS = 500;
    private static final BigDecimal MIN_MOVE = BigDecimal.valueOf(-100);
    private static final BigDecimal MAX_MOVE = BigDecimal.valueOf(1000);
    private static final int MAX_DECIMALS = 6;
    private static final String ASSET_CLASS = "assetClass:";
    private static final String SYMBOL = "symbol:";
    private static final Pattern SYMBOL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    private static final Pattern PLAIN_SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@/-]{0,127}");

    private ShocksParser() {
    }

    public static PriceShocks parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw invalid(List.of(new FieldError("$", "send a JSON object: {\"shocks\": {\"BTCUSDT\": -20}}")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("shocks")) {
                errors.add(new FieldError(name, "unknown field (the body has only 'shocks')"));
            }
        }
        JsonNode shocks = body.get("shocks");
        if (shocks == null || shocks.isNull()) {
            errors.add(new FieldError("shocks", "missing: give at least one percent move, e.g. {\"BTCUSDT\": -20}"));
            throw invalid(errors);
        }
        if (!shocks.isObject()) {
            errors.add(new FieldError("shocks", "must be an object of percent moves by symbol or assetClass:NAME"));
            throw invalid(errors);
        }
        if (shocks.isEmpty()) {
            errors.add(new FieldError("shocks", "give at least one percent move, e.g. {\"BTCUSDT\": -20}"));
        } else if (shocks.size() > MAX_SHOCKS) {
            errors.add(new FieldError("shocks", "at most " + MAX_SHOCKS + " moves, not " + shocks.size()));
        }
        Map<String, BigDecimal> bySymbol = new HashMap<>();
        Map<AssetClass, BigDecimal> byClass = new EnumMap<>(AssetClass.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = shocks.fields(); it.hasNext() && errors.size() < 100; ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            String field = "shocks." + key;
            BigDecimal move = move(entry.getValue(), field, errors);
            if (key.startsWith(ASSET_CLASS)) {
                AssetClass cls = assetClass(key.substring(ASSET_CLASS.length()));
                if (cls == null) {
                    errors.add(new FieldError(field, "unknown instrument class '" + key.substring(ASSET_CLASS.length())
                            + "' (known: " + Arrays.toString(AssetClass.values()) + ")"));
                } else if (move != null) {
                    byClass.put(cls, move);
                }
            } else if (key.startsWith(SYMBOL) && SYMBOL_NAME.matcher(key.substring(SYMBOL.length())).matches()) {
                putSymbol(bySymbol, key.substring(SYMBOL.length()), move, field, errors);
            } else if (PLAIN_SYMBOL.matcher(key).matches()) {
                putSymbol(bySymbol, key, move, field, errors);
            } else {
                errors.add(new FieldError(field, "unknown key form: a key is a symbol (BTCUSDT), symbol:NAME for a symbol"
                        + " with a colon, or assetClass:NAME (assetClass:FX_MAJOR)"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new PriceShocks(bySymbol, byClass);
    }

    private static void putSymbol(Map<String, BigDecimal> bySymbol, String symbol, BigDecimal move, String field,
                                  List<FieldError> errors) {
        if (move != null && bySymbol.put(symbol, move) != null) {
            errors.add(new FieldError(field, "symbol " + symbol + " is shocked twice (once as symbol:" + symbol + ")"));
        }
    }

    private static BigDecimal move(JsonNode value, String field, List<FieldError> errors) {
        BigDecimal move;
        if (value.isNumber()) {
            move = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                move = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                errors.add(new FieldError(field, "must be a number (a percent move of the mark price), not '"
                        + abbreviated(value.asText()) + "'"));
                return null;
            }
        } else {
            errors.add(new FieldError(field, "must be a number (a percent move of the mark price), not " + value.getNodeType()
                    .name().toLowerCase()));
            return null;
        }
        if (move.compareTo(MIN_MOVE) <= 0) {
            errors.add(new FieldError(field, "must be above -100 (a move of -100 % or more leaves no price), not "
                    + move.toPlainString()));
            return null;
        }
        if (move.compareTo(MAX_MOVE) > 0) {
            errors.add(new FieldError(field, "must be at most 1000 (%), not " + move.toPlainString()));
            return null;
        }
        if (move.stripTrailingZeros().scale() > MAX_DECIMALS) {
            errors.add(new FieldError(field, "has more than " + MAX_DECIMALS + " decimals: " + move.toPlainString()));
            return null;
        }
        return move.stripTrailingZeros().scale() < 0 ? move.setScale(0) : move.stripTrailingZeros();
    }

    private static AssetClass assetClass(String name) {
        for (AssetClass cls : AssetClass.values()) {
            if (cls.name().equals(name)) {
                return cls;
            }
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static InvalidRequestException invalid(List<FieldError> errors) {
        return new InvalidRequestException("the shocks are not valid; nothing was evaluated", errors);
    }
}
