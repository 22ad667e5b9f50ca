package io.brokerpolicy.policy;

import io.brokerpolicy.config.BrokerPolicyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Hot reload: watches rules-dir and policies-dir, with every folder under them (regulators, scenarios,
 * folders created later), and reloads the bundle once a burst of changes has settled. Editors save in
 * bursts (a temp file, a rename, several files), so a reload waits until nothing has changed for the
 * debounce time, and the whole burst becomes one version, or one rejection.
 */
@ApplicationScoped
public class FolderWatcher {

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class);

    @Inject
    BrokerPolicyConfig config;
    @Inject
    PolicyLifecycle lifecycle;

    private volatile WatchService watcher;
    private Thread thread;

    void onStart(@Observes @Priority(200) StartupEvent event) {
        if (!config.watch().enabled()) {
            return;
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            registerAll();
        } catch (IOException e) {
            LOG.errorf(e, "cannot watch %s and %s; changes to them need a restart", config.rulesDir(), config.policiesDir());
            return;
        }
        thread = new Thread(this::run, "policy-folder-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("watching %s and %s for policy changes", config.rulesDir().toAbsolutePath(),
                config.policiesDir().toAbsolutePath());
    }

    void onStop(@Observes ShutdownEvent event) {
        WatchService current = watcher;
        watcher = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debugf("closing the folder watcher: %s", e.getMessage());
            }
        }
    }

    private void run() {
        long debounce = Math.max(config.watch().debounceMillis(), 10);
        while (watcher != null) {
            try {
                WatchKey first = watcher.take();
                long changed = System.nanoTime();
                drain(first);
                // settle the burst: keep taking changes until the folders have been quiet for the debounce time
                WatchKey next;
                while ((next = watcher.poll(debounce, TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                registerAll(); // folders created or re-created by the burst (an editor's rename, a git checkout)
                long settled = System.nanoTime();
                PolicyLifecycle.LoadOutcome outcome = lifecycle.loadFromFolders("file-watcher", PolicyLifecycle.FILE);
                LOG.infof("folder change handled in %d ms (%d ms settling the burst, %d ms loading): %s",
                        (System.nanoTime() - changed) / 1_000_000, (settled - changed) / 1_000_000,
                        (System.nanoTime() - settled) / 1_000_000,
                        outcome.activated() ? "version " + outcome.version() + " active"
                                : outcome.errors().isEmpty() ? "nothing new" : outcome.errors().size() + " errors, rejected");
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (Throwable e) {
                // an unreadable file mid-save, a database hiccup, an Error out of a library: the next change tries
                // again; this thread must outlive whatever a file does, or later edits would never load
                try {
                    LOG.errorf(e, "reloading the policy folders failed; the active version keeps serving");
                } catch (Throwable ignored) {
                    // nothing left to say it with
                }
            }
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void registerAll() throws IOException {
        for (Path root : List.of(config.rulesDir(), config.policiesDir())) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> dirs = Files.walk(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    // registering a folder twice returns its existing key
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.OVERFLOW);
                }
            }
        }
    }
}
