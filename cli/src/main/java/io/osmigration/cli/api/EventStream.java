package io.osmigration.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

import io.osmigration.cli.api.Model.ServerEvent;

/**
 * A Server-Sent Events stream read on a daemon thread (the WHATWG event-stream format: {@code id:}, {@code event:},
 * {@code data:} lines, a blank line ends an event). A dropped connection is opened again with {@code Last-Event-ID}
 * of the last event seen, so nothing is missed or repeated; an answer that will not change by retrying (401, 404)
 * stops the stream and is handed to {@code onError}.
 */
public final class EventStream implements AutoCloseable {

    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Function<String, InputStream> connect;
    private final Consumer<ServerEvent> onEvent;
    private final Consumer<ApiError> onError;
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile String lastEventId;

    private EventStream(Function<String, InputStream> connect, String lastEventId, Consumer<ServerEvent> onEvent,
                        Consumer<ApiError> onError) {
        this.connect = connect;
        this.lastEventId = lastEventId;
        this.onEvent = onEvent;
        this.onError = onError;
        this.reader = new Thread(this::run, "osm-event-stream");
        this.reader.setDaemon(true);
    }

    static EventStream start(Function<String, InputStream> connect, String lastEventId, Consumer<ServerEvent> onEvent,
                             Consumer<ApiError> onError) {
        EventStream stream = new EventStream(connect, lastEventId, onEvent, onError);
        stream.reader.start();
        return stream;
    }

    private void run() {
        long backoff = 250;
        while (!closed) {
            try (InputStream in = connect.apply(lastEventId)) {
                current = in;
                backoff = 250;
                read(in);
            } catch (ApiError e) {
                if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
                    if (!closed) {
                        onError.accept(e);
                    }
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // dropped: open it again after a pause
            }
            if (!closed) {
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void read(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        String line;
        while (!closed && (line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0 || type != null) {
                    if (id != null) {
                        lastEventId = id;
                    }
                    onEvent.accept(new ServerEvent(id, type == null ? "message" : type, data.toString()));
                }
                id = null;
                type = null;
                data.setLength(0);
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> type = value;
                    case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                    default -> { }
                }
            }
        }
    }

    /** The id of the last event handed on, for a later resume. */
    public String lastEventId() {
        return lastEventId;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a dropped connection
            }
        }
        reader.interrupt();
    }
}
