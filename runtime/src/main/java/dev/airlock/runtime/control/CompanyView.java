package dev.airlock.runtime.control;

/**
 * The company this Airlock belongs to, and how current its catalog is.
 *
 * @param catalog where the catalog shown came from: {@code fresh}, {@code not-modified}, {@code cached},
 *     or null before any catalog was fetched
 * @param catalogFetchedAt when it was fetched (ISO-8601), or null
 * @param message what the user should know now, in a sentence ("Sign in with your … account"), or null
 */
public record CompanyView(String name, String registryUrl, String catalog, String catalogFetchedAt, String message) {}
