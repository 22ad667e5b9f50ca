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
import java.nio.charset.StandardCharsets;
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
 * stays as slow as bcrypt makes it. The memory is dropped when the file changes.
 */
@ApplicationScoped
public class UsersFileIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    SecurityConfig config;

    private UsersFile users;
    private final byte[] rememberKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(UsersFile.User user, byte[] mac) {
    }

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(rememberKey);
        users = new UsersFile(config.usersFile());
    }

    void createUsersFileAtStart(@Observes StartupEvent start) {
        if (config.generateUsersFile()) {
            UsersFileGenerator.createIfMissing(config.usersFile());
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String name = request.getUsername();
            UsersFile.User user = check(name, request.getPassword().getPassword())
                    .orElseThrow(AuthenticationFailedException::new);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(name))
                    .addRoles(user.roles())
                    .build();
        });
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
