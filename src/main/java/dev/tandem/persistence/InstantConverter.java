package dev.tandem.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores {@link Instant} attributes in {@code TIMESTAMP WITH TIME ZONE} columns. Jakarta Persistence 3.1 has no
 * {@code Instant} mapping; going through {@link OffsetDateTime} in UTC keeps the stored moment independent of the
 * JVM's default time zone, which matters once several nodes share one database.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
