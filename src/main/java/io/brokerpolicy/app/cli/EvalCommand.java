package io.brokerpolicy.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.audit.VerdictDocument;
import io.brokerpolicy.audit.VerdictSchemas;
import io.brokerpolicy.config.Defaults;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.EvaluationException;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code eval}: the verdict the service would give a snapshot under the rules and policies in the folders,
 * as the JSON the service answers, with no database: nothing is stored, so the verdict has no verdictId, and
 * the policy version is 0 (the folders as they are, not a stored version). Exit 0 with the verdict; 1 when
 * the snapshot is not valid (the service's 400 body on stdout), has no policy (422), or the bundle does not
 * compile; 2 on bad usage.
 */
final class EvalCommand {

    static final String USAGE = "usage: eval [--rules DIR] [--policies DIR] SNAPSHOT.json\n"
            + "  prints the verdict for the snapshot (a file, or - for standard input) as JSON\n"
            + "  --rules DIR       the .drl files (default: rules)\n"
            + "  --policies DIR    the policy .yaml files (default: policies)\n"
            + "  exit 0 a verdict, 1 the snapshot is not valid or cannot be evaluated, 2 bad usage";

    private final Clock clock;
    private final InputStream stdin;

    EvalCommand(Clock clock, InputStream stdin) {
        this.clock = clock;
        this.stdin = stdin;
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        BundleFolders folders;
        String text;
        try {
            Arguments arguments = Arguments.parse(args, Set.of(BundleFolders.RULES, BundleFolders.POLICIES), Set.of());
            if (arguments.positional().size() != 1) {
                throw new UsageException(arguments.positional().isEmpty() ? "the snapshot file is required"
                        : "one snapshot file only, not " + arguments.positional());
            }
            folders = BundleFolders.from(arguments);
            text = read(arguments.positional().get(0));
        } catch (UsageException e) {
            return Commands.usage(err, "eval", e.getMessage(), USAGE);
        }
        AccountSnapshot snapshot;
        try {
            snapshot = new SnapshotParser(clock, Defaults.maxPositions()).parse(readJson(text), "");
        } catch (InvalidRequestException e) {
            out.println(errorBody(e.getMessage(), e.details()));
            err.println("eval: " + e.getMessage());
            return 1;
        }
        PolicyCompiler.Result compiled = new PolicyCompiler().compile(folders.read(), 0);
        if (!compiled.valid()) {
            for (BundleError error : compiled.errors()) {
                err.println(error.file() + ":" + error.line() + ": " + error.message());
            }
            err.println("eval: the rules and policies do not compile (" + compiled.errors().size() + " errors)");
            return 1;
        }
        Verdict verdict;
        try {
            verdict = compiled.policy().evaluate(snapshot);
        } catch (PolicyNotFoundException | EvaluationException e) {
            out.println(errorBody(e.getMessage(), List.of()));
            err.println("eval: " + e.getMessage());
            return 1;
        }
        out.println(VerdictSchemas.view(json(VerdictDocument.of(null, clock.instant(), verdict))));
        return 0;
    }

    private String read(String file) throws UsageException {
        try {
            return file.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode readJson(String text) {
        try {
            JsonNode json = Json.MAPPER.readTree(text);
            if (json == null || !json.isObject()) {
                throw new InvalidRequestException("the snapshot is not a JSON object",
                        List.of(new FieldError("$", "must be one JSON object")));
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the snapshot is not valid JSON",
                    List.of(new FieldError("$", e.getOriginalMessage())));
        }
    }

    private static String errorBody(String error, List<FieldError> details) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", error);
        var array = body.putArray("details");
        details.forEach(d -> array.addObject().put("field", d.field()).put("message", d.message()));
        return json(body);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not be written as JSON", e);
        }
    }
}
