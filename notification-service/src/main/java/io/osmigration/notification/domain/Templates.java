package io.osmigration.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every message text lives here: subjects, the plain-text and HTML e-mail bodies and the DingTalk markdown, for
 * per-job messages, batch digests, snapshot reminders and grouped DingTalk messages. One place, so wording stays
 * consistent and can be reviewed at once.
 */
public final class Templates {

    private static final String PREFIX = "[osmigration] ";
    private static final int MAX_REMINDER_LINES = 50;

    private final String dashboardUrl;

    public Templates(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl.endsWith("/") ? dashboardUrl.substring(0, dashboardUrl.length() - 1)
                : dashboardUrl;
    }

    // ---------------------------------------------------------------- per job

    public RenderedMessage job(JobEvent event) {
        String headline = headline(event);
        String subject = PREFIX + headline + ": " + event.server() + destinationSuffix(event);
        String link = jobLink(event);
        Lines lines = new Lines();
        lines.field("Job", event.jobId());
        lines.field("Batch", event.batchId());
        lines.field("Source", event.sourceId());
        lines.field("Instance", event.instanceId());
        lines.field("Destination OS", event.destinationOs());
        lines.field("Outcome", outcome(event));
        lines.field("Step", event.step());
        lines.field("Reason", event.reason());
        if (!event.snapshots().isEmpty()) {
            lines.field("Snapshots", event.snapshots().size() + " (" + money(event.dailyCost()) + " per day)");
        }
        StringBuilder text = new StringBuilder(headline).append("\n\n").append(lines.text());
        StringBuilder html = new StringBuilder("<h2>").append(esc(headline)).append("</h2>").append(lines.html());
        StringBuilder md = new StringBuilder("### ").append(md(headline)).append("\n\n").append(lines.markdown());
        List<Finding> findings = event.findings();
        if (!findings.isEmpty()) {
            text.append("\nFindings:\n");
            html.append("<h3>Findings</h3><ul>");
            md.append("\n**Findings**\n\n");
            for (Finding finding : findings) {
                text.append("- [").append(finding.severity()).append("] ").append(finding.code()).append(": ")
                        .append(finding.title());
                html.append("<li><b>[").append(esc(finding.severity())).append("] ").append(esc(finding.code()))
                        .append("</b>: ").append(esc(finding.title()));
                md.append("- **").append(md(finding.severity())).append(" ").append(md(finding.code())).append("**: ")
                        .append(md(finding.title()));
                if (notBlank(finding.detail())) {
                    text.append(" (").append(finding.detail()).append(")");
                    html.append(" <i>").append(esc(finding.detail())).append("</i>");
                }
                if (notBlank(finding.remediationHint())) {
                    text.append("\n  Remedy: ").append(finding.remediationHint());
                    html.append("<br>Remedy: ").append(esc(finding.remediationHint()));
                    md.append("\n  - Remedy: ").append(md(finding.remediationHint()));
                }
                if (notBlank(finding.remediationCommand())) {
                    text.append("\n  Command: ").append(finding.remediationCommand());
                    html.append("<br>Command: <code>").append(esc(finding.remediationCommand())).append("</code>");
                    md.append("\n  - Command: `").append(finding.remediationCommand().replace("`", "'")).append("`");
                }
                text.append("\n");
                html.append("</li>");
                md.append("\n");
            }
            html.append("</ul>");
        }
        text.append("\nDashboard: ").append(link).append("\n");
        html.append("<p><a href=\"").append(esc(link)).append("\">Open in the dashboard</a></p>");
        md.append("\n[Open in the dashboard](").append(link).append(")\n");
        return new RenderedMessage(subject, text.toString(), wrap(html), PREFIX + headline, md.toString());
    }

    static String headline(JobEvent event) {
        return switch (event.type()) {
            case PRECHECK_FAILED -> "Pre-check failed";
            case DRILL_COMPLETED -> event.failure() ? "Drill found critical items" : "Drill completed";
            case MIGRATION_COMPLETED -> "Migration completed";
            case MIGRATION_FAILED -> "Migration failed";
            case DISKS_ROLLED_BACK -> "Disks rolled back";
            case SNAPSHOT_CREATION_FAILED -> "Snapshot creation failed";
            case SNAPSHOT_RELEASED -> "Snapshots released";
            case BATCH_FINISHED -> "Batch finished";
            case BATCH_PAUSED -> "Batch paused";
            case BATCH_RESUMED -> "Batch resumed";
            case SNAPSHOT_REMINDER -> "Snapshots kept";
        };
    }

    private static String destinationSuffix(JobEvent event) {
        return notBlank(event.destinationOs()) ? " → " + event.destinationOs() : "";
    }

    private static String outcome(JobEvent event) {
        return event.outcome() == null ? null : event.outcome().label();
    }

    private String jobLink(JobEvent event) {
        if (event.batchId() == null) {
            return dashboardUrl + "/";
        }
        return dashboardUrl + "/?batch=" + event.batchId() + (event.jobId() == null ? "" : "&job=" + event.jobId());
    }

