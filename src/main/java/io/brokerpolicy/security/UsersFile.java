package io.brokerpolicy.security;

import io.brokerpolicy.config.StartRefused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The users of the embedded default, one a line: {@code name=password,role[,role...]}. The file is read
 * literally and strictly: a line that is not exactly that (a name with a space or a colon, a backslash, an
 * empty password, an unknown role, a user twice) is an error naming the file and the line number, never the
 * password. At start such a file stops the service; a change to a running service's file that is malformed
 * is refused with the same error in the log, and the users read before stay in force. The file is read
 * again when it changes, so an operator can add a user or replace a password by a bcrypt hash without a
 * restart.
 */
public final class UsersFile {

    private static final Logger LOG = Logger.getLogger(UsersFile.class);
    /** HTTP Basic cannot carry a colon in a user name; spaces and the like would only hide typos. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** One user of the file. */
    public record User(String name, Set<String> roles, StoredPassword password) {
    }

    /** A users file that cannot be read as it stands; the message names the file and the line. */
    public static final class MalformedUsersFileException extends StartRefused {
        MalformedUsersFileException(String message) {
            super(message);
        }
    }

    private final Path path;
    private volatile Snapshot current = new Snapshot(null, -1, Map.of(), StoredPassword.unknownUser(List.of()));

    private record Snapshot(FileTime modified, long size, Map<String, User> users, StoredPassword unknownUser) {
    }

    public UsersFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * The user whose password matches, or empty. An unknown user, and a wrong password of a user with a
     * plain password, are checked against a bcrypt hash of the file's highest cost, so that neither answers
     * sooner than a wrong bcrypt password would: the time taken does not tell which user names exist.
     */
    public Optional<User> authenticate(String name, char[] password) {
        Snapshot snapshot = snapshot();
        User user = snapshot.users().get(name);
        if (user == null) {
            snapshot.unknownUser().matches(password);
            return Optional.empty();
        }
        if (user.password().matches(password)) {
            return Optional.of(user);
        }
        if (!user.password().isBcrypt()) {
            snapshot.unknownUser().matches(password);
        }
        return Optional.empty();
    }

    public Map<String, User> users() {
        return snapshot().users();
    }

    /** Reads the file now, failing on a malformed one: the check at start. */
    public Map<String, User> readNow() {
        try {
            Map<String, User> users = read(path);
            current = new Snapshot(Files.getLastModifiedTime(path), Files.size(path), users, unknownUserOf(users));
            return users;
        } catch (NoSuchFileException e) {
            current = new Snapshot(null, -1, Map.of(), StoredPassword.unknownUser(List.of()));
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the users file " + path.toAbsolutePath(), e);
        }
    }

    private Snapshot snapshot() {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Snapshot seen = current;
            if (!modified.equals(seen.modified()) || size != seen.size()) {
                try {
                    Map<String, User> users = read(path);
                    current = new Snapshot(modified, size, users, unknownUserOf(users));
                } catch (MalformedUsersFileException e) {
                    LOG.errorf("%s; the users read before stay in force until the file is fixed", e.getMessage());
                    current = new Snapshot(modified, size, seen.users(), seen.unknownUser());
                }
            }
        } catch (NoSuchFileException e) {
            if (!current.users().isEmpty()) {
                LOG.warnf("the users file %s is gone: no user can sign in with a password", path.toAbsolutePath());
            }
            current = new Snapshot(null, -1, Map.of(), current.unknownUser());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the users file " + path.toAbsolutePath(), e);
        }
        return current;
    }

    private static StoredPassword unknownUserOf(Map<String, User> users) {
        return StoredPassword.unknownUser(users.values().stream().map(User::password).toList());
    }

    static Map<String, User> read(Path path) throws IOException {
        return parse(path.toAbsolutePath().toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    static Map<String, User> parse(String file, List<String> lines) {
        Map<String, User> users = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            User user = parseLine(line, message -> new MalformedUsersFileException(
                    "users file " + file + ", line " + number + ": " + message
                            + " (each line: name=password,role[,role...]; roles: " + String.join(", ", Roles.ALL) + ")"));
            if (users.put(user.name(), user) != null) {
                throw new MalformedUsersFileException("users file " + file + ", line " + number + ": user '" + user.name()
                        + "' appears a second time");
            }
        }
        return Map.copyOf(users);
    }

    private static User parseLine(String line, java.util.function.Function<String, MalformedUsersFileException> error) {
        if (line.indexOf('\\') >= 0) {
            throw error.apply("a backslash; the file is read literally, without escapes");
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw error.apply("no '=' between the user name and the password");
        }
        String name = line.substring(0, equals);
        if (!NAME.matcher(name).matches()) {
            throw error.apply("the user name '" + printable(name) + "' is not 1 to 64 letters, digits, '.', '_', '@'"
                    + " or '-' (no spaces, no ':')");
        }
        String[] parts = line.substring(equals + 1).split(",", -1);
        String password = parts[0];
        if (password.isEmpty()) {
            throw error.apply("user '" + name + "' has no password");
        }
        if (!password.equals(password.strip()) || password.chars().anyMatch(Character::isWhitespace)) {
            throw error.apply("the password of user '" + name + "' contains white space");
        }
        if (parts.length < 2) {
            throw error.apply("user '" + name + "' has no role");
        }
        Set<String> roles = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (int r = 1; r < parts.length; r++) {
            String role = parts[r].strip();
            if (role.isEmpty()) {
                throw error.apply("user '" + name + "' has an empty role");
            }
            if (!Roles.ALL.contains(role)) {
                unknown.add(role);
            }
            roles.add(role);
        }
        if (!unknown.isEmpty()) {
            throw error.apply("user '" + name + "' has roles " + unknown + " that no endpoint knows");
        }
        return new User(name, Set.copyOf(roles), new StoredPassword(password));
    }

    private static String printable(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
