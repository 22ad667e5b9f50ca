package io.brokerpolicy.audit.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The checkpoint signing key, kept in a file and never in the database: whoever can rewrite the database
 * must not be able to sign a checkpoint over the rewritten rows. The file is PEM PKCS#8 ("PRIVATE KEY", as
 * {@code openssl genpkey -algorithm ed25519} writes it), created at first use with permissions 0600.
 */
public final class SigningKeyFile {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    /** The key, whether this call created the file, and what is wrong with the file's permissions, if anything. */
    public record Loaded(KeyPair keys, boolean created, Optional<String> permissionWarning) {
    }

    private SigningKeyFile() {
    }

    /** Reads the key, or creates it (0600, written whole or not at all) when the file does not exist yet. */
    public static Loaded loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new Loaded(read(file), false, permissionWarning(file));
            }
            KeyPair keys = Ed25519Keys.generate();
            if (!write(file, keys.getPrivate())) {
                // Another process created it meanwhile: its key wins, so both sign with one key.
                return new Loaded(read(file), false, permissionWarning(file));
            }
            return new Loaded(keys, true, permissionWarning(file));
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint signing key " + file.toAbsolutePath() + " could not be read or created: "
                    + e.getMessage(), e);
        }
    }

    public static KeyPair read(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII).trim();
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(file + " is not a PEM private key (" + BEGIN + ")");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        PrivateKey privateKey = Ed25519Keys.privateKeyFromPkcs8(der);
        return new KeyPair(Ed25519Keys.publicKeyOf(privateKey), privateKey);
    }

    private static boolean write(Path file, PrivateKey key) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = folder.resolve(file.getFileName() + ".new-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        if (posix(folder)) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n" + END + "\n";
        Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
        try {
            // A link, unlike a move, fails when the target exists: two replicas starting together keep one key.
            Files.createLink(file, temporary);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException linkNotSupported) {
            if (Files.exists(file)) {
                return false;
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A warning when others than the owner may read or write the key file (a mounted secret often is 0644). */
    static Optional<String> permissionWarning(Path file) throws IOException {
        if (!posix(file)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> beyondOwner = EnumSet.copyOf(permissions);
        beyondOwner.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (beyondOwner.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the checkpoint signing key " + file.toAbsolutePath() + " is readable or writable by others ("
                + PosixFilePermissions.toString(permissions) + "); make it 0600 and readable by the service alone");
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
