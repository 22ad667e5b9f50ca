package io.brokerpolicy.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.brokerpolicy.api.dto.PolicyFiles;
import io.brokerpolicy.intake.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How request bodies read into DTOs are read: the service's JSON limits (number length, nesting), decimals exact,
 * except that a
 * string may be as long as a policy file may be (a file refused by the JSON reader would be refused without its file
 * and line), and no scalar coerced into another type (a number is not a file's content). Unknown members are refused
 * (quarkus.jackson.fail-on-unknown-properties).
 */
@Singleton
public class RequestReading implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(Json.MAX_NUMBER_LENGTH)
                .maxNestingDepth(Json.MAX_NESTING_DEPTH)
                .maxStringLength(PolicyFiles.MAX_FILE_CHARS + 1)
                .build());
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // a stress move read as JSON keeps its decimal digits as written (no binary floating point on the way)
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        for (CoercionInputShape scalar : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
            CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
    }
}
