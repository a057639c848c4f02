package io.newsalert.alert.auth;

import java.time.Instant;

/**
 * An API key as stored in the compacted {@code alerts.keys} (key = id): only the SHA-256 of the
 * secret is kept, so the topic leaks nothing a caller could present. Keys are 256 random bits, so
 * a plain hash (no salt, no stretching) is enough: there is nothing to guess from a dictionary.
 */
public record ApiKey(String id, String name, String sha256, Instant created) {}
