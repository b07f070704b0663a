package io.osmigration.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes and reads events in Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte little-endian
 * CRC-64-AVRO fingerprint, then Avro binary.
 *
 * <p>The fingerprint names the writer's schema; every version in {@link SchemaHistory} is known, so bytes from an
 * older producer are resolved into today's class. This replaces a schema registry: the set of schemas is fixed at
 * build time and its compatibility is checked by the build. Thread-safe.
 */
public final class EventCodec {

    private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;

    private final SchemaStore.Cache store = new SchemaStore.Cache();
    private final Map<String, Class<? extends SpecificRecord>> classByFullName;
    private final Map<Long, String> fullNameByFingerprint = new ConcurrentHashMap<>();
    private final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    public EventCodec() {
        this(SchemaHistory.load());
    }

    EventCodec(SchemaHistory history) {
        classByFullName = Topics.eventTypes().stream()
                .collect(Collectors.toUnmodifiableMap(type -> schemaOf(type).getFullName(), Function.identity()));
        history.allVersions().forEach(this::remember);
        Topics.eventTypes().forEach(type -> remember(schemaOf(type)));
    }

    public byte[] encode(SpecificRecord event) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.computeIfAbsent(event.getClass(),
                type -> new BinaryMessageEncoder<>(SpecificData.getForSchema(event.getSchema()), event.getSchema()));
        try {
            return toArray(encoder.encode(event));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + event.getSchema().getName(), e);
        }
    }

    /**
     * Decodes bytes written by any published version of any event in the catalog.
     *
     * @throws UnreadableEventException if the bytes are not single-object encoded, name an unknown schema or are
     *                                  truncated; retrying cannot help
     */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1]) {
            throw new UnreadableEventException("Not Avro single-object encoding (expected C3 01 and a fingerprint)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String fullName = fullNameByFingerprint.get(fingerprint);
        if (fullName == null) {
            throw new UnreadableEventException("Unknown writer schema fingerprint " + Long.toHexString(fingerprint));
        }
        Class<? extends SpecificRecord> type = classByFullName.get(fullName);
        try {
            return decoderFor(type).decode(bytes);
        } catch (MissingSchemaException | BadHeaderException e) {
            throw new UnreadableEventException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("Corrupt " + fullName + " payload: " + e.getMessage(), e);
        }
    }

    /** The event type named by a fingerprint, for routing without decoding; null if unknown. */
    public Class<? extends SpecificRecord> typeOf(long fingerprint) {
        String fullName = fullNameByFingerprint.get(fingerprint);
        return fullName == null ? null : classByFullName.get(fullName);
    }

    private BinaryMessageDecoder<SpecificRecord> decoderFor(Class<? extends SpecificRecord> type) {
        return decoders.computeIfAbsent(type, key -> {
            Schema readerSchema = schemaOf(type);
            return new BinaryMessageDecoder<>(SpecificData.getForSchema(readerSchema), readerSchema, store);
        });
    }

    private void remember(Schema schema) {
        store.addSchema(schema);
        fullNameByFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema.getFullName());
    }

    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
