package io.brokerpolicy.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: options that take a value ({@code --rules DIR} or {@code --rules=DIR}), flags
 * ({@code --coverage}) and the rest in order. An option the command does not know, a missing value or an
 * option given twice is a {@link UsageException}; {@code --} ends the options.
 */
record Arguments(Map<String, String> values, Set<String> flags, List<String> positional) {

    static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (valueOptions.contains(name)) {
                String value;
                if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (value.isEmpty()) {
                    throw new UsageException(name + " needs a value");
                }
                if (values.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else if (flagOptions.contains(name) && equals < 0) {
                if (!flags.add(name)) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return new Arguments(Map.copyOf(values), Set.copyOf(flags), List.copyOf(positional));
    }

    String value(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }
}
