package io.brokerpolicy.security;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    @TempDir
    Path dir;

    @Test
    void generatedFile_logsItsPathButNoPassword_andEachPasswordSignsIn() throws Exception {
        Path file = dir.resolve("data/users.properties");
        List<String> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(UsersFileGenerator.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            assertThat(UsersFileGenerator.createIfMissing(file)).isTrue();
            assertThat(UsersFileGenerator.createIfMissing(file)).as("an existing file is left alone").isFalse();
        } finally {
            logger.removeHandler(capture);
        }
        UsersFile users = new UsersFile(file);
        assertThat(users.users()).containsOnlyKeys("evaluator", "risk-editor", "compliance");
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('='));
            String password = line.substring(line.indexOf('=') + 1, line.indexOf(','));
            assertThat(users.authenticate(name, password.toCharArray())).get()
                    .satisfies(u -> assertThat(u.roles()).containsExactly(name));
            assertThat(logged).noneMatch(message -> message.contains(password));
        }
        assertThat(logged).anyMatch(message -> message.contains(file.toAbsolutePath().toString()));
    }

    @Test
    void bcryptHashes_plainPasswords_andReloadWhenTheFileChanges() throws Exception {
        Path file = dir.resolve("users.properties");
        String hash2a = BCrypt.withDefaults().hashToString(4, "s3cret-a".toCharArray());
        String hash2y = new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToChar(4, "s3cret-y".toCharArray()));
        Files.writeString(file, "alice=" + hash2a + ",evaluator\nbob=" + hash2y + ",compliance,risk-editor\n"
                + "carol=plain-pw,compliance\nbroken=no-roles\n");
        UsersFile users = new UsersFile(file);
        assertThat(users.authenticate("alice", "s3cret-a".toCharArray())).isPresent();
        assertThat(users.authenticate("alice", "s3cret-A".toCharArray())).isEmpty();
        assertThat(users.authenticate("bob", "s3cret-y".toCharArray())).get()
                .satisfies(u -> assertThat(u.roles()).containsExactlyInAnyOrder("compliance", "risk-editor"));
        assertThat(users.authenticate("carol", "plain-pw".toCharArray())).isPresent();
        assertThat(users.authenticate("carol", "plain-p".toCharArray())).isEmpty();
        assertThat(users.authenticate("carol", hash2a.toCharArray())).isEmpty();
        assertThat(users.authenticate("broken", "no-roles".toCharArray())).as("a line without roles is skipped").isEmpty();
        assertThat(users.authenticate("nobody", "x".toCharArray())).isEmpty();
        assertThat(users.authenticate("alice", "x".repeat(200).toCharArray())).as("beyond bcrypt's 72 bytes").isEmpty();

        Files.writeString(file, "carol=new-pw,compliance\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(users.authenticate("carol", "plain-pw".toCharArray())).isEmpty();
        assertThat(users.authenticate("carol", "new-pw".toCharArray())).isPresent();
        assertThat(users.authenticate("alice", "s3cret-a".toCharArray())).isEmpty();
    }

    @Test
    void aRememberedBcryptSignIn_stillRefusesWrongPasswords_andForgetsWhenTheFileChanges() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "alice=" + BCrypt.withDefaults().hashToString(4, "first".toCharArray()) + ",evaluator\n");
        UsersFileIdentityProvider provider = new UsersFileIdentityProvider();
        provider.config = new SecurityConfig() {
            @Override
            public Path usersFile() {
                return file;
            }

            @Override
            public boolean generateUsersFile() {
                return false;
            }
        };
        provider.init();
        assertThat(provider.check("alice", "first".toCharArray())).isPresent();
        assertThat(provider.check("alice", "first".toCharArray())).as("remembered").isPresent();
        assertThat(provider.check("alice", "firsT".toCharArray())).isEmpty();
        assertThat(provider.check("bob", "first".toCharArray())).isEmpty();

        Files.writeString(file, "alice=" + BCrypt.withDefaults().hashToString(4, "second".toCharArray()) + ",evaluator\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(provider.check("alice", "first".toCharArray())).as("the old password is forgotten").isEmpty();
        assertThat(provider.check("alice", "second".toCharArray())).isPresent();
    }
}
