package io.osmigration.notification.domain;

/** One message in every form a channel needs: e-mail (plain text and HTML) and DingTalk markdown. */
public record RenderedMessage(String subject, String text, String html, String markdownTitle, String markdown) {
}
