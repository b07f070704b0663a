package io.osmigration.notification;

import java.io.IOException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The text/plain and text/html parts of a received mail. */
record MailParts(String text, String html) {

    static MailParts of(Part message) {
        try {
            String[] found = new String[2];
            collect(message, found);
            return new MailParts(found[0], found[1]);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, String[] found) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && found[0] == null) {
            found[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && found[1] == null) {
            found[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, found);
            }
        }
    }
}
