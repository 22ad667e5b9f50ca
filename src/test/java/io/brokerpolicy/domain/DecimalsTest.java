package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.DomainFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void levels_roundTo2DecimalsHalfEven() {
        assertThat(Decimals.level(d("48.205")).toPlainString()).isEqualTo("48.20");
        assertThat(Decimals.level(d("48.215")).toPlainString()).isEqualTo("48.22");
        assertThat(Decimals.level(null)).isNull();
    }

    @Test
    void money_roundsToTheCurrencysMinorUnit() {
        assertThat(Decimals.money(d("371.666666"), "USD").toPlainString()).isEqualTo("371.67");
        assertThat(Decimals.money(d("1234.5"), "JPY").toPlainString()).isEqualTo("1234");
        assertThat(Decimals.money(d("0.123456789"), "BTC").toPlainString()).isEqualTo("0.12345679");
        assertThat(Decimals.money(d("12.345"), "XYZ1").toPlainString()).isEqualTo("12.34");
    }

    @Test
    void plain_neverWritesAnExponent() {
        assertThat(Decimals.plain(d("100.00")).toPlainString()).isEqualTo("100");
        assertThat(Decimals.plain(d("100.00")).toString()).isEqualTo("100");
        assertThat(Decimals.plain(d("50.50")).toString()).isEqualTo("50.5");
    }
}
