package io.brokerpolicy.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The generated passwords of the embedded server's three roles, kept beside its data in a properties file
 * created with mode 0600 (written to a temporary file of that mode, then moved in place, so it is never
 * readable by others, not even for a moment).
 */
final class DatabaseCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedDatabase.Credentials superuser;
    private final EmbeddedDatabase.Credentials owner;
    private final EmbeddedDatabase.Credentials service;
    private final boolean createdNow;

    private DatabaseCredentials(Properties p, boolean createdNow) {
        this.superuser = new EmbeddedDatabase.Credentials(EmbeddedDatabase.SUPERUSER, p.getProperty("superuser.password"));
        this.owner = new EmbeddedDatabase.Credentials(EmbeddedDatabase.OWNER, p.getProperty("owner.password"));
        this.service = new EmbeddedDatabase.Credentials(EmbeddedDatabase.SERVICE_ROLE, p.getProperty("service.password"));
        this.createdNow = createdNow;
    }

    static DatabaseCredentials loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(reader);
                }
                for (String key : new String[] {"superuser.password", "owner.password", "service.password"}) {
                    if (p.getProperty(key, "").isBlank()) {
                        throw new DatabaseStartException("the database credentials file " + file + " lacks " + key
                                + "; restore it from a backup (the server's passwords are in it)");
                    }
                }
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                return new DatabaseCredentials(p, false);
            }
            Properties p = new Properties();
            p.setProperty("superuser", EmbeddedDatabase.SUPERUSER);
            p.setProperty("superuser.password", randomPassword());
            p.setProperty("owner", EmbeddedDatabase.OWNER);
            p.setProperty("owner.password", randomPassword());
            p.setProperty("service", EmbeddedDatabase.SERVICE_ROLE);
            p.setProperty("service.password", randomPassword());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                p.store(writer, "Passwords of the embedded PostgreSQL (generated at its first start). superuser: for an"
                        + " operator only; owner: owns the tables, runs the migrations; service: the role the service"
                        + " connects as (read and add audit rows only).");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return new DatabaseCredentials(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the database credentials file " + file, e);
        }
    }

    EmbeddedDatabase.Credentials superuser() {
        return superuser;
    }

    EmbeddedDatabase.Credentials owner() {
        return owner;
    }

    EmbeddedDatabase.Credentials service() {
        return service;
    }

    boolean createdNow() {
        return createdNow;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
