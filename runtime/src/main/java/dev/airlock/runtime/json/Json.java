package dev.airlock.runtime.json;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON configuration Airlock reads and writes with. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** An immutable, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
