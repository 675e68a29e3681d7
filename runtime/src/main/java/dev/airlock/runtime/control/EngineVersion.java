package dev.airlock.runtime.control;

/** The answer to {@code ping}: which engine holds the socket. */
record EngineVersion(String version) {}
