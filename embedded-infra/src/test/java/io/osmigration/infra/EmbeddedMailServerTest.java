package io.osmigration.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

class EmbeddedMailServerTest {

    @Test
    void sendsViaSmtpAndReadsViaImap() throws Exception {
        try (EmbeddedMailServer mail = EmbeddedMailServer.builder().smtpPort(0).imapPort(0).build().start()) {
            assertThat(mail.smtpPort()).isNotEqualTo(mail.imapPort()).isPositive();
            mail.user("ops@osmigration.local", "ops", "secret");

            send(mail, "ops@osmigration.local", "Migration finished", "i-1 is on Alibaba Cloud Linux 3");
            send(mail, "someone-unknown@example.org", "Any recipient", "is accepted");
            assertThat(mail.waitForIncomingEmail(Duration.ofSeconds(10), 2)).isTrue();

            assertThat(readInbox(mail, "ops", "secret")).containsExactly("Migration finished");
            // Delivery created an account for the unknown recipient; its login is the address.
            assertThat(readInbox(mail, "someone-unknown@example.org", "whatever")).containsExactly("Any recipient");
        }
    }

    static void send(EmbeddedMailServer mail, String to, String subject, String body) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@osmigration.local"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        message.setText(body);
        Transport.send(message);
    }

    static java.util.List<String> readInbox(EmbeddedMailServer mail, String login, String password) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(props);
        Store store = session.getStore("imap");
        store.connect(mail.host(), mail.imapPort(), login, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                java.util.List<String> subjects = new java.util.ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    subjects.add(m.getSubject());
                }
                return subjects;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
