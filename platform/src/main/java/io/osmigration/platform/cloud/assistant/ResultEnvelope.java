package io.osmigration.platform.cloud.assistant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.osmigration.platform.facts.OnInstanceScripts;

/**
 * The on-instance side of reading results of any size: wraps a script in {@code envelope.sh}, reads the header it
 * prints, and builds and reads {@code chunk.sh} invocations. Kept apart from the client so the format is tested
 * byte for byte.
 */
final class ResultEnvelope {

    static final String HEADER = "OSM_RESULT_V1 ";
    private static final String END = "OSM_RESULT_END";
    private static final String CHUNK_HEADER = "OSM_CHUNK_V1 index=";
    private static final String CHUNK_END = "OSM_CHUNK_END";
    private static final String SCRIPT_DELIMITER = "OSM_SCRIPT_EOF_4d1c";
    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{8,64}");
    private static final String ENVELOPE = OnInstanceScripts.load("cloud-assistant/envelope.sh");
    private static final String CHUNK = OnInstanceScripts.load("cloud-assistant/chunk.sh");

    private ResultEnvelope() {
    }

    /** What the envelope's header line says about the result it left on the instance. */
    record Header(String key, int status, int tailBytes, long rawBytes, String rawSha256, String encoding,
                  long encodedBytes, String encodedSha256, int chunkBytes, int chunks, boolean inline) {
    }

    /** What one invocation printed: the console tail, the header, and the inline result if there was room. */
    record Printed(String consoleTail, Header header, byte[] inlineEncoded) {
    }

    static String wrap(String script, String key, Capture capture, CloudAssistantProperties properties) {
        requireKey(key);
        if (script.lines().anyMatch(SCRIPT_DELIMITER::equals)) {
            throw new IllegalArgumentException("The script contains the envelope's delimiter line " + SCRIPT_DELIMITER);
        }
        return ENVELOPE.replace("__OSM_KEY__", key)
                .replace("__OSM_CAPTURE__", capture.shellName())
                .replace("__OSM_TAIL_BYTES__", Integer.toString(properties.consoleTail()))
                .replace("__OSM_CHUNK_BYTES__", Integer.toString(properties.chunkBytes()))
                .replace("__OSM_INLINE_BYTES__", Integer.toString(properties.inlineBytes()))
                .replace("__OSM_RETENTION_DAYS__", Integer.toString(properties.resultRetentionDays()))
                .replace("__OSM_SCRIPT__", script.endsWith("\n") ? script.substring(0, script.length() - 1) : script);
    }

    static String chunkScript(String key, int index, int chunkBytes) {
        requireKey(key);
        return CHUNK.replace("__OSM_KEY__", key).replace("__OSM_INDEX__", Integer.toString(index))
                .replace("__OSM_CHUNK_BYTES__", Integer.toString(chunkBytes));
    }

    /**
     * Reads what the envelope printed. The header is the last one in the output: the script's own console, printed
     * before it, cannot fake it.
     *
     * @throws IllegalArgumentException when the header is missing or malformed (the output was cut or not ours)
     */
    static Printed read(byte[] output) {
        int at = lastIndexOf(output, HEADER.getBytes(StandardCharsets.US_ASCII));
        if (at < 0) {
            throw new IllegalArgumentException("the output has no result header (" + HEADER.strip() + ")");
        }
        int lineEnd = indexOf(output, (byte) '\n', at);
        if (lineEnd < 0) {
            throw new IllegalArgumentException("the result header is cut off");
        }
        Header header = header(new String(output, at, lineEnd - at, StandardCharsets.US_ASCII));
        int tailEnd = at - 1; // the envelope prints a newline between the tail and the header
        int tailStart = Math.max(0, tailEnd - header.tailBytes());
        String tail = tailEnd > 0 ? new String(output, tailStart, tailEnd - tailStart, StandardCharsets.UTF_8) : "";
        byte[] inline = null;
        if (header.inline()) {
            int end = lastIndexOf(output, END.getBytes(StandardCharsets.US_ASCII));
            if (end < lineEnd) {
                throw new IllegalArgumentException("the inline result is cut off (no " + END + ")");
            }
            inline = decodeBase64(output, lineEnd + 1, end);
        }
        return new Printed(tail, header, inline);
    }

    static Header header(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring(HEADER.length()).strip().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        try {
            return new Header(required(fields, "key"), Integer.parseInt(required(fields, "status")),
                    Integer.parseInt(required(fields, "tail")), Long.parseLong(required(fields, "raw")),
                    fields.getOrDefault("rawsha", ""), required(fields, "enc"), Long.parseLong(required(fields, "size")),
                    fields.getOrDefault("sha", ""), Integer.parseInt(required(fields, "chunk")),
                    Integer.parseInt(required(fields, "chunks")), "1".equals(fields.get("inline")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed result header: " + line);
        }
    }

    /** The bytes of chunk {@code index} from what {@code chunk.sh} printed. */
    static byte[] chunk(byte[] output, int index) {
        String marker = CHUNK_HEADER + index + "\n";
        int at = lastIndexOf(output, marker.getBytes(StandardCharsets.US_ASCII));
        int end = lastIndexOf(output, CHUNK_END.getBytes(StandardCharsets.US_ASCII));
        if (at < 0 || end < at) {
            String text = new String(output, StandardCharsets.UTF_8).strip();
            throw new IllegalArgumentException("chunk " + index + " is missing from the output"
                    + (text.isEmpty() ? "" : ": " + abbreviate(text)));
        }
        return decodeBase64(output, at + marker.length(), end);
    }

    /** Checks size and SHA-256 of the encoded bytes, decodes them, and checks the result's own size and SHA-256. */
    static byte[] verify(Header header, byte[] encoded, long maxResultBytes) {
        if (encoded.length != header.encodedBytes()) {
            throw new IllegalArgumentException("the result has " + encoded.length + " bytes where the instance wrote "
                    + header.encodedBytes());
        }
        if (!sha256(encoded).equals(header.encodedSha256())) {
            throw new IllegalArgumentException("the result's checksum does not match what the instance computed");
        }
        if (header.rawBytes() > maxResultBytes) {
            throw new IllegalArgumentException("the result has " + header.rawBytes() + " bytes, more than "
                    + "osm.cloud-assistant.max-result-bytes (" + maxResultBytes + ")");
        }
        byte[] raw = switch (header.encoding()) {
            case "gzip" -> gunzip(encoded, header.rawBytes());
            case "identity" -> encoded;
            default -> throw new IllegalArgumentException("unknown result encoding " + header.encoding());
        };
        if (raw.length != header.rawBytes() || !header.rawSha256().isEmpty() && !sha256(raw).equals(header.rawSha256())) {
            throw new IllegalArgumentException("the decompressed result does not match its checksum");
        }
        return raw;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static byte[] gunzip(byte[] encoded, long expected) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(encoded))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(expected, 1 << 20));
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("the result is not valid gzip: " + e.getMessage());
        }
    }

    private static byte[] decodeBase64(byte[] output, int from, int to) {
        try {
            return Base64.getMimeDecoder().decode(new String(output, from, Math.max(0, to - from), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the result's Base64 is damaged: " + e.getMessage());
        }
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A result key is 8 to 64 of [a-z0-9-]: " + key);
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the result header lacks " + name);
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i == 0 || haystack[i - 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] haystack, byte value, int from) {
        for (int i = from; i < haystack.length; i++) {
            if (haystack[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
