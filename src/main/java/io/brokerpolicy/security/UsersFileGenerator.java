package io.brokerpolicy.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Creates the users file at first start: one user per role, named after the role, each with a random
 * password of 32 characters (192 bits). The passwords are written in plain text so that the operator can
 * read them once; the file is created readable and writable by its owner only (0600), atomically with
 * those permissions, and the log names the file, never a password.
 */
public final class UsersFileGenerator {

    private static final Logger LOG = Logger.getLogger(UsersFileGenerator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private UsersFileGenerator() {
    }

    /** Creates the file when it does not exist; returns whether it did. */
    public static boolean createIfMissing(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content(), StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the users file " + file.toAbsolutePath(), e);
        }
        LOG.infof("created the users file %s with the users %s (one per role, random passwords; "
                + "read them there, replace them by bcrypt hashes if you like)", file.toAbsolutePath(), Roles.ALL);
        return true;
    }

    static String content() {
        StringBuilder text = new StringBuilder()
                .append("# brokerpolicy users: name=password,role[,role...]   roles: ")
                .append(String.join(", ", Roles.ALL)).append('\n')
                .append("# Generated at first start with random passwords. A password may be replaced by its bcrypt hash\n")
                .append("# ($2a$, $2b$ or $2y$, e.g. htpasswd -nbBC 12 '' 'secret' | tr -d ':\\n'). Changes apply without restart.\n");
        for (String role : Roles.ALL) {
            text.append(role).append('=').append(randomPassword()).append(',').append(role).append('\n');
        }
        return text.toString();
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
