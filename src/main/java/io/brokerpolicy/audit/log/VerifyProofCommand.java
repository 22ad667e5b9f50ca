package io.brokerpolicy.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * {@code verify-proof --public-key KEY [--origin ORIGIN] PROOF.json}: checks an inclusion proof offline,
 * with no database and no service. KEY is the key itself or a file holding it ({@link PublicKeyText});
 * PROOF.json may be {@code -} for standard input. Exit 0 when the proof holds, 1 when it does not,
 * 2 on bad usage (a missing argument, an unreadable file, a key or proof that is not one).
 */
public final class VerifyProofCommand {

    public static final String USAGE = "usage: verify-proof --public-key KEY [--origin ORIGIN] PROOF.json\n"
            + "  KEY     the log's Ed25519 public key (base64 of 32 bytes, /audit/public-key JSON, PEM), or a file holding it\n"
            + "  ORIGIN  the log the checkpoint must belong to (optional)\n"
            + "  PROOF   the JSON of GET /api/v1/verdicts/{id}/proof, or - for standard input";

    private VerifyProofCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String key = null;
        String origin = null;
        String proofFile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--public-key", "--origin" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, arg + " needs a value");
                    }
                    if (arg.equals("--public-key")) {
                        key = args.get(++i);
                    } else {
                        origin = args.get(++i);
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (arg.startsWith("--") || proofFile != null) {
                        return usage(err, "unexpected argument " + arg);
                    }
                    proofFile = arg;
                }
            }
        }
        if (key == null || proofFile == null) {
            return usage(err, key == null ? "--public-key is required" : "the proof file is required");
        }
        PublicKey publicKey;
        JsonNode proof;
        try {
            publicKey = PublicKeyText.parse(readKey(key));
        } catch (IOException | IllegalArgumentException e) {
            return usage(err, "the public key could not be read: " + e.getMessage());
        }
        try {
            String text = proofFile.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(proofFile), StandardCharsets.UTF_8);
            proof = new ObjectMapper().readTree(text);
            if (proof == null || !proof.isObject()) {
                return usage(err, proofFile + " is not a JSON object");
            }
        } catch (IOException e) {
            return usage(err, proofFile + " could not be read as JSON: " + e.getMessage());
        }
        InclusionProofCheck.Result result = InclusionProofCheck.check(proof, publicKey, origin);
        result.checked().forEach(line -> out.println("ok   " + line));
        if (result.ok()) {
            out.println("VERIFIED: " + result.message());
            return 0;
        }
        out.println("FAILED: " + result.message());
        return 1;
    }

    private static String readKey(String key) throws IOException {
        Path path;
        try {
            path = Path.of(key);
        } catch (RuntimeException notAPath) {
            return key;
        }
        return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : key;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("verify-proof: " + problem);
        err.println(USAGE);
        return 2;
    }
}
