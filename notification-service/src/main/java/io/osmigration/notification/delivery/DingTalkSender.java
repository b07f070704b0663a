package io.osmigration.notification.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.DingTalkSignature;
import io.osmigration.notification.domain.RenderedMessage;
import io.osmigration.notification.domain.UrlMasking;
import io.osmigration.platform.web.JsonStrings;

/**
 * A DingTalk custom robot: {@code {"msgtype":"markdown","markdown":{"title","text"}}} POSTed to the webhook, signed
 * with {@code timestamp} and {@code sign} when the channel has a secret. DingTalk answers HTTP 200 with
 * {@code errcode} 0 on success; 130101 means "sending too fast" (worth retrying), other codes (310000: signature or
 * keyword refused, 300001: bad token) will not change on a retry.
 */
@Component
class DingTalkSender implements ChannelSender {

    static final int TOO_FAST = 130101;
    private static final Pattern ERRCODE = Pattern.compile("\"errcode\"\\s*:\\s*(-?\\d+)");
    private static final Pattern ERRMSG = Pattern.compile("\"errmsg\"\\s*:\\s*\"([^\"]{0,200})");

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    DingTalkSender(NotificationProperties properties, Clock clock) {
        this.timeout = properties.dingtalk().timeout();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ChannelType type() {
        return ChannelType.DINGTALK;
    }

    @Override
    public void send(Channel channel, RenderedMessage message) throws DeliveryException {
        String url = channel.secretConfigured()
                ? DingTalkSignature.signedUrl(channel.webhookUrl(), clock.millis(), channel.secret())
                : channel.webhookUrl();
        String body = "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":" + json(message.markdownTitle())
                + ",\"text\":" + json(message.markdown()) + "}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        String where = UrlMasking.mask(channel.webhookUrl());
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The exception text may hold the URL with its token: report the masked URL and the type only.
            throw new DeliveryException("Webhook " + where + " unreachable: " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Interrupted while calling " + where, true);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 408) {
            throw new DeliveryException("Webhook " + where + " answered HTTP " + status, true);
        }
        if (status >= 300) {
            throw new DeliveryException("Webhook " + where + " answered HTTP " + status, false);
        }
        Matcher code = ERRCODE.matcher(response.body());
        if (!code.find()) {
            throw new DeliveryException("Webhook " + where + " gave no errcode", true);
        }
        int errcode = Integer.parseInt(code.group(1));
        if (errcode != 0) {
            Matcher errmsg = ERRMSG.matcher(response.body());
            String reason = errmsg.find() ? errmsg.group(1) : "";
            throw new DeliveryException("DingTalk errcode " + errcode + " " + reason, errcode == TOO_FAST);
        }
    }

    static String json(String value) {
        return JsonStrings.quote(value);
    }
}
