package io.osmigration.notification.delivery;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.RenderedMessage;

/** E-mail through Spring's {@link JavaMailSender}: one multipart/alternative message, plain text and HTML. */
@Component
class EmailSender implements ChannelSender {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;

    EmailSender(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public void send(Channel channel, RenderedMessage message) throws DeliveryException {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new DeliveryException("No mail server configured (spring.mail.host)", false);
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(channel.recipients().toArray(String[]::new));
            helper.setSubject(message.subject());
            helper.setText(message.text(), message.html());
            sender.send(mime);
        } catch (MessagingException | MailParseException | MailPreparationException e) {
            throw new DeliveryException("Mail could not be composed: " + e.getMessage(), false);
        } catch (MailException e) {
            throw new DeliveryException("SMTP: " + e.getMessage(), true);
        }
    }
}
