package io.brokerpolicy.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic sign-in against the users file. A bcrypt check costs tens of milliseconds by design, too
 * much for every evaluation a trading system posts, so a successful check is remembered as an HMAC of the
 * password under a key that lives only in this process; the next request with the same password is
 * compared against that in constant time. A wrong password always pays the full bcrypt check, so guessing
 * stays as slow as bcrypt makes it, and an unknown user pays the same (see {@link UsersFile#authenticate}).
 * The memory is dropped when the file changes. Repeated failures are throttled per user and per address
 * ({@link SignInThrottle}): answered 429 with Retry-After, without a password check.
 */
@ApplicationScoped
public class UsersFileIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    SecurityConfig config;

    @Inject
    SignInConfig signIn;

    private SignInThrottle throttle;

    private UsersFile users;
    private final byte[] rememberKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(UsersFile.User user, byte[] mac) {
    }

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(rememberKey);
        users = new UsersFile(config.usersFile());
        throttle = signIn == null ? new SignInThrottle(5, 20, Duration.ofMinutes(5), Clock.systemUTC())
                : new SignInThrottle(signIn.failuresPerUser(), signIn.failuresPerAddress(), signIn.maxBackoff(), Clock.systemUTC());
    }

    /** Creates the file when missing, then reads it: a malformed file stops the start with its line number. */
    void readUsersFileAtStart(@Observes StartupEvent start) {
        if (config.generateUsersFile()) {
            UsersFileGenerator.createIfMissing(config.usersFile());
        }
        users.readNow();
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String address = clientAddress(request);
        return context.runBlocking(() -> {
            String name = request.getUsername();
            Optional<Duration> wait = throttle.waitBefore(name, address);
            if (wait.isPresent()) {
                throw new AuthenticationFailedException(new SignInThrottledException(wait.get()));
            }
            Optional<UsersFile.User> checked = check(name, request.getPassword().getPassword());
            if (checked.isEmpty()) {
                throttle.failed(name, address);
                throw new AuthenticationFailedException();
            }
            throttle.succeeded(name, address);
            UsersFile.User user = checked.get();
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(name))
                    .addRoles(user.roles())
                    .build();
        });
    }

    private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing == null || routing.request().remoteAddress() == null) {
            return "unknown";
        }
        return routing.request().remoteAddress().hostAddress();
    }

    Optional<UsersFile.User> check(String name, char[] password) {
        Map<String, UsersFile.User> current = users.users();
        UsersFile.User user = current.get(name);
        byte[] mac = mac(password);
        Remembered seen = remembered.get(name);
        if (user != null && seen != null && seen.user() == user && MessageDigest.isEqual(seen.mac(), mac)) {
            return Optional.of(user);
        }
        // Anything else pays the full price, so guessing is as slow as bcrypt makes it.
        Optional<UsersFile.User> checked = users.authenticate(name, password);
        checked.filter(u -> u.password().isBcrypt()).ifPresent(u -> remembered.put(name, new Remembered(u, mac)));
        return checked;
    }

    private byte[] mac(char[] password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(rememberKey, "HmacSHA256"));
            return hmac.doFinal(new String(password).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }
}
