package io.brokerpolicy.engine;

import io.brokerpolicy.domain.policy.BundleError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Keeps a rule file to deciding about the domain's facts: it may import only the domain's fact types and
 * a short allow-list of value and collection types, and may not reach the JVM, files, network, threads,
 * reflection or the rule engine's runtime, whether through an import, a fully qualified name, or a method
 * name. A rule file is code the service runs, and whoever can save a file must not thereby own the
 * process.
 *
 * <p>Two passes, both conservative:
 * <ol>
 *   <li>the DRL is parsed into a {@code PackageDescr}: every import must be on the allow-list; functions,
 *       function and accumulate imports, globals and rule units are refused outright (nothing in a
 *       risk rule needs them, and a function body is Java the rules could call from anywhere);</li>
 *   <li>every token of the file outside comments (rule conditions, consequences, salience expressions,
 *       {@code from} and {@code accumulate} code alike) is scanned: dotted names starting at a package
 *       root must be on the allow-list, and identifiers that reach outside ({@code System},
 *       {@code getClass}, {@code kcontext}, {@code getKieRuntime} ...) and Java loops are refused.</li>
 * </ol>
 * String literals are data: nothing left in a rule can turn a string into code without reflection, class
 * loading or a script engine, each refused by name. Unicode escapes are refused anywhere, since Java
 * decodes them before it reads comments and strings and they could hide code from the scan.
 */
public final class RuleSandbox {

