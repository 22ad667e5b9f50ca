package io.brokerpolicy.audit;

import io.brokerpolicy.config.MaskingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How account identifiers leave the service in exports ({@code brokerpolicy.export.mask-account-ids}).
 * With a key ({@code brokerpolicy.export.mask-key}) an id becomes a pseudonym, {@code acct-} and 16 hex
 * characters of HMAC-SHA256(key, id): the same account always gets the same pseudonym, so an export can
 * still be grouped and joined by account, and nobody without the key can tell which account it is (an
 * id list cannot be hashed and compared). Without a key the id is cut to its last four characters behind
 * asterisks ({@code ****1042}), enough for a person to recognise an account they already know.
 */
// Unremovable: the export calls it; until then nothing injects it, and its config keys must still map.
@io.quarkus.arc.Unremovable
@ApplicationScoped
public class AccountIdMasker {

    private static final int VISIBLE = 4;

    private final boolean enabled;
    private final byte[] key;

    @jakarta.inject.Inject
    public AccountIdMasker(MaskingConfig config) {
        this(config.maskAccountIds(), config.maskKey());
    }

    public AccountIdMasker(boolean enabled, Optional<String> key) {
        this.enabled = enabled;
        this.key = key.filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The id as an export may show it: unchanged when masking is off. */
    public String mask(String accountId) {
        if (!enabled || accountId == null) {
            return accountId;
        }
        return key != null ? pseudonym(accountId) : lastCharacters(accountId);
    }

    private String pseudonym(String accountId) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] mac = hmac.doFinal(accountId.getBytes(StandardCharsets.UTF_8));
            return "acct-" + HexFormat.of().formatHex(mac, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    private static String lastCharacters(String accountId) {
        // Short ids would be shown nearly whole; show at most half of them.
        int visible = Math.min(VISIBLE, accountId.length() / 2);
        return "****" + accountId.substring(accountId.length() - visible);
    }
}
