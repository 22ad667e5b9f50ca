package io.brokerpolicy.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.util.ClassUtil;
import io.brokerpolicy.domain.AccountSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads snapshot requests straight from the request text into {@link AccountSnapshot}s, token by token, with
 * no JSON tree in between; while reading it writes each snapshot's canonical JSON (the text that is stored
 * and hashed), the same text the service wrote from a tree before, so a snapshot sent again still matches
 * the hash stored for it. The checks and their field errors are {@link SnapshotParser}'s, and every
 * refusal is the one the tree reading gave: unreadable JSON, a body that is not an object or array, an
 * empty or oversized batch, then the field errors.
 */
public final class SnapshotReader {

    /** A snapshot read from a request, with its canonical JSON text. */
    public record Read(AccountSnapshot snapshot, String json) {
    }

    /** The largest scale, either sign, that the JSON writer puts out as a plain number. */
    private static final int PLAIN_SCALE_LIMIT = 9_999;

    private final SnapshotParser parser;
    private final int maxBatch;

    public SnapshotReader(SnapshotParser parser, int maxBatch) {
        this.parser = parser;
        this.maxBatch = maxBatch;
    }

    /** One snapshot, the whole body. */
    public Read readOne(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request has no body", List.of(new FieldError("$", "send a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        Read read;
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            read = readSnapshot(p, "", errors);
            refuseTrailingTokens(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(SnapshotParser.SINGLE_INVALID, errors);
        }
        return read;
    }

    /** A batch: a JSON array of snapshots, or NDJSON (one snapshot a line). */
    public List<Read> readBatch(String body, boolean ndjson) throws JsonProcessingException {
        List<FieldError> errors = new ArrayList<>();
        List<Read> reads = ndjson ? readLines(body, errors) : readArray(body, errors);
        if (reads.isEmpty()) {
            throw new InvalidRequestException("the batch is empty", List.of(new FieldError("$", "send at least one snapshot")));
        }
        if (reads.size() > maxBatch) {
            throw new InvalidRequestException("the batch is too large", List.of(new FieldError("$",
                    "has " + reads.size() + " snapshots; at most " + maxBatch + " are accepted in one batch")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(SnapshotParser.BATCH_INVALID, errors);
        }
        return reads;
    }

    private List<Read> readArray(String body, List<FieldError> errors) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request has no body", List.of(new FieldError("$", "send a JSON object")));
        }
        List<Read> reads = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                skip(p);
                refuseTrailingTokens(p);
                throw new InvalidRequestException("a batch must be a JSON array of snapshots",
                        List.of(new FieldError("$", "must be a JSON array")));
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                reads.add(readSnapshotAtToken(p, "[" + reads.size() + "]", errors));
            }
            refuseTrailingTokens(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reads;
    }

    private List<Read> readLines(String body, List<FieldError> errors) {
        List<Read> reads = new ArrayList<>();
        if (body == null) {
            return reads;
        }
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            try (JsonParser p = Json.MAPPER.createParser(line)) {
                Read read = readSnapshot(p, "[" + reads.size() + "]", errors);
                refuseTrailingTokens(p);
                reads.add(read);
            } catch (JsonProcessingException e) {
                throw new InvalidRequestException("line " + (i + 1) + " of the NDJSON body is not valid JSON",
                        List.of(new FieldError("[" + reads.size() + "]", e.getOriginalMessage())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reads;
    }

    private Read readSnapshot(JsonParser p, String prefix, List<FieldError> errors) throws IOException {
        p.nextToken();
        return readSnapshotAtToken(p, prefix, errors);
    }

    /** Reads the snapshot at the parser's current token and checks it; null (and its errors noted) when not valid. */
    private Read readSnapshotAtToken(JsonParser p, String prefix, List<FieldError> errors) throws IOException {
        StringWriter canonical = new StringWriter(1024);
        JsonValue value;
        try (JsonGenerator g = Json.MAPPER.createGenerator(canonical)) {
            value = p.currentToken() == JsonToken.START_OBJECT ? snapshotObject(p, g) : skipped(p);
        }
        int before = errors.size();
        AccountSnapshot snapshot = parser.read(value, prefix, errors);
        return errors.size() > before || snapshot == null ? null : new Read(snapshot, canonical.toString());
    }

    private static JsonValue snapshotObject(JsonParser p, JsonGenerator g) throws IOException {
        JsonFields fields = new JsonFields();
        g.writeStartObject();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            if (!SnapshotParser.isSnapshotField(name)) {
                skip(p);
                fields.put(name, null);
                continue;
            }
            g.writeFieldName(name);
            if (token == JsonToken.START_ARRAY && name.equals("positions")) {
                fields.put(name, positions(p, g));
            } else {
                fields.put(name, scalar(p, g));
            }
        }
        g.writeEndObject();
        return JsonValue.object(fields);
    }

    private static JsonValue positions(JsonParser p, JsonGenerator g) throws IOException {
        List<JsonValue> items = new ArrayList<>();
        g.writeStartArray();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(p.currentToken() == JsonToken.START_OBJECT ? positionObject(p, g) : scalar(p, g));
        }
        g.writeEndArray();
        return JsonValue.array(items);
    }

    private static JsonValue positionObject(JsonParser p, JsonGenerator g) throws IOException {
        return flatObject(p, g, SnapshotParser::isPositionField);
    }

    private static JsonValue flatObject(JsonParser p, JsonGenerator g, Predicate<String> known) throws IOException {
        JsonFields fields = new JsonFields();
        g.writeStartObject();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            if (!known.test(name)) {
                skip(p);
                fields.put(name, null);
                continue;
            }
            g.writeFieldName(name);
            fields.put(name, scalar(p, g));
        }
        g.writeEndObject();
        return JsonValue.object(fields);
    }

