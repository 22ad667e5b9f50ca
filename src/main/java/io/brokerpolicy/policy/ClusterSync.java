package io.brokerpolicy.policy;

import io.brokerpolicy.config.BrokerPolicyConfig;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps replicas on one PostgreSQL serving the same version. An activation commits a NOTIFY on
 * {@link PolicyVersionStore#CHANGES_CHANNEL}; every instance LISTENs on a dedicated connection of its own
 * (not one of the pool's) and, on a notification, reads the active version from the database and swaps
 * to it. Notifications sent while the connection was down are lost, so every (re)connect starts with a
 * full resync, and a periodic resync, which also proves the listening connection alive, is the safety net.
 */
@ApplicationScoped
public class ClusterSync {

    private static final Logger LOG = Logger.getLogger(ClusterSync.class);
    private static final int POLL_MILLIS = 250;

    @Inject
    BrokerPolicyConfig config;
    @Inject
    PolicyLifecycle lifecycle;

    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    void onStart(@Observes @Priority(300) StartupEvent event) {
        if (!config.cluster().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "policy-cluster-sync");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        closeQuietly(connection);
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + PolicyVersionStore.CHANGES_CHANNEL);
                }
                resync("listening (re)connected");
                backoff = 500;
                listen(listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("policy change listener lost its database connection (%s); reconnecting in %d ms",
                        e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void listen(Connection listening) throws SQLException {
        PGConnection pg = listening.unwrap(PGConnection.class);
        long interval = Math.max(config.cluster().resyncIntervalMillis(), 1_000);
        long nextResync = System.nanoTime() + interval * 1_000_000;
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                resync("announced by a replica: version " + notifications[notifications.length - 1].getParameter());
            }
            if (System.nanoTime() - nextResync > 0) {
                try (Statement ping = listening.createStatement()) {
                    ping.execute("select 1"); // a dead listening connection surfaces here, then reconnects
                }
                resync("periodic resync");
                nextResync = System.nanoTime() + interval * 1_000_000;
            }
        }
    }

    private void resync(String why) {
        try {
            lifecycle.syncToDatabase(why);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not resync the active policy version (%s); will retry", why);
        }
    }

    private static Connection connect() throws SQLException {
        var cfg = ConfigProvider.getConfig();
        String url = cfg.getValue("quarkus.datasource.jdbc.url", String.class);
        Properties props = new Properties();
        cfg.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> props.setProperty("user", u));
        cfg.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "brokerpolicy-policy-listener");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, props);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("closing the listening connection: %s", e.getMessage());
            }
        }
    }
}
