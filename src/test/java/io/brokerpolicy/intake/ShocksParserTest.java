package io.brokerpolicy.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.PriceShocks;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShocksParserTest {

    private static PriceShocks parse(String json) throws Exception {
        return ShocksParser.parse(Json.MAPPER.readTree(json));
    }

    private static List<FieldError> errors(String json) throws Exception {
        InvalidRequestException e = catchThrowableOfType(() -> parse(json), InvalidRequestException.class);
        assertThat(e).as("refused: " + json).isNotNull();
        return e.details();
    }

    @Test
    void symbolsAndClasses_asNumbersOrDecimalStrings() throws Exception {
        PriceShocks shocks = parse("{\"shocks\": {\"BTCUSDT\": -20, \"assetClass:FX_MAJOR\": 3, \"ETHUSDT\": \"-7.5\","
                + " \"symbol:BTC:PERP\": 1.25}}");
        assertThat(shocks.bySymbol()).containsEntry("BTCUSDT", new BigDecimal("-20")).containsEntry("ETHUSDT",
                new BigDecimal("-7.5")).containsEntry("BTC:PERP", new BigDecimal("1.25"));
        assertThat(shocks.byAssetClass()).containsEntry(AssetClass.FX_MAJOR, new BigDecimal("3"));
        assertThat(shocks.asWritten()).containsKeys("BTCUSDT", "assetClass:FX_MAJOR", "symbol:BTC:PERP");
    }

    @Test
    void everyBadShock_isNamedByItsField() throws Exception {
        List<FieldError> errors = errors("{\"shocks\": {\"foo:bar\": 1, \"assetClass:SHARES\": 2, \"BTCUSDT\": -100,"
                + " \"ETHUSDT\": \"a lot\", \"SOLUSDT\": true, \"XRPUSDT\": 2000, \"ADAUSDT\": 0.0000001}}");
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("shocks.foo:bar",
                "shocks.assetClass:SHARES", "shocks.BTCUSDT", "shocks.ETHUSDT", "shocks.SOLUSDT", "shocks.XRPUSDT",
                "shocks.ADAUSDT");
        assertThat(errors).filteredOn(e -> e.field().equals("shocks.foo:bar")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("unknown key form"));
        assertThat(errors).filteredOn(e -> e.field().equals("shocks.BTCUSDT")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("above -100"));
        assertThat(errors).filteredOn(e -> e.field().equals("shocks.ETHUSDT")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("must be a number"));
        assertThat(errors).filteredOn(e -> e.field().equals("shocks.assetClass:SHARES")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("unknown instrument class 'SHARES'"));
    }

    @Test
    void aBodyWithoutShocks_emptyShocks_orAnotherField_isRefused() throws Exception {
        assertThat(errors("{}")).extracting(FieldError::field).containsExactly("shocks");
        assertThat(errors("{\"shocks\": {}}")).extracting(FieldError::field).containsExactly("shocks");
        assertThat(errors("{\"shocks\": [1]}")).extracting(FieldError::field).containsExactly("shocks");
        assertThat(errors("{\"shocks\": {\"BTCUSDT\": -5}, \"dryRun\": true}")).extracting(FieldError::field)
                .containsExactly("dryRun");
        assertThat(errors("[]")).extracting(FieldError::field).containsExactly("$");
    }
}
