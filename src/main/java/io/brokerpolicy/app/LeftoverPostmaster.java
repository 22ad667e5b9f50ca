package io.brokerpolicy.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server still running on our data folder although no brokerpolicy holds the folder's lock:
 * its JVM was killed (kill -9, OOM killer, a halt) and could not stop it. It is stopped cleanly (a fast
 * shutdown: its committed work is on disk) before a new server starts, instead of the new start waiting on
 * its lock file and failing.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = Logger.getLogger(LeftoverPostmaster.class);

    private final Path binaries;
    private final Path data;

    LeftoverPostmaster(Path binaries, Path data) {
        this.binaries = binaries;
        this.data = data;
    }

    void stopIfRunning() {
        Path pidFile = data.resolve("postmaster.pid");
        long pid = pidOf(data);
        if (pid <= 0) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            // The server is gone (with its machine, say): PostgreSQL itself sees that its lock file is stale and
            // recovers from its WAL at the start.
            return;
        }
        if (!running(pid) || !isPostmasterOf(pid, data)) {
            // An exited server not yet reaped, or the pid recycled by another process: PostgreSQL would take
            // either for a server still running on the folder and refuse to start.
            deleteQuietly(pidFile);
            return;
        }
        LOG.warnf("found the PostgreSQL server (pid %d) that a previous run left on %s; stopping it", pid, data);
        try {
            EmbeddedDatabase.pgCtl(binaries, List.of("-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
        } catch (DatabaseStartException e) {
            process.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running(pid)) {
            if (System.nanoTime() > deadline) {
                throw new DatabaseStartException("PostgreSQL (pid " + pid + ") left running on " + data
                        + " does not stop; stop it (kill " + pid + ") and start again");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new DatabaseStartException("interrupted while stopping PostgreSQL (pid " + pid + ")");
            }
        }
    }

    /**
     * Whether the process runs. A process that has exited but not been reaped by its parent (a zombie: the
     * postmaster's parent is init once pg_ctl has exited, and some inits reap late) does not.
     */
    static boolean running(long pid) {
        if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return true; // no /proc: trust the process handle
        }
    }

    /** The postmaster's pid from the first line of postmaster.pid, or 0 when there is none. */
    static long pidOf(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).strip());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Whether the process is a postgres server started on this data folder (not a stranger with a recycled pid). */
    private static boolean isPostmasterOf(long pid, Path data) {
        try {
            String[] arguments = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\u0000");
            return arguments.length > 0 && arguments[0].endsWith("postgres") && List.of(arguments).contains(data.toString());
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("could not remove %s: %s", file, e.getMessage());
        }
    }
}
