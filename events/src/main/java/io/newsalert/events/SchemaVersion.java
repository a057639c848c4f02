package io.newsalert.events;

/**
 * The schema version every value carries. Readers ignore unknown fields, so a producer may add
 * fields without bumping it; a change of meaning bumps it.
 */
public final class SchemaVersion {
    public static final int CURRENT = 1;

    private SchemaVersion() {}
}
