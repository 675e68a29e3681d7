package dev.airlock.runtime.catalog;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The official server.json schema (2025-12-11), shipped with Airlock and compiled once. Problems
 * come back as one sentence a person can pass on to whoever publishes the entry.
 */
final class ServerSchema {

    static final String ID = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";
    private static final String COPY = "classpath:dev/airlock/runtime/catalog/server.schema.2025-12-11.json";
    private static final String ANY_OF = "/anyOf/";
    private static final Logger LOG = LoggerFactory.getLogger(ServerSchema.class);

    private final Schema schema;

    ServerSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_7,
                builder -> builder
                        // The registry validates formats (uri) too; so do we, to reject what it would.
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build())
                        // The $id is a public URL: resolve it to our copy and never fetch anything over the
                        // network. The draft-07 meta-schema is built into the validator.
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)
                                .allow(iri -> ID.equals(iri.toString()))
                                .schemaIdResolvers(ids -> ids.mappings(Map.of(ID, COPY)))));
        schema = registry.getSchema(SchemaLocation.of(ID));
        schema.initializeValidators(); // resolve every $ref now rather than on the first entry
    }

    /** Throws with a readable reason when {@code server} does not follow the schema. */
    void check(JsonNode server) throws InvalidEntryException {
        List<Error> errors = schema.validate(server);
        if (errors.isEmpty()) {
            return;
        }
        LOG.debug("Schema errors: {}", errors.subList(0, Math.min(5, errors.size())));
        throw InvalidEntryException.invalid(describe(errors));
    }

    private static String describe(List<Error> errors) {
        Error first = mostTelling(errors);
        String where = location(first.getInstanceLocation());
        String subject = where.isEmpty() ? "it" : "'" + where + "'";
        JsonNode rule = first.getSchemaNode();
        return switch (first.getKeyword()) {
            case "required" -> subject + " has no '" + first.getProperty() + "'";
            case "maxLength" -> subject + " is longer than " + rule.asInt() + " characters";
            case "minLength" ->
                rule.asInt() <= 1
                        ? subject + " is empty"
                        : subject + " is shorter than " + rule.asInt() + " characters";
            case "type" -> subject + " must be " + typeInWords(rule.asString());
            case "enum" -> subject + " must be one of " + String.join(", ", allowedValues(errors, first));
            case "pattern" -> subject + " is not in the expected form";
            case "format" -> subject + " is not a valid " + rule.asString().toUpperCase(Locale.ROOT);
            case "not" ->
                rule.has("const")
                        ? subject + " must not be '" + rule.get("const").asString() + "'"
                        : subject + " has a value that is not allowed";
            default -> subject + " does not follow the server.json format";
        };
    }

    /**
     * Where a value may take one of several shapes (an argument is positional or named), every
     * shape reports its errors. The telling ones come from the shape whose {@code type} matched,
     * that is the first one without an {@code enum} error; when none matched, the first error is.
     */
    private static Error mostTelling(List<Error> errors) {
        Error first = errors.getFirst();
        String path = first.getEvaluationPath().toString();
        int anyOf = path.indexOf(ANY_OF);
        if (anyOf < 0) {
            return first;
        }
        String shapes = path.substring(0, anyOf + ANY_OF.length());
        Map<String, List<Error>> byShape = new LinkedHashMap<>();
        for (Error error : errors) {
            String at = error.getEvaluationPath().toString();
            if (at.startsWith(shapes)) {
                String shape = at.substring(shapes.length()).split("/", 2)[0];
                byShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(error);
            }
        }
        return byShape.values().stream()
                .filter(shapeErrors -> shapeErrors.stream().noneMatch(e -> "enum".equals(e.getKeyword())))
                .map(List::getFirst)
                .findFirst()
                .orElse(first);
    }

    /** Where one of several allowed shapes applies (transports), each shape reports its own enum. */
    private static Set<String> allowedValues(List<Error> errors, Error first) {
        Set<String> values = new LinkedHashSet<>();
        errors.stream()
                .filter(e -> "enum".equals(e.getKeyword()))
                .filter(e -> e.getInstanceLocation().equals(first.getInstanceLocation()))
                .forEach(e -> e.getSchemaNode().forEach(v -> values.add(v.asString())));
        return values;
    }

    private static String location(NodePath path) {
        String where = "";
        for (int i = 0; i < path.getNameCount(); i++) {
            where = switch (path.getElement(i)) {
                case Integer index -> Texts.item(where, index);
                case Object name -> Texts.field(where, Texts.quote(name.toString()));
            };
        }
        return where;
    }

    private static String typeInWords(String type) {
        return switch (type) {
            case "string" -> "text";
            case "array" -> "a list";
            case "object" -> "an object";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            default -> type;
        };
    }
}
