package io.osmigration.infra;

import java.time.Duration;
import java.util.Objects;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP + IMAP server in this JVM (GreenMail, jakarta mail). Mailboxes live in memory.
 *
 * <pre>{@code
 * try (EmbeddedMailServer mail = EmbeddedMailServer.builder().smtpPort(0).imapPort(0).build().start()) {
 *     mail.user("ops@example.org", "ops", "secret");   // before mail for it arrives
 *     // send to localhost:mail.smtpPort(), read via IMAP localhost:mail.imapPort() as ops/secret
 * }
 * }</pre>
 *
 * <p>Mail for any recipient is accepted; a recipient without an account gets one on delivery, with login and password
 * both equal to its address. With authentication disabled (the default) any IMAP login/password is accepted, and an
 * unknown login is created on the fly, so a desktop mail client can connect to the all-in-one with anything.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

    public static final int DEFAULT_SMTP_PORT = 3025;
    public static final int DEFAULT_IMAP_PORT = 3143;

    private final String host;
    private final int configuredSmtpPort;
    private final int configuredImapPort;
    private final boolean authenticationDisabled;
    private final Duration startupTimeout;

    private GreenMail greenMail;

    private EmbeddedMailServer(Builder b) {
        this.host = b.host;
        this.configuredSmtpPort = b.smtpPort;
        this.configuredImapPort = b.imapPort;
        this.authenticationDisabled = b.authenticationDisabled;
        this.startupTimeout = b.startupTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts SMTP and IMAP and waits until both listen; returns {@code this}. A no-op when already running. */
    public synchronized EmbeddedMailServer start() {
        if (greenMail != null) {
            return this;
        }
        ServerSetup smtp = setup(configuredSmtpPort, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = setup(configuredImapPort, ServerSetup.PROTOCOL_IMAP);
        GreenMail gm = new GreenMail(new ServerSetup[] {smtp, imap});
        GreenMailConfiguration config = GreenMailConfiguration.aConfig();
        if (authenticationDisabled) {
            config = config.withDisabledAuthentication();
        }
        gm.withConfiguration(config);
        try {
            gm.start();
        } catch (RuntimeException e) {
            try {
                gm.stop();
            } catch (RuntimeException ignored) {
                // best effort
            }
            throw new IllegalStateException("Cannot start mail server (SMTP " + host + ":" + configuredSmtpPort
                    + ", IMAP " + host + ":" + configuredImapPort + ")", e);
        }
        greenMail = gm;
        log.info("Mail server listening: SMTP {}:{}, IMAP {}:{}", host, smtpPort(), host, imapPort());
        return this;
    }

    private ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, host, protocol);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        setup.setServerStartupTimeout(startupTimeout.toMillis());
        return setup;
    }

    /** The bound SMTP port. Valid once started. */
    public synchronized int smtpPort() {
        return running().getSmtp().getPort();
    }

    /** The bound IMAP port. Valid once started. */
    public synchronized int imapPort() {
        return running().getImap().getPort();
    }

    public String host() {
        return host;
    }

    /**
     * Creates the account {@code email} with this IMAP login and password, or updates the password if the login
     * exists. Create it before mail for {@code email} arrives: delivery to an unknown address creates an account whose
     * login is the address.
     */
    public synchronized GreenMailUser user(String email, String login, String password) {
        return running().setUser(email, login, password);
    }

    /** {@link #user(String, String, String)} with the address as login. */
    public synchronized GreenMailUser user(String email, String password) {
        return running().setUser(email, email, password);
    }

    /** All messages delivered so far, to any mailbox. */
    public synchronized MimeMessage[] receivedMessages() {
        return running().getReceivedMessages();
    }

    /** Waits up to {@code timeout} until at least {@code count} messages have been delivered in total. */
    public boolean waitForIncomingEmail(Duration timeout, int count) {
        GreenMail gm;
        synchronized (this) {
            gm = running();
        }
        return gm.waitForIncomingEmail(timeout.toMillis(), count);
    }

    /** Deletes all messages in all mailboxes (accounts stay). */
    public synchronized void purgeAllMessages() {
        try {
            running().purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("Purging mailboxes failed", e);
        }
    }

    /** The underlying GreenMail, for anything not covered here. */
    public synchronized GreenMail greenMail() {
        return running();
    }

    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    @Override
    public synchronized void close() {
        GreenMail gm = greenMail;
        greenMail = null;
        if (gm == null) {
            return;
        }
        try {
            gm.stop();
        } catch (RuntimeException e) {
            log.warn("Error while stopping mail server", e);
        }
        log.info("Mail server stopped");
    }

    private GreenMail running() {
        if (greenMail == null) {
            throw new IllegalStateException("Mail server not started");
        }
        return greenMail;
    }

    @Override
    public String toString() {
        return "EmbeddedMailServer[" + host + ", smtp=" + configuredSmtpPort + ", imap=" + configuredImapPort + "]";
    }

    /** Configuration of an {@link EmbeddedMailServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int smtpPort = DEFAULT_SMTP_PORT;
        private int imapPort = DEFAULT_IMAP_PORT;
        private boolean authenticationDisabled = true;
        private Duration startupTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Default 3025; 0 binds a free port. */
        public Builder smtpPort(int port) {
            this.smtpPort = checkPort(port);
            return this;
        }

        /** Default 3143; 0 binds a free port. */
        public Builder imapPort(int port) {
            this.imapPort = checkPort(port);
            return this;
        }

        /** Bind address; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Whether IMAP/SMTP accept any credentials (default true). False: only accounts' own passwords. */
        public Builder authenticationDisabled(boolean disabled) {
            this.authenticationDisabled = disabled;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public EmbeddedMailServer build() {
            return new EmbeddedMailServer(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid port: " + port);
            }
            return port;
        }
    }
}
