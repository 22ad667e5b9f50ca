package io.brokerpolicy.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.testsupport.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Repeated failed sign-ins are answered 429 with Retry-After, without a password check, per user name; an
 * address that has signed in as that user before is not held back by failures from another address. The
 * "other address" is a second loopback address (127.0.0.2) as the client's source.
 */
@QuarkusTest
class SignInBackoffTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void afterFiveFailuresForOneName_itsAttemptsWait_429WithRetryAfter() throws Exception {
        String name = "no-such-user-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(get("127.0.0.1", name, "guess-" + i).status()).as("failure " + (i + 1)).isEqualTo(401);
        }
        Answer held = get("127.0.0.1", name, "guess-6");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(held.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(held.body()).contains("\"error\":\"too many failed sign-ins");
    }

    @Test
    void guessingAUsersPasswordFromElsewhere_doesNotLockOutTheAddressItSignsInFrom() throws Exception {
        assertThat(get("127.0.0.1", Api.COMPLIANCE, Api.PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(get("127.0.0.2", Api.COMPLIANCE, "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(get("127.0.0.2", Api.COMPLIANCE, "guess-6").status()).isEqualTo(429);
        assertThat(get("127.0.0.2", Api.COMPLIANCE, Api.PASSWORD).status())
                .as("the guesser's address waits even with the right password").isEqualTo(429);
        assertThat(get("127.0.0.1", Api.COMPLIANCE, Api.PASSWORD).status())
                .as("the address that signed in before").isEqualTo(200);
    }

    private record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    /** A GET of /api/v1/audit/verify with Basic credentials, sent from the given loopback address. */
    private Answer get(String from, String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), base.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/audit/verify HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String head = split < 0 ? answer : answer.substring(0, split);
            String body = split < 0 ? "" : answer.substring(split + 4);
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }
}
