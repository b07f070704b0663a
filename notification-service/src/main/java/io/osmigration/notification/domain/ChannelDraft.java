package io.osmigration.notification.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A channel as submitted, before validation. Strings throughout so that a wrong value is reported by field name
 * instead of failing to parse.
 */
public record ChannelDraft(String type, String name, List<String> recipients, String webhookUrl, String secret,
                           List<String> events, List<String> batchIds, String perJobMessages) {

    /** local@domain, no spaces; the domain made of dot-separated labels. Deliberately simple: SMTP has the last word. */
    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$");
    private static final Pattern WEBHOOK = Pattern.compile("^https?://[^\\s/?#@]+(?:[/?#]\\S*)?$",
            Pattern.CASE_INSENSITIVE);

    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        ChannelType channelType = parseType(violations);
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "must not be blank"));
        } else if (name.length() > 200) {
            violations.add(new Violation("name", "must be at most 200 characters"));
        }
        if (channelType == ChannelType.EMAIL) {
            checkRecipients(violations);
        }
        if (channelType == ChannelType.DINGTALK) {
            if (webhookUrl == null || webhookUrl.isBlank()) {
                violations.add(new Violation("webhookUrl", "is required for a DINGTALK channel"));
            } else if (!WEBHOOK.matcher(webhookUrl).matches()) {
                violations.add(new Violation("webhookUrl", "must be an http or https URL"));
            }
        }
        if (secret != null && secret.length() > 500) {
            violations.add(new Violation("secret", "must be at most 500 characters"));
        }
        checkEvents(violations);
        if (batchIds != null) {
            for (int i = 0; i < batchIds.size(); i++) {
                if (batchIds.get(i) == null || batchIds.get(i).isBlank()) {
                    violations.add(new Violation("batchIds[" + i + "]", "must not be blank"));
                }
            }
        }
        if (perJobMessages != null && parseEnum(PerJobMessages.class, perJobMessages) == null) {
            violations.add(new Violation("perJobMessages", "must be one of ALL, FAILURES_ONLY, NONE"));
        }
        return violations;
    }

    private ChannelType parseType(List<Violation> violations) {
        if (type == null || type.isBlank()) {
            violations.add(new Violation("type", "is required: EMAIL or DINGTALK"));
            return null;
        }
        ChannelType parsed = parseEnum(ChannelType.class, type);
        if (parsed == null) {
            violations.add(new Violation("type", "must be EMAIL or DINGTALK"));
        }
        return parsed;
    }

    private void checkRecipients(List<Violation> violations) {
        if (recipients == null || recipients.isEmpty()) {
            violations.add(new Violation("recipients", "at least one address is required for an EMAIL channel"));
            return;
        }
        for (int i = 0; i < recipients.size(); i++) {
            String address = recipients.get(i);
            if (address == null || !ADDRESS.matcher(address.trim()).matches()) {
                violations.add(new Violation("recipients[" + i + "]", "is not a valid e-mail address"));
            }
        }
    }

    private void checkEvents(List<Violation> violations) {
        if (events == null || events.isEmpty()) {
            violations.add(new Violation("events", "at least one event type is required; known: "
                    + EventType.knownNames()));
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null || EventType.byName(events.get(i)).isEmpty()) {
                violations.add(new Violation("events[" + i + "]", "unknown event type; known: "
                        + EventType.knownNames()));
            }
        }
    }

    /** The valid channel; call only when {@link #violations()} is empty. */
    public Channel toChannel(String id, java.time.Instant now) {
        ChannelType channelType = parseEnum(ChannelType.class, type);
        Set<EventType> eventTypes = new LinkedHashSet<>();
        events.forEach(event -> eventTypes.add(EventType.byName(event).orElseThrow()));
        boolean email = channelType == ChannelType.EMAIL;
        return new Channel(id, channelType, name.trim(),
                email ? recipients.stream().map(String::trim).toList() : List.of(),
                email ? null : webhookUrl.trim(),
                email || secret == null || secret.isEmpty() ? null : secret,
                eventTypes, batchIds == null ? List.of() : batchIds.stream().map(String::trim).toList(),
                perJobMessages == null ? PerJobMessages.ALL : parseEnum(PerJobMessages.class, perJobMessages),
                false, now);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ChannelDraft[type=" + type + ", name=" + name + ", webhookUrl=" + UrlMasking.mask(webhookUrl)
                + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
