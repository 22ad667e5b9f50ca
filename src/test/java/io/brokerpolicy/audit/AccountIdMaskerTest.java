package io.brokerpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountIdMaskerTest {

    @Test
    void withoutAKey_onlyTheLastFourCharactersShow() {
        AccountIdMasker masker = new AccountIdMasker(true, Optional.empty());
        assertThat(masker.mask("A-1042")).isEqualTo("****042");
        assertThat(masker.mask("ACC-000123456")).isEqualTo("****3456");
        assertThat(masker.mask("AB")).as("short ids show at most half").isEqualTo("****B");
        assertThat(masker.mask("X")).isEqualTo("****");
    }

    @Test
    void withAKey_anIdBecomesAStablePseudonymThatDependsOnTheKey() {
        AccountIdMasker masker = new AccountIdMasker(true, Optional.of("export-key-1"));
        String pseudonym = masker.mask("A-1042");
        assertThat(pseudonym).matches("acct-[0-9a-f]{16}").doesNotContain("1042");
        assertThat(masker.mask("A-1042")).isEqualTo(pseudonym);
        assertThat(masker.mask("A-1043")).isNotEqualTo(pseudonym);
        assertThat(new AccountIdMasker(true, Optional.of("export-key-2")).mask("A-1042")).isNotEqualTo(pseudonym);
    }

    @Test
    void switchedOff_idsPassUnchanged() {
        assertThat(new AccountIdMasker(false, Optional.of("k")).mask("A-1042")).isEqualTo("A-1042");
        assertThat(new AccountIdMasker(true, Optional.empty()).mask(null)).isNull();
    }
}