    // ---------------------------------------------------------------- digest

    /** The digest of a batch whose every job ended (BatchFinished): counts, top blockers, snapshots kept. */
    public RenderedMessage digest(BatchDigest digest) {
        String headline = (digest.cancelled() ? "Batch cancelled: " : "Batch finished: ") + digest.batchId();
        String subject = PREFIX + headline + " (" + summaryCounts(digest.countsByState()) + ")";
        Lines lines = new Lines();
        lines.field("Batch", digest.batchId());
        lines.field("Jobs", Integer.toString(digest.totalJobs()));
        digest.countsByState().forEach((state, count) -> lines.field(state, Integer.toString(count)));
        lines.field("Snapshots kept", digest.snapshotsKept() + " (" + money(digest.dailyCost()) + " per day)");
        return batchMessage(headline, subject, lines, digest.topBlockers(), digest.batchId());
    }

    /** A batch stopped releasing jobs: who or which threshold paused it, why, and where it stands so far. */
    public RenderedMessage paused(BatchPause pause) {
        String headline = "Batch paused: " + pause.batchId();
        String subject = PREFIX + headline + (pause.byThreshold() ? " (failure threshold reached)"
                : " (by " + pause.by() + ")");
        Lines lines = new Lines();
        lines.field("Batch", pause.batchId());
        lines.field("Paused by", pause.byThreshold() ? "the failure threshold" : pause.by());
        lines.field("Reason", pause.reason());
        lines.field("Jobs so far", pause.expectedJobs() > 0 ? pause.knownJobs() + " of " + pause.expectedJobs()
                : Integer.toString(pause.knownJobs()));
        pause.countsByState().forEach((state, count) -> lines.field(state, Integer.toString(count)));
        lines.field("What now", "Jobs already running go on; no new job starts until the batch is resumed "
                + "(POST /api/v1/migrations/" + pause.batchId() + ":resume) or cancelled.");
        return batchMessage(headline, subject, lines, pause.topBlockers(), pause.batchId());
    }

    /** A paused batch releases jobs again. */
    public RenderedMessage resumed(String batchId, String by) {
        String headline = "Batch resumed: " + batchId;
        Lines lines = new Lines();
        lines.field("Batch", batchId);
        lines.field("Resumed by", by);
        return batchMessage(headline, PREFIX + headline + (notBlank(by) ? " (by " + by + ")" : ""), lines, List.of(),
                batchId);
    }

    private RenderedMessage batchMessage(String headline, String subject, Lines lines,
                                         List<BatchDigest.Blocker> blockers, String batchId) {
        String link = dashboardUrl + "/?batch=" + batchId;
        StringBuilder text = new StringBuilder(headline).append("\n\n").append(lines.text());
        StringBuilder html = new StringBuilder("<h2>").append(esc(headline)).append("</h2>").append(lines.html());
        StringBuilder md = new StringBuilder("### ").append(md(headline)).append("\n\n").append(lines.markdown());
        if (!blockers.isEmpty()) {
            text.append("\nTop blockers:\n");
            html.append("<h3>Top blockers</h3><ol>");
            md.append("\n**Top blockers**\n\n");
            for (BatchDigest.Blocker blocker : blockers) {
                String line = blocker.code() + " (" + blocker.jobs() + " job" + (blocker.jobs() == 1 ? "" : "s")
                        + "): " + blocker.title();
                text.append("- ").append(line);
                html.append("<li><b>").append(esc(blocker.code())).append("</b> (").append(blocker.jobs())
                        .append(" jobs): ").append(esc(blocker.title()));
                md.append("- **").append(md(blocker.code())).append("** (").append(blocker.jobs()).append(" jobs): ")
                        .append(md(blocker.title()));
                if (notBlank(blocker.remedy())) {
                    text.append("\n  Remedy: ").append(blocker.remedy());
                    html.append("<br>Remedy: ").append(esc(blocker.remedy()));
                    md.append("\n  - Remedy: ").append(md(blocker.remedy()));
                }
                text.append("\n");
                html.append("</li>");
                md.append("\n");
            }
            html.append("</ol>");
        }
        text.append("\nDashboard: ").append(link).append("\n");
        html.append("<p><a href=\"").append(esc(link)).append("\">Open the batch in the dashboard</a></p>");
        md.append("\n[Open the batch in the dashboard](").append(link).append(")\n");
        return new RenderedMessage(subject, text.toString(), wrap(html), PREFIX + headline, md.toString());
    }