    /** Packages whose types a rule may use, by import or fully qualified. */
    private static final List<String> ALLOWED_PACKAGES = List.of(
            "io.brokerpolicy.domain.", "io.brokerpolicy.domain.policy.", "java.math.", "java.time.",
            "java.time.temporal.", "java.time.format.");
    /** java.util is allowed by name: its collections, not its ServiceLoader, prefs, jar, zip or concurrency. */
    private static final Set<String> ALLOWED_JAVA_UTIL = Set.of("List", "Map", "Set", "Collection", "Collections",
            "ArrayList", "LinkedList", "HashMap", "LinkedHashMap", "TreeMap", "HashSet", "LinkedHashSet", "TreeSet",
            "Arrays", "Objects", "Optional", "Comparator", "Iterator", "Deque", "ArrayDeque", "Queue", "SortedMap",
            "SortedSet", "NavigableMap", "NavigableSet", "EnumMap", "EnumSet", "Map.Entry");
    private static final Set<String> ALLOWED_JAVA_LANG = Set.of("Math", "String", "Integer", "Long", "Boolean",
            "Double", "Character", "Number", "Comparable", "StringBuilder", "Object");
    /** First segments of a qualified name that reach a package; only the allowed ones may follow. */
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jakarta", "jdk", "sun", "com", "org",
            "net", "io", "kotlin", "scala", "groovy", "mvel", "mvel2");

    /**
     * Identifiers that reach outside the domain: the JVM and process, threads, reflection and class
     * loading, files and network, system properties, and the rule engine's own runtime (a consequence may
     * insert, update and delete facts and read its rule's name, nothing else).
     */
    private static final Set<String> FORBIDDEN_IDENTIFIERS = Set.of(
            // process and JVM
            "System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "SecurityManager", "Shutdown",
            "StackWalker", "Module", "ModuleLayer", "exit", "exec", "halt", "getRuntime", "getenv", "getProperty",
            "getProperties", "setProperty", "getBoolean", "getInteger", "getLong", "loadLibrary", "load",
            "mapLibraryName", "setSecurityManager", "addShutdownHook", "gc", "runFinalization",
            // threads and blocking
            "Thread", "ThreadGroup", "ThreadLocal", "InheritableThreadLocal", "Executors", "Executor",
            "ExecutorService", "ForkJoinPool", "CompletableFuture", "Timer", "TimerTask", "currentThread", "sleep",
            "wait", "notify", "notifyAll", "synchronized", "parallelStream", "parallel",
            // reflection, class loading, code generation
            "Class", "ClassLoader", "ClassValue", "getClass", "getClassLoader", "getContextClassLoader",
            "forName", "newInstance", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods",
            "getField", "getFields", "getDeclaredField", "getDeclaredFields", "getConstructor", "getConstructors",
            "getDeclaredConstructor", "getDeclaredConstructors", "getDeclaredClasses", "getEnclosingMethod",
            "setAccessible", "invoke", "invokeExact", "invokeWithArguments", "MethodHandles", "MethodHandle",
            "VarHandle", "Proxy", "reflect", "Unsafe", "defineClass", "lookup", "getResource", "getResourceAsStream",
            "getSystemResource", "getSystemClassLoader", "ServiceLoader", "ScriptEngine", "ScriptEngineManager",
            "Introspector", "finalize", "native", "serialVersionUID",
            // files and network
            "File", "Files", "Path", "Paths", "FileSystem", "FileSystems", "FileInputStream", "FileOutputStream",
            "FileReader", "FileWriter", "RandomAccessFile", "ObjectInputStream", "ObjectOutputStream", "Socket",
            "ServerSocket", "DatagramSocket", "URL", "URI", "URLClassLoader", "HttpClient", "InetAddress",
            "Console", "PrintStream",
            // the rule engine's runtime (drools.getRule() is allowed, the session behind it is not)
            "kcontext", "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory", "getKieBase",
            "getKnowledgeBase", "getEntryPoint", "getEntryPoints", "getEntryPointId", "getChannel", "getChannels",
            "getContext", "getSession", "getKieSession", "getStatefulKnowledgeSession", "getGlobal", "getGlobals",
            "setGlobal", "getEnvironment", "getProcessInstance", "getRuleUnit", "getSessionClock",
            "getKieRuntimeFactory", "getCalendars", "getAgenda", "getTuple", "setFocus", "getFactHandles",
            "getObjects", "registerChannel", "dispose", "destroy", "getMetaData",
            // infinite streams and memory bombs: a consequence must come to rest in bounded memory
            "Stream", "IntStream", "LongStream", "DoubleStream", "StreamSupport", "iterate", "generate",
            "repeat", "nCopies", "ensureCapacity", "setLength");
    /** Keywords refused in code: no code that loops or defines code of its own; no dynamic eval. */
    private static final Set<String> FORBIDDEN_KEYWORDS = Set.of("while", "for", "do", "foreach", "until", "def",
            "function", "global", "eval", "unit", "class");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+[0-9a-fA-F]{0,4}");

    private RuleSandbox() {
    }

    /** Every reason the rule file may not run; empty when it stays inside the sandbox. */
    public static List<BundleError> check(String file, String drl) {
        List<BundleError> errors = new ArrayList<>();
        checkUnicodeEscapes(file, drl, errors);
        checkInvisibleCharacters(file, drl, errors);
        checkTextBlocks(file, drl, errors);
        checkDeclarations(file, drl, errors);
        DrlTokens.Result tokens = DrlTokens.of(drl);
        checkTokens(file, tokens.code(), errors);
        for (List<DrlTokens.Token> text : tokens.texts()) {
            checkTokens(file, text, errors);
        }
        return List.copyOf(new LinkedHashSet<>(errors));
    }

    private static void checkTextBlocks(String file, String drl, List<BundleError> errors) {
        int at = drl.indexOf("\"\"\"");
        if (at >= 0) {
            errors.add(new BundleError(file, lineOf(drl, at), "text blocks (\"\"\") are not allowed in rule files:"
                    + " use ordinary string literals"));
        }
    }

    private static void checkUnicodeEscapes(String file, String drl, List<BundleError> errors) {
        var matcher = UNICODE_ESCAPE.matcher(drl);
        if (matcher.find()) {
            errors.add(new BundleError(file, lineOf(drl, matcher.start()), "unicode escapes (\\u...) are not allowed"
                    + " in rule files: write the character itself"));
        }
    }

    /** Control and format characters (soft hyphen, zero-width joiners ...) vanish from Java identifiers. */
    private static void checkInvisibleCharacters(String file, String drl, List<BundleError> errors) {
        for (int i = 0; i < drl.length(); i++) {
            char c = drl.charAt(i);
            if (c != '\n' && c != '\r' && c != '\t'
                    && (Character.isISOControl(c) || Character.isIdentifierIgnorable(c)
                    || Character.getType(c) == Character.FORMAT)) {
                errors.add(new BundleError(file, lineOf(drl, i), String.format("invisible character U+%04X is not"
                        + " allowed in rule files", (int) c)));
                return;
            }
        }
    }

    private static void checkDeclarations(String file, String drl, List<BundleError> errors) {
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser();
            pkg = parser.parse(false, drl);
            if (pkg == null || parser.hasErrors()) {
                return; // the compiler reports syntax errors with their lines; the token scan still runs
            }
        } catch (DroolsParserException | RuntimeException e) {
            return;
        }
        for (ImportDescr imported : pkg.getImports()) {
            if (!importAllowed(imported.getTarget())) {
                errors.add(new BundleError(file, imported.getLine(), "import " + imported.getTarget()
                        + " is not allowed: a rule file may import only the domain's fact types (io.brokerpolicy.domain),"
                        + " java.math, java.time and java.util collections"));
            }
        }
        for (FunctionImportDescr imported : pkg.getFunctionImports()) {
            errors.add(new BundleError(file, imported.getLine(), "import function " + imported.getTarget()
                    + " is not allowed: rules may not call static methods imported as functions"));
        }
        for (AccumulateImportDescr imported : pkg.getAccumulateImports()) {
            errors.add(new BundleError(file, imported.getLine(), "import accumulate " + imported.getTarget()
                    + " is not allowed: use the built-in accumulate functions"));
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            errors.add(new BundleError(file, function.getLine(), "function " + function.getName()
                    + " is not allowed: rule files hold rules, not Java functions"));
        }
        for (GlobalDescr global : pkg.getGlobals()) {
            errors.add(new BundleError(file, global.getLine(), "global " + global.getIdentifier()
                    + " is not allowed: the service gives rules no globals; decisions are inserted as facts"));
        }
        if (pkg.getUnit() != null) {
            errors.add(new BundleError(file, pkg.getUnit().getLine(), "rule units are not allowed"));
        }
    }

    static boolean importAllowed(String target) {
        String name = target.trim();
        if (name.startsWith("java.util.")) {
            return ALLOWED_JAVA_UTIL.contains(name.substring("java.util.".length()));
        }
        if (name.startsWith("java.lang.")) {
            return ALLOWED_JAVA_LANG.contains(name.substring("java.lang.".length()));
        }
        for (String pkg : ALLOWED_PACKAGES) {
            if (name.startsWith(pkg)) {
                String rest = name.substring(pkg.length());
                return rest.equals("*") || rest.matches("[A-Z][A-Za-z0-9_]*(\\.[A-Z][A-Za-z0-9_]*)*");
            }
        }
        return false;
    }

    private static void checkTokens(String file, List<DrlTokens.Token> tokens, List<BundleError> errors) {
        for (int i = 0; i < tokens.size(); i++) {
            DrlTokens.Token token = tokens.get(i);
            if (!token.identifier()) {
                continue;
            }
            boolean member = i > 0 && tokens.get(i - 1).is(".");
            if (token.code() && token.is("new") && arrayCreation(tokens, i)) {
                errors.add(new BundleError(file, token.line(), "creating arrays is not allowed in a rule: use"
                        + " List.of(...) (an array's size is a way to exhaust the service's memory)"));
            }
            if (FORBIDDEN_IDENTIFIERS.contains(token.text()) && (token.code() || !isLowerCaseWord(token.text()))) {
                errors.add(new BundleError(file, token.line(), "'" + token.text() + "' is not allowed in a rule:"
                        + " rules may not reach the JVM, threads, reflection, files, network or the engine's runtime"));
            } else if (token.code() && FORBIDDEN_KEYWORDS.contains(token.text())
                    && (!member || token.is("class"))) {
                errors.add(new BundleError(file, token.line(), "'" + token.text() + "' is not allowed in a rule:"
                        + " no loops, functions, globals, type definitions or eval; write conditions as patterns"));
            } else if (!member && PACKAGE_ROOTS.contains(token.text())) {
                String qualified = qualifiedName(tokens, i);
                if (qualified.indexOf('.') > 0 && !qualifiedAllowed(qualified)) {
                    errors.add(new BundleError(file, token.line(), "'" + qualified + "' is not allowed: a rule may"
                            + " name only the domain's fact types, java.math, java.time and java.util collections"));
                }
            }
        }
    }

    /** {@code new T[...]} or {@code new a.b.T[...]}: an identifier chain followed by '['. */
    private static boolean arrayCreation(List<DrlTokens.Token> tokens, int newAt) {
        int i = newAt + 1;
        while (i < tokens.size() && (tokens.get(i).identifier() || tokens.get(i).is("."))) {
            i++;
        }
        return i > newAt + 1 && i < tokens.size() && tokens.get(i).is("[");
    }

    /** The dotted name starting at {@code start}: identifiers joined by dots, comments and spaces dropped. */
    private static String qualifiedName(List<DrlTokens.Token> tokens, int start) {
        StringBuilder name = new StringBuilder(tokens.get(start).text());
        int i = start + 1;
        while (i + 1 < tokens.size() && tokens.get(i).is(".") && tokens.get(i + 1).identifier()) {
            name.append('.').append(tokens.get(i + 1).text());
            i += 2;
        }
        if (i + 1 < tokens.size() && tokens.get(i).is(".") && tokens.get(i + 1).is("*")) {
            name.append(".*");
        }
        return name.toString();
    }

    private static boolean qualifiedAllowed(String name) {
        // The package and the type, then any members of that type.
        String[] parts = name.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (int end = 0; end < parts.length; end++) {
            if (end > 0) {
                prefix.append('.');
            }
            prefix.append(parts[end]);
            if (Character.isUpperCase(parts[end].charAt(0)) || parts[end].equals("*")) {
                String candidate = prefix.toString();
                if (end + 1 < parts.length && Character.isUpperCase(parts[end + 1].charAt(0))) {
                    // a nested type such as java.util.Map.Entry
                    String nested = candidate + "." + parts[end + 1];
                    if (importAllowed(nested)) {
                        return true;
                    }
                }
                return importAllowed(candidate);
            }
        }
        return false; // a package and no type: only meaningful in package/import lines, checked there
    }

    /** Plain lowercase words (exit, wait, load) are API names in code but ordinary words in a comment. */
    private static boolean isLowerCaseWord(String word) {
        return word.chars().allMatch(Character::isLowerCase);
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