    /**
     * A value where the validator wants a string, a number or null, written to the canonical text as the tree
     * wrote it (integers as integers, other numbers as their exact decimal). An object or list here is an error
     * whatever it holds, so it is skipped, and the canonical text of that snapshot is never used.
     */
    private static JsonValue scalar(JsonParser p, JsonGenerator g) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING -> {
                String text = p.getText();
                g.writeString(text);
                return JsonValue.string(text);
            }
            case VALUE_NUMBER_INT -> {
                switch (p.getNumberType()) {
                    case INT -> g.writeNumber(p.getIntValue());
                    case LONG -> g.writeNumber(p.getLongValue());
                    default -> g.writeNumber(p.getBigIntegerValue());
                }
                return JsonValue.number(p.getDecimalValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                BigDecimal decimal = p.getDecimalValue();
                if (Math.abs(decimal.scale()) <= PLAIN_SCALE_LIMIT) {
                    g.writeNumber(decimal);
                } else {
                    // Beyond what can be written out plain (1e999999999): refused as out of range by the checks,
                    // or a zero of absurd exponent, which is kept in its exponent form.
                    g.writeNumber(decimal.toString());
                }
                return JsonValue.number(decimal);
            }
            case VALUE_NULL -> {
                g.writeNull();
                return JsonValue.NULL;
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                g.writeBoolean(p.getBooleanValue());
                return JsonValue.OTHER;
            }
            default -> {
                // Keeps the canonical text well-formed; a snapshot with an object or list here is refused anyway.
                g.writeNull();
                return skipped(p);
            }
        }
    }

    /** A value the validator refuses whole: what kind it was is all it needs. */
    private static JsonValue skipped(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        skip(p);
        if (token == JsonToken.START_OBJECT) {
            return JsonValue.SOME_OBJECT;
        }
        if (token == JsonToken.START_ARRAY) {
            return JsonValue.SOME_ARRAY;
        }
        if (token == JsonToken.VALUE_NULL) {
            return JsonValue.NULL;
        }
        if (token == JsonToken.VALUE_STRING) {
            return JsonValue.string(p.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return JsonValue.number(p.getDecimalValue());
        }
        return JsonValue.OTHER;
    }

    /**
     * Skips the value at the current token, moving through it as the tree reading did (field names of an
     * object by {@code nextFieldName}, everything else by {@code nextToken}), so that damaged JSON inside
     * what is skipped is refused with the very message the tree reading gave.
     */
    private static void skip(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                p.nextToken();
                skip(p);
            }
        } else if (token == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                skip(p);
            }
        }
    }

    /** As the tree reading refused it: one JSON value a body (or NDJSON line), nothing after it. */
    private static void refuseTrailingTokens(JsonParser p) throws IOException {
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw MismatchedInputException.from(p, JsonNode.class, String.format(
                    "Trailing token (of type %s) found after value (bound as %s): not allowed as per"
                            + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
                    trailing, ClassUtil.nameOf(JsonNode.class)));
        }
    }
}
