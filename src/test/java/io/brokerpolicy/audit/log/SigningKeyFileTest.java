package io.brokerpolicy.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key lives in a file of its own, created once with owner-only permissions. */
class SigningKeyFileTest {

    @TempDir
    Path folder;

    @Test
    void theFirstUse_createsAKeyReadableByTheOwnerOnly_andLaterUsesReadTheSameKey() throws Exception {
        Path file = folder.resolve("keys/checkpoint-signing.key");
        SigningKeyFile.Loaded created = SigningKeyFile.loadOrCreate(file);
        assertThat(created.created()).isTrue();
        assertThat(created.permissionWarning()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.list(file.getParent())).containsExactly(file);

        SigningKeyFile.Loaded again = SigningKeyFile.loadOrCreate(file);
        assertThat(again.created()).isFalse();
        assertThat(again.keys().getPublic().getEncoded()).isEqualTo(created.keys().getPublic().getEncoded());
        byte[] message = "checkpoint".getBytes();
        assertThat(Ed25519Keys.verify(created.keys().getPublic(), message,
                Ed25519Keys.sign(again.keys().getPrivate(), message))).isTrue();
    }

    @Test
    void aKeyFileOthersMayRead_isUsedWithAWarningNamingTheFile() throws Exception {
        Path file = folder.resolve("signing.key");
        SigningKeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SigningKeyFile.Loaded loaded = SigningKeyFile.loadOrCreate(file);
        assertThat(loaded.permissionWarning()).hasValueSatisfying(w -> assertThat(w).contains(file.toString(), "0600"));
    }

    @Test
    void anOpensslEd25519Key_isRead() throws Exception {
        // The example key of RFC 8410 §10.3, in the shape openssl genpkey -algorithm ed25519 writes.
        Path file = folder.resolve("openssl.key");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n");
        var keys = SigningKeyFile.read(file);
        // RFC 8410 §10.1 gives the public key of this private key (§10.3).
        assertThat(java.util.HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(keys.getPublic())))
                .isEqualTo("19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1");
        byte[] message = "m".getBytes();
        assertThat(Ed25519Keys.verify(keys.getPublic(), message, Ed25519Keys.sign(keys.getPrivate(), message))).isTrue();
    }
}
