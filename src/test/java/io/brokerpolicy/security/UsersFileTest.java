package io.brokerpolicy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(users.users()).containsOnlyKeys("evaluator", "risk-editor", "compliance", "metrics");
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
        Files.writeString(file, "alice=" + hash2a + ",evaluator\nbob=" + hash2y + ",compliance, risk-editor\n"
                + "carol=plain-pw,compliance\n");
        UsersFile users = new UsersFile(file);
        assertThat(users.authenticate("alice", "s3cret-a".toCharArray())).isPresent();
        assertThat(users.authenticate("alice", "s3cret-A".toCharArray())).isEmpty();
        assertThat(users.authenticate("bob", "s3cret-y".toCharArray())).get()
                .satisfies(u -> assertThat(u.roles()).containsExactlyInAnyOrder("compliance", "risk-editor"));
        assertThat(users.authenticate("carol", "plain-pw".toCharArray())).isPresent();
        assertThat(users.authenticate("carol", "plain-p".toCharArray())).isEmpty();
        assertThat(users.authenticate("carol", hash2a.toCharArray())).isEmpty();
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            john smith=pw,evaluator       | the user name 'john smith' is not
            ops:team=pw,evaluator         | the user name 'ops:team' is not
            alice=pa\\ss,evaluator      | a backslash
            alice=pw\\                  | a backslash
            alice                         | no '='
            =pw,evaluator                 | the user name '' is not
            alice=,evaluator              | user 'alice' has no password
            alice=pw                      | user 'alice' has no role
            alice=pw,                     | user 'alice' has an empty role
            alice=pw,evaluator,,          | user 'alice' has an empty role
            alice=p w,evaluator           | the password of user 'alice' contains white space
            alice=pw,evaluatr             | user 'alice' has roles [evaluatr] that no endpoint knows
            """)
    void aMalformedLine_isAnErrorNamingItsLineNumber_neverThePassword(String line, String why) throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "# users\n\nbob=bobs-password,compliance\n" + line + "\n");
        assertThatThrownBy(() -> new UsersFile(file).readNow())
                .isInstanceOf(UsersFile.MalformedUsersFileException.class)
                .hasMessageStartingWith("users file " + file.toAbsolutePath() + ", line 4: ")
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa\\ss").doesNotContain("bobs-password"));
    }

    @Test
    void aUserTwice_isAnError() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "alice=one,evaluator\nalice=two,compliance\n");
        assertThatThrownBy(() -> new UsersFile(file).readNow())
                .hasMessageContaining("line 2: user 'alice' appears a second time");
    }

    @Test
    void aRunningServiceKeepsItsUsers_whenTheFileIsBrokenByAnEdit() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "alice=one,evaluator\n");
        UsersFile users = new UsersFile(file);
        users.readNow();
        Files.writeString(file, "alice=one,evaluator\njohn smith=x,evaluator\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(users.authenticate("alice", "one".toCharArray())).isPresent();
        assertThat(users.users()).containsOnlyKeys("alice");
    }

    @Test
    void unknownUsers_areCheckedAgainstABcryptHashOfTheFilesHighestCost() throws Exception {
        StoredPassword plainOnly = StoredPassword.unknownUser(java.util.List.of(new StoredPassword("plain")));
        assertThat(plainOnly.isBcrypt()).isTrue();
        StoredPassword mixed = StoredPassword.unknownUser(java.util.List.of(new StoredPassword("plain"),
                new StoredPassword(BCrypt.withDefaults().hashToString(4, "a".toCharArray())),
                new StoredPassword(BCrypt.withDefaults().hashToString(6, "b".toCharArray()))));
        assertThat(mixed.cost()).isEqualTo(6);
        assertThat(plainOnly.cost()).isEqualTo(10);
    }
}