    private static String summaryCounts(Map<String, Integer> counts) {
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    // ---------------------------------------------------------------- reminder

    public RenderedMessage reminder(List<KeptSnapshots> kept, Duration after, Instant now) {
        int snapshots = kept.stream().mapToInt(KeptSnapshots::snapshots).sum();
        double cost = kept.stream().mapToDouble(KeptSnapshots::dailyCost).sum();
        String headline = "Snapshots kept past retention: " + snapshots + " snapshot" + (snapshots == 1 ? "" : "s")
                + " of " + kept.size() + " job" + (kept.size() == 1 ? "" : "s") + ", " + money(cost) + " per day";
        String subject = PREFIX + headline;
        StringBuilder text = new StringBuilder(headline).append("\n\nThese backup snapshots are older than ")
                .append(after).append(" and still billed. Release them once the servers are verified:\n")
                .append("POST /api/v1/snapshots/jobs/{jobId}:release on the snapshot service.\n\n");
        StringBuilder html = new StringBuilder("<h2>").append(esc(headline)).append("</h2><p>These backup snapshots are older than ")
                .append(esc(after.toString())).append(" and still billed. Release them once the servers are verified "
                        + "(<code>POST /api/v1/snapshots/jobs/{jobId}:release</code>).</p><ul>");
        StringBuilder md = new StringBuilder("### ").append(md(headline)).append("\n\nOlder than ").append(after)
                .append(" and still billed. Release with `POST /api/v1/snapshots/jobs/{jobId}:release`.\n\n");
        kept.stream().limit(MAX_REMINDER_LINES).forEach(item -> {
            String server = item.instanceId() == null ? item.sourceId() : item.sourceId() + "/" + item.instanceId();
            String line = item.jobId() + " (" + server + ", batch " + item.batchId() + "): " + item.snapshots()
                    + " snapshots, " + money(item.dailyCost()) + " per day, kept "
                    + Duration.between(item.createdAt(), now).toHours() + " h";
            text.append("- ").append(line).append("\n");
            html.append("<li>").append(esc(line)).append("</li>");
            md.append("- ").append(md(line)).append("\n");
        });
        if (kept.size() > MAX_REMINDER_LINES) {
            String more = "… and " + (kept.size() - MAX_REMINDER_LINES) + " more jobs";
            text.append(more).append("\n");
            html.append("<li>").append(esc(more)).append("</li>");
            md.append("- ").append(more).append("\n");
        }
        html.append("</ul>");
        text.append("\nDashboard: ").append(dashboardUrl).append("/\n");
        html.append("<p><a href=\"").append(esc(dashboardUrl)).append("/\">Open the dashboard</a></p>");
        md.append("\n[Open the dashboard](").append(dashboardUrl).append("/)\n");
        return new RenderedMessage(subject, text.toString(), wrap(html), PREFIX + "Snapshots kept", md.toString());
    }

    // ---------------------------------------------------------------- DingTalk grouping

    /** Several pending messages for one robot as one markdown message, to stay under its rate limit. */
    public static RenderedMessage group(List<RenderedMessage> messages) {
        if (messages.size() == 1) {
            return messages.get(0);
        }
        String title = PREFIX + messages.size() + " notifications";
        StringBuilder md = new StringBuilder("## ").append(md(title)).append("\n\n");
        StringBuilder text = new StringBuilder(title).append("\n\n");
        for (RenderedMessage message : messages) {
            md.append(message.markdown()).append("\n---\n\n");
            text.append(message.text()).append("\n----\n\n");
        }
        return new RenderedMessage(title, text.toString(), null, title, md.toString());
    }

    /** Cuts a message's markdown to {@code maxChars}, saying so; e-mail has no such limit. */
    public static RenderedMessage truncate(RenderedMessage message, int maxChars) {
        if (message.markdown() == null || message.markdown().length() <= maxChars) {
            return message;
        }
        String note = "\n\n… (cut to fit a DingTalk message; the dashboard has everything)\n";
        String markdown = message.markdown().substring(0, Math.max(0, maxChars - note.length())) + note;
        return new RenderedMessage(message.subject(), message.text(), message.html(), message.markdownTitle(),
                markdown);
    }

    // ---------------------------------------------------------------- helpers

    static String money(double amount) {
        return String.format(Locale.ROOT, "%.2f", amount);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static String wrap(StringBuilder body) {
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">" + body + "</body></html>";
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** DingTalk markdown has no escaping; keep user text from opening emphasis or links. */
    static String md(String value) {
        return value == null ? "" : value.replace("*", "\\*").replace("[", "(").replace("]", ")").replace("\n", " ");
    }

    /** Label/value lines rendered the same way in every format; null values are skipped. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder html = new StringBuilder("<table>");
        private final StringBuilder markdown = new StringBuilder();

        void field(String label, String value) {
            if (!notBlank(value)) {
                return;
            }
            text.append(label).append(": ").append(value).append("\n");
            html.append("<tr><td><b>").append(esc(label)).append("</b></td><td>").append(esc(value))
                    .append("</td></tr>");
            markdown.append("- ").append(md(label)).append(": ").append(md(value)).append("\n");
        }

        String text() {
            return text.toString();
        }

        String html() {
            return html + "</table>";
        }

        String markdown() {
            return markdown.toString();
        }
    }
}
