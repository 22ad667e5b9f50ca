package io.brokerpolicy.app;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries shipped in zonky's binaries jar, unpacked once per archive into
 * {@code java.io.tmpdir/brokerpolicy-postgres/<sha-256>}. Only the archive comes from zonky: the server is
 * initialised, configured, started and stopped by {@link EmbeddedDatabase} itself, because zonky's own
 * runner trusts every local connection, turns synchronous_commit off and gives up on a stale postmaster.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The folder that holds {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres}. */
    static Path unpacked() {
        try {
            byte[] archive;
            String digest;
            try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", System.getProperty("os.arch"))) {
                if (in == null) {
                    throw new IllegalStateException("no embedded PostgreSQL binaries for this system in the class path");
                }
                DigestInputStream digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
                archive = digesting.readAllBytes();
                digest = HexFormat.of().formatHex(digesting.getMessageDigest().digest()).substring(0, 16);
            }
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "brokerpolicy-postgres");
            Files.createDirectories(root);
            Path target = root.resolve(digest);
            if (Files.isRegularFile(target.resolve(".complete"))) {
                return target;
            }
            // Several processes (tests, replicas) may start at once: one unpacks, the others wait for it.
            try (FileChannel lockFile = FileChannel.open(root.resolve(digest + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (Files.isRegularFile(target.resolve(".complete"))) {
                    return target;
                }
                Path temporary = Files.createTempDirectory(root, digest + "-unpacking-");
                extract(archive, temporary);
                Files.createFile(temporary.resolve(".complete"));
                deleteQuietly(target);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/") || entry.getName().startsWith("./bin/")) {
                        permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                                PosixFilePermission.OTHERS_EXECUTE));
                    }
                    Files.setPosixFilePermissions(path, permissions);
                }
            }
        }
    }

    private static void deleteQuietly(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
