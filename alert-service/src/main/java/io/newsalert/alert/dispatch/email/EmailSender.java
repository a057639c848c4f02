package io.newsalert.alert.dispatch.email;

import io.newsalert.alert.dispatch.ChannelSender;
import io.newsalert.alert.dispatch.Notification;
import io.newsalert.alert.dispatch.SendResult;
import io.newsalert.events.Channel;
import io.newsalert.events.Match;
import io.newsalert.events.Span;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends alerts as e-mail over SMTP with Quarkus Mailer: a subject with the matched term and the
 * headline, a text and an HTML body (Qute templates {@code dispatch/alert.txt|html}) with the
 * snippet, the link, why it matched and an unsubscribe link. Every SMTP failure is retried like a
 * failing webhook: the mail server's trouble is usually passing.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    /** What the templates see for one alert. */
    @TemplateData
    public record AlertView(String title, String link, String snippet, String why, String feed, String published) {}

    @Inject
    Mailer mailer;

    @Inject
    @Location("dispatch/alert.txt")
    Template text;

    @Inject
    @Location("dispatch/alert.html")
    Template html;

    @Inject
    UnsubscribeLinks unsubscribe;

    @ConfigProperty(name = "newsalert.delivery.email.smtp-endpoint", defaultValue = "smtp")
    String endpoint;

    @Override
    public String endpointOf(Channel channel) {
        // Every mail leaves through the one SMTP server: one lane, one breaker.
        return "email " + endpoint;
    }

    @Override
    public SendResult send(Channel channel, Notification n) {
        String address = channel.address();
        if (address == null || !address.contains("@")) {
            return SendResult.permanent(0, "e-mail channel has no valid address: " + address);
        }
        List<AlertView> alerts = n.matches().stream().map(EmailSender::view).toList();
        String link = unsubscribe.linkFor(n.subscription().id(), address);
        String subject = subjectOf(n);
        var data = new java.util.HashMap<String, Object>();
        data.put("name", n.subscription().name());
        data.put("query", n.subscription().query());
        data.put("alerts", alerts);
        data.put("digest", n.kind() == Notification.Kind.digest);
        data.put("unsubscribe", link);
        try {
            Mail mail = Mail.withText(address, subject, text.data(data).render())
                    .setHtml(html.data(data).render())
                    .addHeader("List-Unsubscribe", "<" + link + ">")
                    .addHeader("X-Newsalert-Delivery", n.id());
            mailer.send(mail);
            return SendResult.delivered(250, "");
        } catch (RuntimeException e) {
            return SendResult.retry(0, "SMTP send failed: " + rootMessage(e), null);
        }
    }

    static String subjectOf(Notification n) {
        Match first = n.first();
        if (n.kind() == Notification.Kind.digest) {
            return oneLine("[Newsalert] " + n.subscription().name() + ": " + n.matches().size() + " new articles");
        }
        return oneLine("[Newsalert] " + termOf(first, n.subscription().query()) + ": " + first.title());
    }

    /**
     * Titles come from feeds on the internet and names and queries from subscribers: a line break in
     * them must not start a header of its own (header injection), so every control character is a space.
     */
    static String oneLine(String subject) {
        return subject.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
    }

    private static String termOf(Match m, String query) {
        LinkedHashSet<String> terms = new LinkedHashSet<>();
        for (Span s : m.spans()) {
            if (s.term() != null && !s.term().isBlank()) {
                terms.add(s.term());
            }
        }
        return terms.isEmpty() ? query : String.join(", ", terms);
    }

    static AlertView view(Match m) {
        LinkedHashSet<String> why = new LinkedHashSet<>();
        for (Span s : m.spans()) {
            why.add("\"" + s.term() + "\" in " + s.field());
        }
        // Only a web link becomes a link: a feed's "javascript:" or "data:" link must not reach a mail's href.
        String link = m.link() != null && m.link().strip().matches("(?i)https?://\\S+") ? m.link().strip() : "";
        return new AlertView(m.title(), link, m.snippet() == null ? "" : m.snippet(),
                why.isEmpty() ? "matched your query" : "matched " + String.join(", ", why),
                m.feedId() == null ? "" : m.feedId(), m.published() == null ? "" : m.published().toString());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
