package io.brokerpolicy.app.cli;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.config.Defaults;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two folders a command reads its policy bundle from: {@code --rules DIR} and {@code --policies DIR}. */
record BundleFolders(Path rules, Path policies) {

    static final String RULES = "--rules";
    static final String POLICIES = "--policies";

    /** The folders the options name (the service's defaults otherwise); each must exist. */
    static BundleFolders from(Arguments arguments) throws UsageException {
        BundleFolders folders = new BundleFolders(Path.of(arguments.value(RULES, Defaults.RULES_DIR)),
                Path.of(arguments.value(POLICIES, Defaults.POLICIES_DIR)));
        for (Path dir : new Path[] {folders.rules, folders.policies}) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("no such folder: " + dir);
            }
        }
        return folders;
    }

    PolicyBundle read() {
        return BundleReader.read(rules, policies);
    }
}
