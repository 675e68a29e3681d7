package dev.airlock.runtime.tools;

import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Compiles a tool's {@code inputSchema} — untrusted, it comes from the server — with the JSON Schema
 * library Airlock already uses (ADR 0009), and checks arguments against it.
 *
 * <p>Nothing is ever fetched: remote resources are off and only the JSON Schema dialects built into
 * the library are known, so a {@code $ref} or {@code $schema} that points elsewhere makes the schema
 * unusable. A schema over {@link #MAX_SCHEMA_CHARS} or nested deeper than {@link #MAX_DEPTH} is not
 * compiled at all. Patterns run on RE2/J, so a hostile {@code pattern} cannot hang a call.
 */
final class InputSchemas {

    static final int MAX_SCHEMA_CHARS = 256 * 1024;
    static final int MAX_DEPTH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(InputSchemas.class);
    private static final Set<String> KNOWN_DIALECTS = Set.of(
            "https://json-schema.org/draft/2020-12/schema",
            "https://json-schema.org/draft/2019-09/schema",
            "http://json-schema.org/draft-07/schema",
            "http://json-schema.org/draft-06/schema",
            "http://json-schema.org/draft-04/schema");

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            // MCP 2025-11-25: a schema without $schema is JSON Schema 2020-12.
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .regularExpressionFactory(new Re2Patterns())
                            // "format" is an annotation (as 2019-09 and later say), in every dialect: servers
                            // take values the library's format checks refuse (a data: URL with a space is
                            // no RFC 3986 URI, yet server-everything reads it), and those checks are
                            // java.util.regex, not linear time. Types, enums, patterns and sizes are checked.
                            .formatAssertionsEnabled(false)
                            .build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));

    /** A compiled schema, or why it cannot be used. */
    sealed interface Compiled {
        record Usable(Schema schema) implements Compiled {}

        record Unusable(String reason) implements Compiled {}
    }

    Compiled compile(JsonNode inputSchema) {
        if (inputSchema == null || !inputSchema.isObject()) {
            return new Compiled.Unusable("its description of the arguments it takes (inputSchema) is missing");
        }
        if (Limits.depth(inputSchema, MAX_DEPTH + 1) > MAX_DEPTH) {
            return new Compiled.Unusable("its description of the arguments it takes is nested too deeply to check");
        }
        if (CanonicalJson.of(inputSchema).length() > MAX_SCHEMA_CHARS) {
            return new Compiled.Unusable("its description of the arguments it takes is too large to check");
        }
        JsonNode dialect = inputSchema.get("$schema");
        if (dialect != null
                && !(dialect.isString()
                        && KNOWN_DIALECTS.contains(dialect.asString().replaceAll("#$", "")))) {
            return new Compiled.Unusable(
                    "its description of the arguments it takes uses an unknown JSON Schema version");
        }
        try {
            Schema schema = registry.getSchema(SchemaLocation.of("urn:airlock:tool-input"), inputSchema);
            schema.initializeValidators(); // resolve every $ref now: a remote one fails here, not on a call
            return new Compiled.Usable(schema);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.debug("A tool's inputSchema cannot be compiled", e);
            return new Compiled.Unusable(
                    "its description of the arguments it takes cannot be checked (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** Problems with {@code arguments}, in words; empty when they follow the schema. */
    static List<String> problems(Schema schema, JsonNode arguments) {
        try {
            List<Error> errors = schema.validate(arguments);
            return errors.stream().limit(3).map(InputSchemas::describe).toList();
        } catch (RuntimeException | StackOverflowError e) {
            LOG.debug("Checking arguments failed", e);
            return List.of("they could not be checked against the tool's description");
        }
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation().toString();
        String subject = where.isEmpty() || where.equals("$") || where.equals("/")
                ? "the arguments"
                : "'" + where.replaceFirst("^[$/]\\.?", "") + "'";
        return switch (error.getKeyword()) {
            case "required" -> subject + " lack '" + error.getProperty() + "'";
            case "additionalProperties" ->
                subject + " have '" + error.getProperty() + "', which the tool does not take";
            default -> subject + ": " + error.getMessage().replaceFirst("^\\S+: ", "");
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        // Exceptions wrapped in exceptions: keep the innermost reason, not the class names.
        String line = message.lines().findFirst().orElse("").replaceAll("^(?:[\\w.$]+(?:Exception|Error): )+", "");
        if (line.startsWith("http:") || line.startsWith("https:") || line.startsWith("file:")) {
            line = "it refers to " + line + ", which Airlock does not fetch";
        }
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** JSON Schema's {@code pattern} on RE2/J: linear time whatever the server wrote. */
    private static final class Re2Patterns implements RegularExpressionFactory {
        @Override
        public RegularExpression getRegularExpression(String regex) {
            try {
                com.google.re2j.Pattern pattern = com.google.re2j.Pattern.compile(regex);
                return value -> pattern.matcher(value).find();
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "the pattern " + regex + " is not supported: " + e.getDescription(), e);
            }
        }
    }
}
