package io.brokerpolicy.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The users of the embedded default, read from a properties file ({@code name=password,role[,role...]}).
 * The file is read again when it changes, so an operator can add a user or replace a password by a bcrypt
 * hash without restarting. Lines that cannot be used are skipped with a warning that names the user and
 * the line's problem, never the password.
 */
public final class UsersFile {

    private static final Logger LOG = Logger.getLogger(UsersFile.class);

    /** One user of the file. */
    public record User(String name, Set<String> roles, StoredPassword password) {
    }

    private final Path path;
    private volatile Snapshot current = new Snapshot(null, -1, Map.of());

    private record Snapshot(FileTime modified, long size, Map<String, User> users) {
    }

    public UsersFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The user whose password matches, or empty: unknown user and wrong password look the same. */
    public Optional<User> authenticate(String name, char[] password) {
        User user = users().get(name);
        if (user == null) {
            StoredPassword.compareWithNothing(password);
            return Optional.empty();
        }
        return user.password().matches(password) ? Optional.of(user) : Optional.empty();
    }

    public Map<String, User> users() {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Snapshot seen = current;
            if (!modified.equals(seen.modified()) || size != seen.size()) {
                current = new Snapshot(modified, size, read(path));
            }
        } catch (NoSuchFileException e) {
            if (!current.users().isEmpty()) {
                LOG.warnf("the users file %s is gone: no user can sign in with a password", path.toAbsolutePath());
            }
            current = new Snapshot(null, -1, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the users file " + path.toAbsolutePath(), e);
        }
        return current.users();
    }

    static Map<String, User> read(Path path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, User> users = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            List<String> parts = Arrays.stream(properties.getProperty(name).split(",", -1)).map(String::trim).toList();
            String password = parts.get(0);
            Set<String> roles = new LinkedHashSet<>(parts.subList(1, parts.size()));
            roles.remove("");
            if (password.isEmpty() || roles.isEmpty()) {
                LOG.warnf("users file %s: user '%s' skipped, the line must be name=password,role[,role...]",
                        path.toAbsolutePath(), name);
                continue;
            }
            List<String> unknown = new ArrayList<>(roles);
            unknown.removeAll(Roles.ALL);
            if (!unknown.isEmpty()) {
                LOG.warnf("users file %s: user '%s' has roles %s that no endpoint knows (known: %s)",
                        path.toAbsolutePath(), name, unknown, Roles.ALL);
            }
            users.put(name, new User(name, Set.copyOf(roles), new StoredPassword(password)));
        }
        return Map.copyOf(users);
    }
}
